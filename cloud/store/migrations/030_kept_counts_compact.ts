import { sql, type Kysely } from 'kysely'

// The counts kept on write (institution_counts 017, name_gram_counts 019, name_gram_filter_counts 026) are a few
// small rows each updated by every statement that writes institutions. An update that finds no room on its row's page
// writes the new version on another one, so the live rows drift apart: after the seed's 100 statements of 10,000 at a
// million, institution_counts held its 90 rows on 65 pages (every nearby page without filters summed all of them),
// name_gram_filter_counts its 164,877 on 22,970 (180 MB; a gram's ≤ 90 rows, read by each text with filters, on as many
// pages). Half of each page is now left free, so an update of a count (no indexed column changes) stays on its page
// as a HOT update, and the tables are rewritten in key order once here and at the end of every bulk load. At a million
// they become 1, 19 and 1,319 pages (2,638 with the room); nearby without filters under load 2,273–2,310 →
// 2,428–2,432 req/s, the server's CPU per answer 299–313 → 282–284 µs (bench/ANALYSIS.md §23).
export const KEPT_COUNT_TABLES = ['institution_counts', 'name_gram_counts', 'name_gram_filter_counts'] as const

/** Each kept count's table rewritten in its key's order, live rows only (CLUSTER; allowed in a transaction). */
export async function compactKeptCounts(db: Kysely<any>): Promise<void> {
  for (const t of KEPT_COUNT_TABLES) await sql`CLUSTER ${sql.table(t)} USING ${sql.raw(`${t}_pkey`)}`.execute(db)
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const t of KEPT_COUNT_TABLES) await sql`ALTER TABLE ${sql.table(t)} SET (fillfactor = 50)`.execute(db)
  await compactKeptCounts(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
