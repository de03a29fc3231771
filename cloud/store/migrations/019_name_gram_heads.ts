import { sql, type Kysely } from 'kysely'
import { STATUS_RANK_SQL } from './010_search_order'

// The SQL path's one- and two-character searches (issue 12, point 3). A common character's first page walked the
// list-order index testing each row's name, and the names holding a character cluster in that order (those with
// 分 are long ones, listed late): 22,640 rows passed before the first of 分's at 100,000 institutions (47 ms).
//
// Two things kept on write, by triggers that fire after the change log's (015: it has taken the change counter's row
// lock by then, so writers change these rows one transaction at a time):
// - name_gram_counts (018's name_char_counts, renamed): how many names hold each gram, now two-character ones too,
//   so a two-character total is one row as well;
// - name_gram_heads: for each gram with more than HEADS_FROM names, the first of them in list order (status rank,
//   length, name, id), about HEADS_KEEP. A first page is then 21 rows of one index range. The rule that keeps it
//   true under any write: a gram's heads are exactly its names up to the greatest key among its heads. A row that
//   leaves or moves leaves the heads; a row that arrives joins them if its key is not past that greatest key; heads
//   grown past HEADS_TRIM_ABOVE are cut back to HEADS_KEEP; heads shrunk under HEADS_REFILL_BELOW (or missing) are
//   read again from the table. Pages past the heads walk on from the greatest key (institutionRepo.gramPage).
//
// A bulk load (bulkInsert.withChecksAfter drops the search indexes while it runs) sets yg.gram_heads_later and
// refills every gram's heads once at its end, instead of reading the table per gram without its indexes.

/** A gram with more names than this had heads here; the SQL path read fewer whole and sorted them (institutionRepo).
 *  At 100,000 institutions reading 500 rows and sorting them costs about 3 ms, a heads page about 1 ms; 382 grams pass
 *  it (150,000 heads, about 45 MB). Migration 025 lowered it (HEADS_FROM there). */
const FIRST_HEADS_FROM = 500
export const HEADS_KEEP = 400
const HEADS_REFILL_BELOW = 100
const HEADS_TRIM_ABOVE = 800

/** A row's place in list order, as the heads' columns. */
export const HEAD_KEY = `${STATUS_RANK_SQL}::smallint AS rank, length(name)::smallint AS len, name COLLATE "C" AS name, id COLLATE "C" AS id`
/** The columns a head carries beside its key (migration 028 added the listed ones), each as `, <from><column>`: the
 *  one way the trigger (here), the fill (022) and 028's copy write them. */
export const carriedOf = (carried: readonly string[], from: string) => carried.map((c) => `, ${from}${c}`).join('')
/** A set of institution rows as heads entries: one per gram of each name. */
const entries = (rows: string, carried: readonly string[]) => `SELECT g AS gram, ${HEAD_KEY}${carriedOf(carried, '')} FROM ${rows}, unnest(name_grams) g`
/** Every gram's heads with more than `headsFrom` names read again from the table: the migration's first fill, and a
 *  bulk load's (gramHeads.ts, with the threshold of today). */
export const fillCommonHeads = (headsFrom: number) => sql`SELECT fill_name_gram_heads(array(SELECT gram FROM name_gram_counts WHERE n > ${sql.lit(headsFrom)}))`
/** An updated row moved in the list, or to other grams, or changed what its heads carry (o: its old version, n: its
 *  new one). */
const moved = (carried: readonly string[]) => {
  const columns = [...new Set(['status', 'name', 'name_grams', ...carried])]
  return `(${columns.map((c) => `n.${c}`).join(', ')}) IS DISTINCT FROM (${columns.map((c) => `o.${c}`).join(', ')})`
}
/** These rows out of the heads, returning the grams they left. */
const leave = (rows: string) =>
  sql.raw(`DELETE FROM name_gram_heads h USING (${entries(rows, [])}) o
          WHERE (h.gram, h.rank, h.len, h.name, h.id) = (o.gram, o.rank, o.len, o.name, o.id) RETURNING h.gram`)
/** These rows into the heads of each of their grams where not past its greatest key, returning the grams joined. */
const arrive = (rows: string, carried: readonly string[]) =>
  sql.raw(`INSERT INTO name_gram_heads (gram, rank, len, name, id${carriedOf(carried, '')})
          SELECT a.gram, a.rank, a.len, a.name, a.id${carriedOf(carried, 'a.')} FROM (${entries(rows, carried)}) a
          WHERE (a.rank, a.len, a.name, a.id) <= (
            SELECT h.rank, h.len, h.name, h.id FROM name_gram_heads h WHERE h.gram = a.gram
            ORDER BY h.rank DESC, h.len DESC, h.name DESC, h.id DESC LIMIT 1)
          ON CONFLICT DO NOTHING RETURNING gram`)

