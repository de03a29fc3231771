import { sql, type Kysely } from 'kysely'

// What the SQL path of search needs to answer every shape quickly (issue 12, point 3: it serves a process's first
// seconds, a cloud function's cold start and an index that cannot be trusted):
// - institution_counts: how many institutions each district × category × status holds, so the total of a list with
//   filters and no text (the home list, 附近) is a sum over at most 90 rows instead of a count of up to 10,001 rows.
//   Kept by the statement trigger that already logs each change (015), under the change counter's row lock: the
//   statements that change institutions take that lock first, so the count rows are updated in commit order and two
//   writers never wait on each other's count rows in opposite orders.
// - institutions_point: a GiST index on the position, which walks institutions nearest first (KNN); the btree on
//   (lat, lng) it replaces narrowed only the latitude, so a box around the point read a band across the whole map.
//   Longitude is scaled by cos(24.5°), Xiamen's latitude, so the index's plain distance is within 0.5 % of the
//   distance shown anywhere in the city: unscaled, a degree east counts 10 % more than it is, and a point 8 km from a
//   district had to walk a 0.8 km deep band of rows before it could prove its page (institutionRepo.nearestPage).
// - institutions_point_<district>: the same walk within one district, one partial index each: a parent in 集美 who
//   filters 海沧 would otherwise walk past every 集美 institution before the first match. Partial indexes, not a
//   two-column GiST (btree_gist): they keep districts apart completely (a quarter of the pages read, measured) and
//   need no extension. The list is the table's own CHECK (migration 001); a new district needs a migration either way.
/** The indexed position; the search builds its ordering from these same constants (PostgreSQL uses an expression
 *  index only for the very same expression). Frozen with the migration. */
export const POSITION_SCALE = 0.91
export const POSITION_SQL = `point(lng * ${POSITION_SCALE}, lat)`

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE institution_counts (
      district text NOT NULL,
      category text NOT NULL,
      status text NOT NULL,
      n integer NOT NULL CHECK (n >= 0),
      PRIMARY KEY (district, category, status)
    )`.execute(db)
  await sql`
    CREATE OR REPLACE FUNCTION log_institution_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE v bigint;
    BEGIN
      UPDATE change_counters SET value = value + 1 WHERE name = 'institutions' RETURNING value INTO v;
      IF TG_OP = 'INSERT' THEN
        INSERT INTO institution_changes (version, institution_id) SELECT v, id FROM new_rows;
        INSERT INTO institution_counts AS c SELECT district, category, status, count(*) FROM new_rows GROUP BY 1, 2, 3
          ON CONFLICT (district, category, status) DO UPDATE SET n = c.n + excluded.n;
      ELSIF TG_OP = 'UPDATE' THEN
        -- An update that changes no column (same row written again) is not a change a search can see.
        INSERT INTO institution_changes (version, institution_id)
          SELECT v, n.id FROM new_rows n LEFT JOIN old_rows o ON o.id = n.id WHERE o IS DISTINCT FROM n
          UNION SELECT v, o.id FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id WHERE n.id IS NULL;
        -- Counts move by the difference; a CHECK is tested on the row an INSERT proposes, before ON CONFLICT, so a
        -- negative difference is an UPDATE and only a key not yet counted is inserted.
        WITH d AS (
          SELECT district, category, status, sum(k) AS k FROM (
            SELECT district, category, status, 1 AS k FROM new_rows
            UNION ALL SELECT district, category, status, -1 FROM old_rows) x
          GROUP BY 1, 2, 3 HAVING sum(k) <> 0),
        u AS (
          UPDATE institution_counts c SET n = c.n + d.k FROM d
          WHERE (c.district, c.category, c.status) = (d.district, d.category, d.status)
          RETURNING c.district, c.category, c.status)
        INSERT INTO institution_counts SELECT * FROM d
          WHERE NOT EXISTS (SELECT 1 FROM u WHERE (u.district, u.category, u.status) = (d.district, d.category, d.status));
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO institution_changes (version, institution_id) SELECT v, id FROM old_rows;
        UPDATE institution_counts c SET n = c.n - o.k
          FROM (SELECT district, category, status, count(*) AS k FROM old_rows GROUP BY 1, 2, 3) o
          WHERE (c.district, c.category, c.status) = (o.district, o.category, o.status);
      ELSE
        INSERT INTO institution_changes (version, institution_id) VALUES (v, NULL);
        DELETE FROM institution_counts;
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  // Filled under the counter's lock, so no write slips between the count and the trigger taking over.
  await sql`UPDATE change_counters SET value = value WHERE name = 'institutions'`.execute(db)
  await sql`INSERT INTO institution_counts SELECT district, category, status, count(*) FROM institutions GROUP BY 1, 2, 3`.execute(db)
  await sql`CREATE INDEX institutions_point ON institutions USING gist (${sql.raw(POSITION_SQL)})`.execute(db)
  for (const district of ['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan']) {
    await sql`CREATE INDEX ${sql.ref(`institutions_point_${district}`)} ON institutions USING gist (${sql.raw(POSITION_SQL)}) WHERE district = ${sql.lit(district)}`.execute(db)
  }
  await sql`DROP INDEX institutions_position`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
