import { sql, type Kysely } from 'kysely'

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))
// Frozen here: a migration never follows a live list.
const DISTRICTS = ['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan']
const DEPARTMENTS = ['culture', 'sports', 'science', 'education']

// Supervisors' field visits (issue 10). An observation is idempotent per supervisor and device-made request id; it
// keeps the device's time and the server's, the check-in with its distance to the nearest registered site, the
// checklist, photos, and the signature or its refusal. Escalation links it to a complaint both ways.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE observations (
      id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
      supervisor_id text NOT NULL REFERENCES accounts(id),
      request_id text NOT NULL,
      payload_hash text NOT NULL,
      institution_id text NOT NULL REFERENCES institutions(id),
      district text NOT NULL CHECK (district IN (${list(DISTRICTS)})),
      department text NOT NULL CHECK (department IN (${list(DEPARTMENTS)})),
      campaign_id text REFERENCES campaigns(id),
      visited_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      lat double precision NOT NULL,
      lng double precision NOT NULL,
      accuracy_m double precision NOT NULL,
      distance_m integer NOT NULL,
      flagged boolean NOT NULL,
      reason text,
      checklist jsonb NOT NULL,
      item_notes jsonb NOT NULL DEFAULT '{}'::jsonb,
      failed text[] NOT NULL,
      notes text,
      signature_file_id text REFERENCES files(id),
      signature_refused boolean NOT NULL DEFAULT false,
      complaint_id text REFERENCES complaints(id),
      UNIQUE (supervisor_id, request_id),
      CHECK (NOT flagged OR reason IS NOT NULL),
      CHECK (NOT (signature_refused AND signature_file_id IS NOT NULL))
    )`.execute(db)
  await sql`CREATE INDEX observations_by_supervisor ON observations (supervisor_id, visited_at DESC, id)`.execute(db)
  await sql`CREATE INDEX observations_by_institution ON observations (institution_id, visited_at DESC)`.execute(db)
  await sql`CREATE INDEX observations_failed ON observations (department, district, visited_at DESC) WHERE cardinality(failed) > 0`.execute(db)
  await sql`
    CREATE TABLE observation_evidence (
      observation_id text NOT NULL REFERENCES observations(id),
      file_id text NOT NULL REFERENCES files(id),
      PRIMARY KEY (observation_id, file_id)
    )`.execute(db)
  // The complaint an observation became: linked both ways (observations.complaint_id and this).
  await sql`ALTER TABLE complaints ADD COLUMN observation_id text REFERENCES observations(id)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
