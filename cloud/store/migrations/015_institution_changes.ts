import { sql, type Kysely } from 'kysely'

// Which institutions each change touched (issue 12, point 2), so a process holding the in-memory search index can
// re-read just those rows and correct its copy in place instead of rebuilding all of it.
//
// Why per statement, under the counter's row lock: every statement that changes institutions bumps
// change_counters('institutions') and logs the ids it touched under the value it got. The counter row stays locked
// until the writing transaction ends, so values are handed out in commit order: a reader that sees value v in its
// snapshot also sees every change logged under a value ≤ v (a sequence would not give that: numbers are drawn at
// insert, not at commit). PostgreSQL allows transition tables only on single-event triggers, hence one trigger per
// event; TRUNCATE has no rows to name and logs a NULL id, "everything changed".
//
// Old entries are pruned by the readers (SearchIndex); `change_counters('institution_changes_pruned')` holds the
// highest pruned value, so a reader further behind than that knows it missed entries and rebuilds.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE institution_changes (version bigint NOT NULL, institution_id text, at timestamptz NOT NULL DEFAULT now())`.execute(db)
  await sql`CREATE INDEX institution_changes_version ON institution_changes (version)`.execute(db)
  await sql`INSERT INTO change_counters (name, value) VALUES ('institution_changes_pruned', 0)`.execute(db)
  await sql`DROP TRIGGER institutions_changed ON institutions`.execute(db)
  await sql`
    CREATE FUNCTION log_institution_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE v bigint;
    BEGIN
      UPDATE change_counters SET value = value + 1 WHERE name = 'institutions' RETURNING value INTO v;
      IF TG_OP = 'INSERT' THEN
        INSERT INTO institution_changes (version, institution_id) SELECT v, id FROM new_rows;
      ELSIF TG_OP = 'UPDATE' THEN
        -- An update that changes no column (same row written again) is not a change a search can see.
        INSERT INTO institution_changes (version, institution_id)
          SELECT v, n.id FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id WHERE o IS DISTINCT FROM n
          UNION SELECT v, o.id FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id WHERE n.id IS NULL;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO institution_changes (version, institution_id) SELECT v, id FROM old_rows;
      ELSE
        INSERT INTO institution_changes (version, institution_id) VALUES (v, NULL);
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER institutions_inserted AFTER INSERT ON institutions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_institution_changes()`.execute(db)
  await sql`CREATE TRIGGER institutions_updated AFTER UPDATE ON institutions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION log_institution_changes()`.execute(db)
  await sql`CREATE TRIGGER institutions_deleted AFTER DELETE ON institutions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION log_institution_changes()`.execute(db)
  await sql`CREATE TRIGGER institutions_truncated AFTER TRUNCATE ON institutions FOR EACH STATEMENT EXECUTE FUNCTION log_institution_changes()`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
