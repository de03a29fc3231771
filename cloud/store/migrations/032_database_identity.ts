import { sql, type Kysely } from 'kysely'

// A name for this database that no other database shares (issue 12: a saved search index, savedShard.ts). A gateway
// that saved its index on disk must not load it against another database — a staging copy, a database recreated
// at the same address — whose change counter could stand at the same value with other rows behind it. Made once,
// here; a copy of the database (a restore, a dump loaded elsewhere) carries it, and there the change counter
// standing below a saved index's version, or its log pruned past it, is what refuses the file.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE database_identity (id text PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())`.execute(db)
  await sql`INSERT INTO database_identity (id) VALUES (gen_random_uuid()::text)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
