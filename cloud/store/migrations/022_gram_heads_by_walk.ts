import { sql, type Kysely } from 'kysely'
import { STATUS_RANK_SQL } from './010_search_order'
import { carriedOf, HEAD_KEY, HEADS_KEEP } from './019_name_gram_heads'

// fill_name_gram_heads (019) read every name holding a gram through the grams index and sorted them all for the first
// HEADS_KEEP. A bulk load fills every common gram's heads at its end, and at 1,000,000 institutions that read 30
// million rows: 113 of the seed's 187 s after writing (bench/ANALYSIS.md §16). A gram held by n of N names can
// instead walk the list-order index (010), testing each row's grams, and stop at HEADS_KEEP: about HEADS_KEEP × N / n
// rows against n. So a gram with n² > HEADS_KEEP × N walks (n > 20,000 at a million) and the rest read through the
// grams index as before. Filling the million's heads: 113 s → 46 s (walking from 2,000, 5,000, 50,000 or 100,000
// names instead: 137, 59, 67, 67 s). Both ways read a gram's names in list order and keep the first HEADS_KEEP, so
// the heads are the same row for row (checked against 019's function on that million, and by the tests that compare
// the heads with the rows). N is the planner's row count (pg_class.reltuples), which a bulk load's index builds set:
// a stale one only picks the slower way for some grams, never other heads.
const WALKS = `c.n::float8 * c.n > ${HEADS_KEEP}::float8 * s.rows`

/** fill_name_gram_heads as this migration writes it, its heads carrying `carried` beside their key (028). */
export const fillHeadsFunction = (carried: readonly string[] = []) => {
  return sql`
    CREATE OR REPLACE FUNCTION fill_name_gram_heads(grams text[]) RETURNS void LANGUAGE sql AS $$
      DELETE FROM name_gram_heads WHERE gram = ANY(grams);
      INSERT INTO name_gram_heads (gram, rank, len, name, id${sql.raw(carriedOf(carried, ''))})
      SELECT c.gram, t.rank, t.len, t.name, t.id${sql.raw(carriedOf(carried, 't.'))}
      FROM (SELECT g.gram, coalesce(k.n, 0) AS n FROM unnest(grams) AS g(gram) LEFT JOIN name_gram_counts k ON k.gram = g.gram) c
      CROSS JOIN (SELECT greatest(reltuples, 1)::float8 AS rows FROM pg_class WHERE oid = 'institutions'::regclass) s
      CROSS JOIN LATERAL (
        -- '= ANY(name_grams)', which the grams index cannot serve: the list order's index is walked instead.
        (SELECT ${sql.raw(HEAD_KEY)}${sql.raw(carriedOf(carried, ''))} FROM institutions
         WHERE ${sql.raw(WALKS)} AND c.gram = ANY(name_grams)
         ORDER BY ${sql.raw(STATUS_RANK_SQL)}, length(name), name COLLATE "C", id COLLATE "C" LIMIT ${sql.lit(HEADS_KEEP)})
        UNION ALL
        (SELECT ${sql.raw(HEAD_KEY)}${sql.raw(carriedOf(carried, ''))} FROM institutions
         WHERE NOT (${sql.raw(WALKS)}) AND name_grams @> ARRAY[c.gram]
         ORDER BY 1, 2, 3, 4 LIMIT ${sql.lit(HEADS_KEEP)})) t;
    $$`
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await fillHeadsFunction().execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
