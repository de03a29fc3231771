import { sql, type Kysely } from 'kysely'

// The inbox's tab counts, made cheap for the filters staff use most (measured in bench §7: a category filter cost
// about 12 ms of database time per request, counted live ticket by ticket):
// - complaint_counts is also kept per category, so scope × district × category is answered exactly from a few rows;
// - the open-ticket indexes carry district, category and status, so the overdue count and the counts under a search
//   are read from the index alone instead of visiting every ticket's row.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER complaint_counts_follow ON complaints`.execute(db)
  await sql`DROP FUNCTION complaint_counts_follow()`.execute(db)
  await sql`DROP TABLE complaint_counts`.execute(db)
  await sql`
    CREATE TABLE complaint_counts (
      department text NOT NULL,
      district text NOT NULL,
      category text NOT NULL,
      status text NOT NULL,
      n integer NOT NULL CHECK (n >= 0),
      PRIMARY KEY (department, district, category, status)
    )`.execute(db)
  await sql`
    CREATE FUNCTION complaint_counts_follow() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      old_key text;
      new_key text;
    BEGIN
      IF TG_OP <> 'INSERT' THEN old_key := OLD.department || '|' || coalesce(OLD.district, '') || '|' || OLD.category || '|' || OLD.status; END IF;
      IF TG_OP <> 'DELETE' THEN new_key := NEW.department || '|' || coalesce(NEW.district, '') || '|' || NEW.category || '|' || NEW.status; END IF;
      IF old_key IS NOT DISTINCT FROM new_key THEN RETURN NULL; END IF;
      -- Rows are always touched in key order, so two transfers crossing each other cannot deadlock.
      IF new_key IS NOT NULL AND (old_key IS NULL OR new_key < old_key) THEN
        INSERT INTO complaint_counts VALUES (NEW.department, coalesce(NEW.district, ''), NEW.category, NEW.status, 1)
          ON CONFLICT (department, district, category, status) DO UPDATE SET n = complaint_counts.n + 1;
        new_key := NULL;
      END IF;
      IF old_key IS NOT NULL THEN
        UPDATE complaint_counts SET n = n - 1
          WHERE department = OLD.department AND district = coalesce(OLD.district, '') AND category = OLD.category AND status = OLD.status;
      END IF;
      IF new_key IS NOT NULL THEN
        INSERT INTO complaint_counts VALUES (NEW.department, coalesce(NEW.district, ''), NEW.category, NEW.status, 1)
          ON CONFLICT (department, district, category, status) DO UPDATE SET n = complaint_counts.n + 1;
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER complaint_counts_follow AFTER INSERT OR DELETE OR UPDATE OF department, district, category, status ON complaints
    FOR EACH ROW EXECUTE FUNCTION complaint_counts_follow()`.execute(db)
  await sql`
    INSERT INTO complaint_counts SELECT department, coalesce(district, ''), category, status, count(*) FROM complaints GROUP BY 1, 2, 3, 4`.execute(db)

  // Same keys and order as before (the list pages by them), with the columns the filters and counts read: a page's
  // ids and every count come from the index alone, and only the twenty rows shown are read from the table.
  for (const name of ['complaints_open_by_department', 'complaints_open_all', 'complaints_status_by_department', 'complaints_status_all', 'complaints_open_similar']) {
    await sql`DROP INDEX ${sql.ref(name)}`.execute(db)
  }
  await sql`CREATE INDEX complaints_open_by_department ON complaints (department, due_on, id) INCLUDE (district, category, status, institution_id) WHERE is_open`.execute(db)
  await sql`CREATE INDEX complaints_open_all ON complaints (due_on, id) INCLUDE (department, district, category, status, institution_id) WHERE is_open`.execute(db)
  await sql`CREATE INDEX complaints_status_by_department ON complaints (department, status, due_on, id) INCLUDE (district, category, institution_id)`.execute(db)
  await sql`CREATE INDEX complaints_status_all ON complaints (status, due_on, id) INCLUDE (department, district, category, institution_id)`.execute(db)
  // Open tickets by institution: similar reports beside each row, and the counts under a search by name.
  await sql`CREATE INDEX complaints_open_similar ON complaints (institution_id, category, department, district) INCLUDE (status, due_on) WHERE is_open AND institution_id IS NOT NULL`.execute(db)
  // Open reports of places not on the list, found by the name on their sign.
  await sql`CREATE INDEX complaints_open_unlisted ON complaints (department, district) INCLUDE (status, due_on) WHERE is_open AND institution_id IS NULL`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('014_inbox_counts is not reversible: restore from a backup')
}
