import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // Per-account daily limits as one counter row per account, kind and Xiamen day. A write takes the row lock of its
  // own account only (INSERT … ON CONFLICT DO UPDATE always sees the latest committed count, whatever the statement's
  // snapshot), so parallel requests of one account are counted one after another and other accounts never wait.
  // `cap` is the limit in force when the row was last written; the CHECK lets a submit count itself inside its own
  // single statement and be undone whole when it would pass the limit.
  await sql`
    CREATE TABLE daily_counts (
      account_id text NOT NULL REFERENCES accounts(id),
      kind text NOT NULL CHECK (kind IN ('complaint', 'upload')),
      day date NOT NULL,
      used integer NOT NULL CHECK (used >= 0),
      cap integer NOT NULL,
      PRIMARY KEY (account_id, kind, day),
      CONSTRAINT daily_counts_within_cap CHECK (used <= cap)
    )`.execute(db)
  // Today's (and yesterday's) counts so far, so an upgrade in the middle of a day does not hand out a fresh quota.
  const xiamenDay = (column: string) => sql.raw(`((${column} AT TIME ZONE 'UTC') + interval '8 hours')::date`)
  await sql`
    INSERT INTO daily_counts (account_id, kind, day, used, cap)
    SELECT account_id, 'complaint', ${xiamenDay('created_at')}, count(*), count(*) FROM complaints
    WHERE created_at >= now() - interval '2 days' GROUP BY 1, 3`.execute(db)
  await sql`
    INSERT INTO daily_counts (account_id, kind, day, used, cap)
    SELECT owner_account_id, 'upload', ${xiamenDay('created_at')}, count(*), count(*) FROM files
    WHERE created_at >= now() - interval '2 days' GROUP BY 1, 3`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
