import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // Where a stored object lives when it is not on this machine's disk: the WeChat cloud-storage fileID of
  // evidence-store/<sha256>. Null for the local store, which finds objects by their hash alone.
  await sql`ALTER TABLE files ADD COLUMN store_ref text`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
