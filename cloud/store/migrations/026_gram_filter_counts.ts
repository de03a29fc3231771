import { sql, type Kysely } from 'kysely'

// The SQL path's one- and two-character texts with filters (issue 12, point 3): how many names hold each gram, per
// district × category × status. The total of such a search is then a sum over at most 120 rows of one index range,
// and knowing it decides how the page is read (institutionRepo.filteredGramPage). Before, it was counted by reading
// up to 10,001 matching rows through the AND of the gram's GIN bitmap and the filters' B-tree bitmap: at a million
// institutions 琴艺 + arts took 114 ms (8,026 heap blocks), and a search that matched nothing still built the filters'
// bitmap (a category admits ~250,000 rows): 3.9 ms mean for the third of the bench's events that match nothing.
//
// Kept per statement from the change log's transition tables, by triggers named after the log's (015) and 019's
// gram counts, so PostgreSQL fires them after those: the change counter's row lock is held by then, and writers
// change these rows one transaction at a time. A bulk load counts as it goes (one GROUP BY per statement).
// At most ~3,400 grams × 120 combinations; at a million institutions 164,877 rows, 20 MB, filled in 14 s.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE name_gram_filter_counts (
      gram text NOT NULL,
      district text NOT NULL,
      category text NOT NULL,
      status text NOT NULL,
      n integer NOT NULL CHECK (n >= 0),
      PRIMARY KEY (gram, district, category, status)
    )`.execute(db)
  // Each branch: the difference per key. An increase is an upsert; a decrease an UPDATE of a row that exists (a
  // CHECK is tested on the row an INSERT proposes, before ON CONFLICT, so a negative one cannot be an upsert).
  const key = sql.raw('(c.gram, c.district, c.category, c.status) = (d.gram, d.district, d.category, d.status)')
  const upsert = sql.raw(`INSERT INTO name_gram_filter_counts AS c SELECT gram, district, category, status, k FROM d WHERE k > 0
          ON CONFLICT (gram, district, category, status) DO UPDATE SET n = c.n + EXCLUDED.n`)
  const moved = sql.raw('(n.name_grams, n.district, n.category, n.status) IS DISTINCT FROM (o.name_grams, o.district, o.category, o.status)')
  await sql`
    CREATE FUNCTION count_name_gram_filters() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM name_gram_filter_counts;
        RETURN NULL;
      END IF;
      IF TG_OP = 'INSERT' THEN
        WITH d AS (SELECT g AS gram, district, category, status, count(*) AS k FROM new_rows, unnest(name_grams) g GROUP BY 1, 2, 3, 4)
        ${upsert};
      ELSIF TG_OP = 'DELETE' THEN
        UPDATE name_gram_filter_counts c SET n = c.n - d.k
          FROM (SELECT g AS gram, district, category, status, count(*) AS k FROM old_rows, unnest(name_grams) g GROUP BY 1, 2, 3, 4) d
          WHERE ${key};
      ELSE
        -- Only rows whose name or filters changed (a status change moves every gram of the name to another key). The
        -- decreases and the increases are different keys (one net difference each), so one statement writes both.
        WITH d AS (
          SELECT gram, district, category, status, sum(k) AS k FROM (
            SELECT g AS gram, n.district, n.category, n.status, 1 AS k FROM new_rows n JOIN old_rows o USING (id), unnest(n.name_grams) g
              WHERE ${moved}
            UNION ALL
            SELECT g, o.district, o.category, o.status, -1 FROM new_rows n JOIN old_rows o USING (id), unnest(o.name_grams) g
              WHERE ${moved}) x
          GROUP BY 1, 2, 3, 4 HAVING sum(k) <> 0),
        decreased AS (UPDATE name_gram_filter_counts c SET n = c.n + d.k FROM d WHERE d.k < 0 AND ${key} RETURNING 1)
        ${upsert};
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  for (const [op, tables] of [
    ['inserted', 'REFERENCING NEW TABLE AS new_rows'],
    ['updated', 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows'],
    ['deleted', 'REFERENCING OLD TABLE AS old_rows'],
    ['truncated', ''],
  ] as const) {
    const event = { inserted: 'INSERT', updated: 'UPDATE', deleted: 'DELETE', truncated: 'TRUNCATE' }[op]
    await sql`CREATE TRIGGER ${sql.raw(`institutions_${op}_grams_filtered`)} AFTER ${sql.raw(event)} ON institutions ${sql.raw(tables)} FOR EACH STATEMENT EXECUTE FUNCTION count_name_gram_filters()`.execute(db)
  }
  // Filled under the counter's lock, so no write slips between the count and the triggers taking over.
  await sql`UPDATE change_counters SET value = value WHERE name = 'institutions'`.execute(db)
  await sql`INSERT INTO name_gram_filter_counts SELECT g, district, category, status, count(*) FROM institutions, unnest(name_grams) g GROUP BY 1, 2, 3, 4`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
