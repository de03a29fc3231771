import { sql, type Kysely } from 'kysely'

// How many institutions' names hold each character (issue 12, point 3): a one-character search matches thousands
// of names, and the SQL path counted them one heap row at a time (up to 10,001 visits) before showing a page. Now
// that total is one row. Kept per statement from the same transition tables as the change log (015), by triggers
// named after it, which PostgreSQL fires after it: log_institution_changes has taken the change counter's row lock
// by then, so writers update these rows one transaction at a time and cannot deadlock on them. Only the name
// matters: an update that keeps every name changes nothing here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE name_char_counts (ch text PRIMARY KEY, n integer NOT NULL CHECK (n >= 0))`.execute(db)
  await sql`
    CREATE FUNCTION count_name_chars() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM name_char_counts;
        RETURN NULL;
      END IF;
      -- Each branch: the difference per character, applied as an UPDATE where the character is counted already (a
      -- CHECK is tested on the row an INSERT proposes, before ON CONFLICT, so a negative one cannot be an upsert)
      -- and an INSERT where it is new.
      IF TG_OP = 'INSERT' THEN
        WITH d AS (SELECT g AS ch, count(*) AS k FROM new_rows, unnest(name_grams) g WHERE char_length(g) = 1 GROUP BY g),
        u AS (UPDATE name_char_counts c SET n = c.n + d.k FROM d WHERE c.ch = d.ch RETURNING c.ch)
        INSERT INTO name_char_counts SELECT ch, k FROM d WHERE ch NOT IN (SELECT ch FROM u);
      ELSIF TG_OP = 'DELETE' THEN
        UPDATE name_char_counts c SET n = c.n - d.k
          FROM (SELECT g AS ch, count(*) AS k FROM old_rows, unnest(name_grams) g WHERE char_length(g) = 1 GROUP BY g) d
          WHERE c.ch = d.ch;
      ELSE
        WITH changed AS (SELECT n.name_grams AS now, o.name_grams AS was FROM new_rows n JOIN old_rows o USING (id) WHERE n.name_grams IS DISTINCT FROM o.name_grams),
        d AS (
          SELECT ch, sum(k) AS k FROM (
            SELECT g AS ch, 1 AS k FROM changed, unnest(now) g WHERE char_length(g) = 1
            UNION ALL SELECT g, -1 FROM changed, unnest(was) g WHERE char_length(g) = 1) x
          GROUP BY ch HAVING sum(k) <> 0),
        u AS (UPDATE name_char_counts c SET n = c.n + d.k FROM d WHERE c.ch = d.ch RETURNING c.ch)
        INSERT INTO name_char_counts SELECT ch, k FROM d WHERE k > 0 AND ch NOT IN (SELECT ch FROM u);
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER institutions_inserted_chars AFTER INSERT ON institutions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_name_chars()`.execute(db)
  await sql`CREATE TRIGGER institutions_updated_chars AFTER UPDATE ON institutions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION count_name_chars()`.execute(db)
  await sql`CREATE TRIGGER institutions_deleted_chars AFTER DELETE ON institutions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION count_name_chars()`.execute(db)
  await sql`CREATE TRIGGER institutions_truncated_chars AFTER TRUNCATE ON institutions FOR EACH STATEMENT EXECUTE FUNCTION count_name_chars()`.execute(db)
  // Filled under the counter's lock, so no write slips between the count and the triggers taking over.
  await sql`UPDATE change_counters SET value = value WHERE name = 'institutions'`.execute(db)
  await sql`INSERT INTO name_char_counts SELECT g, count(*) FROM institutions, unnest(name_grams) g WHERE char_length(g) = 1 GROUP BY g`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
