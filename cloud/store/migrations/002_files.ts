import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per upload; the bytes live once in the content-addressed file store, keyed by sha256.
  await sql`
    CREATE TABLE files (
      id text PRIMARY KEY DEFAULT gen_random_uuid()::text,
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      size bigint NOT NULL CHECK (size > 0),
      mime text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'video/mp4')),
      owner_account_id text NOT NULL REFERENCES accounts(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX files_by_owner ON files (owner_account_id, created_at)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
