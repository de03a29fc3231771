import { sql, type Kysely } from 'kysely'
import { fillCommonHeads, keepHeadsFunction } from './019_name_gram_heads'

// Heads (019) for grams of more than 200 names, not 500. At a million institutions 624 of the 3,256 two-character
// grams hold 200–500 names, and a fifth of the bench's two-character searches fell on them: read whole and sorted, 7.9
// ms each serially on the SQL path against 3.7 for a page of heads (bench/ANALYSIS.md §20). Heads for them are at most
// their names (~250,000 rows at a million, ~80 MB); a write touches them as it touches every common gram's.
/** A gram with more names than this has heads; the SQL path reads fewer whole and sorts them (institutionRepo.gramPage). */
export const HEADS_FROM = 200

/** Every common gram's heads read again from the table: a bulk load's, once at its end (gramHeads.ts). */
export const FILL_COMMON_HEADS = fillCommonHeads(HEADS_FROM)

export async function up(db: Kysely<unknown>): Promise<void> {
  // Under the counter's lock, as 019's first fill: no write slips between the fill and the trigger's new threshold.
  await sql`UPDATE change_counters SET value = value WHERE name = 'institutions'`.execute(db)
  await keepHeadsFunction(HEADS_FROM).execute(db)
  // The grams newly past the threshold (those past 500 have theirs).
  await sql`SELECT fill_name_gram_heads(array(
    SELECT c.gram FROM name_gram_counts c WHERE c.n > ${sql.lit(HEADS_FROM)} AND NOT EXISTS (SELECT 1 FROM name_gram_heads h WHERE h.gram = c.gram)))`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
