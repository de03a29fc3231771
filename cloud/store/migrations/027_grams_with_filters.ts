import { sql, type Kysely } from 'kysely'

// A text of one or two characters with filters (the SQL path's 2-char + filters): the gram's names and the filters'
// rows were two bitmaps ANDed, and the filters' was built whole whatever the gram held. At a million institutions a
// district alone is 80,000–170,000 rows: building its bitmap took ~49 ms with every page in memory (能体 + 翔安: 9,566
// names with the gram, 777 in the district), against 6 ms for the gram's own. One GIN over the grams and the filters
// (btree_gin holds plain equality columns) answers the AND inside the index, skipping through a district's long list
// by the gram's short one: serially at a million, warm, searches matching 1–100 went 6.6 → 3.1 ms and 101–1,000 10.9 →
// 5.2; under load 224–237 → 351–369 req/s (bench/ANALYSIS.md §22). It replaces the grams' own GIN: a multi-column
// GIN serves a condition on its first column alone as that one did (1-, 2- and 4-character texts unchanged under
// load), and a write then updates one index, not two. 60 MB at a million against 56; built in ~18 s.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gin`.execute(db)
  await sql`CREATE INDEX institutions_grams_filters ON institutions USING gin (name_grams, district, category, status) WITH (fastupdate = off)`.execute(db)
  await sql`DROP INDEX institutions_grams_gin`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
