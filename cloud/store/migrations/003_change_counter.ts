import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // A counter bumped by every statement that changes institutions (TRUNCATE too), so each process holding an
  // in-memory search index can tell with one primary-key read whether its copy is still current.
  await sql`CREATE TABLE change_counters (name text PRIMARY KEY, value bigint NOT NULL DEFAULT 0)`.execute(db)
  await sql`INSERT INTO change_counters (name, value) VALUES ('institutions', 0)`.execute(db)
  await sql`
    CREATE FUNCTION bump_institutions_counter() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE change_counters SET value = value + 1 WHERE name = 'institutions';
      RETURN NULL;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER institutions_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON institutions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_institutions_counter()`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