/** The trigger function that keeps the heads true under any write (the rule above), for grams with more than
 *  `headsFrom` names: this migration's, 025's with a lower threshold, and 028's whose heads carry `carried` too (a row
 *  that changes one of them leaves its heads and arrives again, as one that moved). */
export const keepHeadsFunction = (headsFrom: number, carried: readonly string[] = []) => {
  const MOVED = moved(carried)
  return sql`
    CREATE OR REPLACE FUNCTION keep_name_gram_heads() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      touched text[];
      shrunk text[];
      grown text[];
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM name_gram_heads;
        RETURN NULL;
      END IF;
      IF current_setting('yg.gram_heads_later', true) = 'on' THEN
        RETURN NULL;
      END IF;
      -- The rows that left, or moved (another status or name): out of their grams' heads. Then the rows that arrived
      -- or moved: into the heads of each of their grams, where not past the greatest key. (Each branch names only
      -- the transition tables its operation has.)
      IF TG_OP = 'DELETE' THEN
        WITH gone AS (${leave('old_rows')}) SELECT array_agg(DISTINCT gram) INTO shrunk FROM gone;
      ELSIF TG_OP = 'INSERT' THEN
        WITH added AS (${arrive('new_rows', carried)}) SELECT array_agg(DISTINCT gram) INTO grown FROM added;
        SELECT array_agg(DISTINCT g) INTO touched FROM new_rows, unnest(name_grams) g;
      ELSE
        WITH gone AS (${leave(`(SELECT o.* FROM old_rows o JOIN new_rows n USING (id) WHERE ${MOVED}) AS moved`)}) SELECT array_agg(DISTINCT gram) INTO shrunk FROM gone;
        WITH added AS (${arrive(`(SELECT n.* FROM new_rows n JOIN old_rows o USING (id) WHERE ${MOVED}) AS moved`, carried)}) SELECT array_agg(DISTINCT gram) INTO grown FROM added;
        SELECT array_agg(DISTINCT g) INTO touched FROM new_rows n JOIN old_rows o USING (id), unnest(n.name_grams) g WHERE ${sql.raw(MOVED)};
      END IF;
      -- Grown too far: cut back to the first HEADS_KEEP.
      IF grown IS NOT NULL THEN
        DELETE FROM name_gram_heads h USING (
          SELECT gram, rank, len, name, id FROM (
            SELECT gram, rank, len, name, id,
                   row_number() OVER (PARTITION BY gram ORDER BY rank, len, name, id) AS k,
                   count(*) OVER (PARTITION BY gram) AS size
            FROM name_gram_heads WHERE gram = ANY(grown)) x
          WHERE size > ${sql.lit(HEADS_TRIM_ABOVE)} AND k > ${sql.lit(HEADS_KEEP)}) cut
        WHERE (h.gram, h.rank, h.len, h.name, h.id) = (cut.gram, cut.rank, cut.len, cut.name, cut.id);
      END IF;
      -- Read again from the table: common grams whose heads shrank too far, and common grams with none (new to
      -- HEADS_FROM, or emptied).
      PERFORM fill_name_gram_heads(array_agg(c.gram))
      FROM name_gram_counts c
      WHERE c.n > ${sql.lit(headsFrom)}
        AND (c.gram = ANY(shrunk) OR c.gram = ANY(touched))
        AND (SELECT count(*) FROM (SELECT 1 FROM name_gram_heads h WHERE h.gram = c.gram LIMIT ${sql.lit(HEADS_REFILL_BELOW)}) x) < ${sql.lit(HEADS_REFILL_BELOW)}
      HAVING count(*) > 0;
      RETURN NULL;
    END $$`
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // 018's table counted single characters; it now counts every gram.
  await sql`ALTER TABLE name_char_counts RENAME TO name_gram_counts`.execute(db)
  await sql`ALTER TABLE name_gram_counts RENAME COLUMN ch TO gram`.execute(db)
  await sql`ALTER INDEX name_char_counts_pkey RENAME TO name_gram_counts_pkey`.execute(db)
  await sql`ALTER FUNCTION count_name_chars() RENAME TO count_name_grams`.execute(db)
  for (const op of ['inserted', 'updated', 'deleted', 'truncated']) {
    await sql`ALTER TRIGGER ${sql.raw(`institutions_${op}_chars`)} ON institutions RENAME TO ${sql.raw(`institutions_${op}_grams`)}`.execute(db)
  }
  await sql`
    CREATE OR REPLACE FUNCTION count_name_grams() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM name_gram_counts;
        RETURN NULL;
      END IF;
      -- As in 018: the difference per gram, an UPDATE where it is counted already (a CHECK is tested on the row an
      -- INSERT proposes, before ON CONFLICT, so a negative one cannot be an upsert) and an INSERT where it is new.
      IF TG_OP = 'INSERT' THEN
        WITH d AS (SELECT g AS gram, count(*) AS k FROM new_rows, unnest(name_grams) g GROUP BY g),
        u AS (UPDATE name_gram_counts c SET n = c.n + d.k FROM d WHERE c.gram = d.gram RETURNING c.gram)
        INSERT INTO name_gram_counts SELECT gram, k FROM d WHERE gram NOT IN (SELECT gram FROM u);
      ELSIF TG_OP = 'DELETE' THEN
        UPDATE name_gram_counts c SET n = c.n - d.k
          FROM (SELECT g AS gram, count(*) AS k FROM old_rows, unnest(name_grams) g GROUP BY g) d
          WHERE c.gram = d.gram;
      ELSE
        WITH changed AS (SELECT n.name_grams AS now, o.name_grams AS was FROM new_rows n JOIN old_rows o USING (id) WHERE n.name_grams IS DISTINCT FROM o.name_grams),
        d AS (
          SELECT gram, sum(k) AS k FROM (
            SELECT g AS gram, 1 AS k FROM changed, unnest(now) g
            UNION ALL SELECT g, -1 FROM changed, unnest(was) g) x
          GROUP BY gram HAVING sum(k) <> 0),
        u AS (UPDATE name_gram_counts c SET n = c.n + d.k FROM d WHERE c.gram = d.gram RETURNING c.gram)
        INSERT INTO name_gram_counts SELECT gram, k FROM d WHERE k > 0 AND gram NOT IN (SELECT gram FROM u);
      END IF;
      RETURN NULL;
    END $$`.execute(db)

  await sql`
    CREATE TABLE name_gram_heads (
      gram text NOT NULL,
      rank smallint NOT NULL,
      len smallint NOT NULL,
      name text COLLATE "C" NOT NULL,
      id text COLLATE "C" NOT NULL,
      PRIMARY KEY (gram, rank, len, name, id)
    )`.execute(db)
  // The heads of these grams read again from the table: each gram's first HEADS_KEEP names in list order.
  await sql`
    CREATE FUNCTION fill_name_gram_heads(grams text[]) RETURNS void LANGUAGE sql AS $$
      DELETE FROM name_gram_heads WHERE gram = ANY(grams);
      INSERT INTO name_gram_heads (gram, rank, len, name, id)
      SELECT g.gram, t.rank, t.len, t.name, t.id FROM unnest(grams) AS g(gram)
      CROSS JOIN LATERAL (
        SELECT ${sql.raw(HEAD_KEY)}
        FROM institutions WHERE name_grams @> ARRAY[g.gram]
        ORDER BY 1, 2, 3, 4 LIMIT ${sql.lit(HEADS_KEEP)}) t;
    $$`.execute(db)
  await keepHeadsFunction(FIRST_HEADS_FROM).execute(db)
  // Named after the counts' triggers, so PostgreSQL fires them after those (and after the change log's).
  await sql`CREATE TRIGGER institutions_inserted_heads AFTER INSERT ON institutions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_name_gram_heads()`.execute(db)
  await sql`CREATE TRIGGER institutions_updated_heads AFTER UPDATE ON institutions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_name_gram_heads()`.execute(db)
  await sql`CREATE TRIGGER institutions_deleted_heads AFTER DELETE ON institutions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION keep_name_gram_heads()`.execute(db)
  await sql`CREATE TRIGGER institutions_truncated_heads AFTER TRUNCATE ON institutions FOR EACH STATEMENT EXECUTE FUNCTION keep_name_gram_heads()`.execute(db)

  // Filled under the counter's lock, so no write slips between these reads and the triggers taking over.
  await sql`UPDATE change_counters SET value = value WHERE name = 'institutions'`.execute(db)
  await sql`INSERT INTO name_gram_counts SELECT g, count(*) FROM institutions, unnest(name_grams) g WHERE char_length(g) <> 1 GROUP BY g`.execute(db)
  await fillCommonHeads(FIRST_HEADS_FROM).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
