import { sql, type Kysely } from 'kysely'
import { COMPLAINT_CATEGORIES } from '../../../src/domain/complaints'
import { DEPARTMENTS, DISTRICTS, INSTITUTION_STATUSES } from '../../../src/domain/catalog'

const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '))
// The statuses as they were when this migration was written; 011 widened the CHECKs (a migration never follows a live list).
const COMPLAINT_STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'resolved', 'rejected', 'withdrawn']

export async function up(db: Kysely<unknown>): Promise<void> {
  // Routing is data (DOMAIN.md 谁审批、谁监管): the lead department by the institution's standing, and co-handlers
  // by what the report is about. 'category' means "the department that approves the institution's training category".
  await sql`
    CREATE TABLE routing_leads (
      subject text PRIMARY KEY CHECK (subject IN (${list([...INSTITUTION_STATUSES, 'unknown'])})),
      lead text NOT NULL CHECK (lead IN ('category', ${list(DEPARTMENTS)}))
    )`.execute(db)
  await sql`
    INSERT INTO routing_leads (subject, lead) VALUES
      ('approved', 'category'), ('pending', 'category'), ('suspended', 'category'),
      ('revoked', 'education'), ('blacklisted', 'education'), ('unknown', 'education')`.execute(db)
  await sql`
    CREATE TABLE routing_co_handlers (
      category text PRIMARY KEY CHECK (category IN (${list(COMPLAINT_CATEGORIES)})),
      co_handlers text[] NOT NULL
    )`.execute(db)
  await sql`
    INSERT INTO routing_co_handlers (category, co_handlers) VALUES
      ('unlicensed', ARRAY['市场监督管理局']),
      ('disguised_academic', ARRAY['教育局']),
      ('prepaid_fees', ARRAY['市场监督管理局', '预收费监管银行', '中国人民银行厦门市分行']),
      ('advertising', ARRAY['市场监督管理局']),
      ('late_hours', ARRAY[]::text[]),
      ('staff', ARRAY['教育局']),
      ('refund', ARRAY['市场监督管理局', '预收费监管银行']),
      ('safety', ARRAY['消防救援支队', '住房和建设局']),
      ('scope', ARRAY[]::text[]),
      ('competition', ARRAY['教育局']),
      ('other', ARRAY[]::text[])`.execute(db)

  // Public holidays and make-up working days (调休上班), from the State Council's yearly notice.
  await sql`
    CREATE TABLE holidays (
      date date PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('holiday', 'workday')),
      name text NOT NULL
    )`.execute(db)

  // Ticket numbers come from a sequence: no row is locked until commit, so parallel submits never queue on a
  // counter. Numbers are unique, not gapless (a refused submit may use one up).
  await sql`CREATE SEQUENCE complaint_ticket_seq`.execute(db)

  await sql`
    CREATE TABLE complaints (
      id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
      ticket_no text NOT NULL UNIQUE,
      account_id text NOT NULL REFERENCES accounts(id),
      request_id text NOT NULL,
      payload_hash text NOT NULL,
      category text NOT NULL CHECK (category IN (${list(COMPLAINT_CATEGORIES)})),
      institution_id text REFERENCES institutions(id),
      place jsonb,
      district text CHECK (district IN (${list(DISTRICTS)})),
      description text NOT NULL,
      happened_on date NOT NULL,
      details jsonb,
      anonymous boolean NOT NULL,
      contact_name_enc text,
      contact_phone_enc text,
      contact_purged_at timestamptz,
      subscribe boolean NOT NULL DEFAULT false,
      department text NOT NULL CHECK (department IN (${list(DEPARTMENTS)})),
      department_name text NOT NULL,
      co_handlers text[] NOT NULL,
      status text NOT NULL CHECK (status IN (${list(COMPLAINT_STATUSES)})),
      reviewed boolean NOT NULL DEFAULT false,
      rating integer CHECK (rating BETWEEN 1 AND 5),
      rating_comment text,
      reply text,
      accept_due date NOT NULL,
      reply_due date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (account_id, request_id),
      CHECK (institution_id IS NOT NULL OR place IS NOT NULL),
      CHECK (anonymous OR contact_purged_at IS NOT NULL OR (contact_name_enc IS NOT NULL AND contact_phone_enc IS NOT NULL))
    )`.execute(db)
  await sql`CREATE INDEX complaints_by_account ON complaints (account_id, created_at DESC)`.execute(db)
  await sql`CREATE INDEX complaints_similar ON complaints (institution_id, category, created_at) WHERE institution_id IS NOT NULL`.execute(db)

  await sql`
    CREATE TABLE complaint_events (
      id bigserial PRIMARY KEY,
      complaint_id text NOT NULL REFERENCES complaints(id),
      status text NOT NULL CHECK (status IN (${list(COMPLAINT_STATUSES)})),
      note text,
      by_role text NOT NULL CHECK (by_role IN ('reporter', 'staff', 'system')),
      actor_account_id text REFERENCES accounts(id),
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX complaint_events_by_complaint ON complaint_events (complaint_id, id)`.execute(db)
  await sql`
    CREATE TRIGGER complaint_events_insert_only BEFORE UPDATE OR DELETE ON complaint_events
    FOR EACH ROW EXECUTE FUNCTION refuse_history_change()`.execute(db)

  await sql`
    CREATE TABLE complaint_evidence (
      complaint_id text NOT NULL REFERENCES complaints(id),
      file_id text NOT NULL REFERENCES files(id),
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (complaint_id, file_id)
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
