import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // Transactional outbox: a status change and its notification are written together; a sender delivers later
  // through WeChat with retries. A failed delivery never blocks or undoes the status change.
  await sql`
    CREATE TABLE notification_outbox (
      id bigserial PRIMARY KEY,
      complaint_id text NOT NULL REFERENCES complaints(id),
      account_id text NOT NULL REFERENCES accounts(id),
      status_after text NOT NULL,
      payload jsonb NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'skipped')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    )`.execute(db)
  await sql`CREATE INDEX notification_outbox_due ON notification_outbox (next_attempt_at) WHERE state = 'pending'`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
