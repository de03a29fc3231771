import { sql, type Kysely } from 'kysely'

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))
// Frozen here: a migration never follows a live list.
const STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'awaiting_info', 'replied', 'resolved', 'rejected', 'withdrawn']
const OPEN = ['submitted', 'accepted', 'assigned', 'in_progress', 'awaiting_info']
const KINDS = ['inspector', 'specialist', 'volunteer']
const DISTRICTS = ['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan']

// The department workbench (issue 9): a status for "waiting for the reporter", the department's internal notes on
// the timeline, the deadline that applies now as a column the inbox sorts by, the audit log, supervisors' kinds and
// invitations, campaigns, and a published case's private link to the complaint it came from.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE complaints DROP CONSTRAINT complaints_status_check`.execute(db)
  await sql`ALTER TABLE complaints ADD CONSTRAINT complaints_status_check CHECK (status IN (${list(STATUSES)}))`.execute(db)
  await sql`ALTER TABLE complaint_events DROP CONSTRAINT complaint_events_status_check`.execute(db)
  await sql`ALTER TABLE complaint_events ADD CONSTRAINT complaint_events_status_check CHECK (status IN (${list(STATUSES)}))`.execute(db)

  // Never part of the reporter's view (their timeline is built from `note` only).
  await sql`ALTER TABLE complaint_events ADD COLUMN internal_note text CHECK (length(internal_note) <= 2000)`.execute(db)

  // The deadline that applies now: acceptance while nobody has taken the ticket, the reply after. Stored, so the
  // inbox pages by (scope, due, id) from an index instead of sorting every ticket of a department.
  await sql`
    ALTER TABLE complaints ADD COLUMN due_on date GENERATED ALWAYS AS (CASE WHEN status = 'submitted' THEN accept_due ELSE reply_due END) STORED`.execute(db)
  await sql`ALTER TABLE complaints ADD COLUMN is_open boolean GENERATED ALWAYS AS (status IN (${list(OPEN)})) STORED`.execute(db)
  // Most tickets are closed; the inbox's default list is the open ones, in due order, for a department (city staff),
  // a department in a district, or everything (admin): small partial indexes. A status tab reads the ones by status,
  // whose leading columns also answer the per-status counts of a scope with an index-only scan.
  await sql`CREATE INDEX complaints_open_by_department ON complaints (department, due_on, id) WHERE is_open`.execute(db)
  await sql`CREATE INDEX complaints_open_by_district ON complaints (department, district, due_on, id) WHERE is_open`.execute(db)
  await sql`CREATE INDEX complaints_open_all ON complaints (due_on, id) WHERE is_open`.execute(db)
  await sql`CREATE INDEX complaints_status_by_department ON complaints (department, status, due_on, id)`.execute(db)
  await sql`CREATE INDEX complaints_status_by_district ON complaints (department, district, status, due_on, id)`.execute(db)
  await sql`CREATE INDEX complaints_status_all ON complaints (status, due_on, id)`.execute(db)
  // Similar open reports of a page's institutions, counted from the index alone.
  await sql`CREATE INDEX complaints_open_similar ON complaints (institution_id, category, department, district) WHERE is_open AND institution_id IS NOT NULL`.execute(db)

  // Tickets per department, district ('' for the city level) and status, kept by a trigger in the same transaction as
  // the change: the inbox's tabs read a handful of rows instead of counting thousands of tickets per request.
  await sql`
    CREATE TABLE complaint_counts (
      department text NOT NULL,
      district text NOT NULL,
      status text NOT NULL,
      n integer NOT NULL CHECK (n >= 0),
      PRIMARY KEY (department, district, status)
    )`.execute(db)
  await sql`
    CREATE FUNCTION complaint_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      old_key text;
      new_key text;
    BEGIN
      IF TG_OP <> 'INSERT' THEN old_key := OLD.department || '|' || coalesce(OLD.district, '') || '|' || OLD.status; END IF;
      IF TG_OP <> 'DELETE' THEN new_key := NEW.department || '|' || coalesce(NEW.district, '') || '|' || NEW.status; END IF;
      IF old_key IS NOT DISTINCT FROM new_key THEN RETURN NULL; END IF;
      -- Rows are always touched in key order, so two transfers crossing each other cannot deadlock.
      IF new_key IS NOT NULL AND (old_key IS NULL OR new_key < old_key) THEN
        INSERT INTO complaint_counts VALUES (NEW.department, coalesce(NEW.district, ''), NEW.status, 1)
          ON CONFLICT (department, district, status) DO UPDATE SET n = complaint_counts.n + 1;
        new_key := NULL;
      END IF;
      IF old_key IS NOT NULL THEN
        UPDATE complaint_counts SET n = n - 1 WHERE department = OLD.department AND district = coalesce(OLD.district, '') AND status = OLD.status;
      END IF;
      IF new_key IS NOT NULL THEN
        INSERT INTO complaint_counts VALUES (NEW.department, coalesce(NEW.district, ''), NEW.status, 1)
          ON CONFLICT (department, district, status) DO UPDATE SET n = complaint_counts.n + 1;
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER complaint_counts_follow AFTER INSERT OR DELETE OR UPDATE OF department, district, status ON complaints
    FOR EACH ROW EXECUTE FUNCTION complaint_counts_follow()`.execute(db)
  await sql`
    INSERT INTO complaint_counts SELECT department, coalesce(district, ''), status, count(*) FROM complaints GROUP BY 1, 2, 3`.execute(db)

  // Every staff action, insert-only: who, what, when, on what.
  await sql`
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_account_id text NOT NULL REFERENCES accounts(id),
      actor_role text NOT NULL,
      action text NOT NULL CHECK (length(action) <= 60),
      target_type text NOT NULL CHECK (length(target_type) <= 30),
      target_id text CHECK (length(target_id) <= 100),
      detail jsonb NOT NULL DEFAULT '{}'::jsonb
    )`.execute(db)
  await sql`CREATE INDEX audit_log_by_time ON audit_log (at DESC, id DESC)`.execute(db)
  await sql`
    CREATE TRIGGER audit_log_insert_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change()`.execute(db)

  await sql`ALTER TABLE accounts ADD COLUMN supervisor_kind text CHECK (supervisor_kind IN (${list(KINDS)}))`.execute(db)
  await sql`UPDATE accounts SET supervisor_kind = 'volunteer' WHERE role = 'supervisor' AND supervisor_kind IS NULL`.execute(db)

  await sql`
    CREATE TABLE supervisor_invitations (
      code text PRIMARY KEY CHECK (code ~ '^[A-Z0-9]{8}$'),
      district text NOT NULL CHECK (district IN (${list(DISTRICTS)})),
      kind text NOT NULL CHECK (kind IN (${list(KINDS)})),
      created_by text NOT NULL REFERENCES accounts(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_by text REFERENCES accounts(id),
      used_at timestamptz,
      CHECK ((used_by IS NULL) = (used_at IS NULL))
    )`.execute(db)

  await sql`
    CREATE TABLE campaigns (
      id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
      -- valibot counts UTF-16 units, PostgreSQL characters: one emoji passes a 2-unit minimum as 1 character.
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      districts text[] NOT NULL CHECK (cardinality(districts) >= 1 AND districts <@ ARRAY[${list(DISTRICTS)}]::text[]),
      focus text[] NOT NULL,
      created_by text NOT NULL REFERENCES accounts(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on)
    )`.execute(db)

  // Private: which complaint a published case came from, and who published it. Public answers are whitelists
  // (content.caseRowToCase) and never read these.
  await sql`ALTER TABLE violation_cases ADD COLUMN source_complaint_id text REFERENCES complaints(id)`.execute(db)
  await sql`ALTER TABLE violation_cases ADD COLUMN published_by text REFERENCES accounts(id)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
