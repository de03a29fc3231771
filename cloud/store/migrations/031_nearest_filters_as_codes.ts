import { sql, type Kysely } from 'kysely'
import { POSITION_SQL } from './017_search_cold_path'
import { STATUS_RANK_SQL } from './010_search_order'

// 附近 with a status or a category from SQL (issue 12, point 3) walks a GiST that holds the filters beside the position
// (023). It held them as text (btree_gist), and each entry a walk passes is tested for each filter by a text
// comparison, its internal keys a range of two strings per filter. Held as small integers (the same order, the same
// splits: district, then status, then category) the index is smaller and its tests cheaper. Measured at a million on
// 600 of the bench's nearby + filters events with a status or a category, each walk's statement serially with its
// generic plan, alternating (scratch bench/_nfab.ts, ANALYSIS §25): 0.67–0.87 ms → 0.47–0.53 ms a walk, the index
// 134 → 98 MB.
//
// The codes are expressions over the columns, so no write has anything more to keep; only a walk's conditions,
// written as the same expressions (institutionRepo.walkFilter), reach the index: plain filters keep to the B-trees, as
// 023's collation did for them.
/** Each filter's code as written in the index. Frozen with the migration: a district, a status or a category added
 *  later (each a CHECK of the table too) needs a migration either way. The status's is its list rank (010). */
export const DISTRICT_CODES = ['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan'] as const
export const CATEGORY_CODES = ['arts', 'sports', 'science'] as const
const caseOf = (column: string, values: readonly string[]) => `(CASE ${column} ${values.map((v, k) => `WHEN '${v}' THEN ${k}`).join(' ')} END)`
export const DISTRICT_CODE_SQL = `${caseOf('district', DISTRICT_CODES)}::int2`
export const STATUS_CODE_SQL = `${STATUS_RANK_SQL}::int2`
export const CATEGORY_CODE_SQL = `${caseOf('category', CATEGORY_CODES)}::int2`

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX institutions_point_codes ON institutions
    USING gist ((${sql.raw(DISTRICT_CODE_SQL)}), (${sql.raw(STATUS_CODE_SQL)}), (${sql.raw(CATEGORY_CODE_SQL)}), ${sql.raw(POSITION_SQL)})`.execute(db)
  await sql`DROP INDEX institutions_point_filters`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
