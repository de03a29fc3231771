import { sql, type Kysely } from 'kysely'
import { POSITION_SQL } from './017_search_cold_path'

// Nearest first with filters (附近 with a category or a status) walked the position's GiST index (017: all, or one
// district's) and tested each row it passed against the filters: about (rows in the walk's scope) / (rows admitted)
// rows per row kept, 180 for 思明 + sports + suspended at 100,000. Where that was too many it read every admitted row
// instead and sorted them: 355 rows for sports + suspended at 100,000, 3,550 at a million, for a page of 20.
// This index holds the filters beside the position (btree_gist lets a GiST hold plain equality columns), so a walk
// with any of them passes admitted rows only: a page reads about as many rows as it shows, whatever the filters
// admit. District first: GiST splits by the first column before the next, so a district's rows share pages, as in
// the partial indexes, and then a status's, then a category's (district first read 1.34–1.46 ms a nearby + filters
// search serially at 100,000, status first 1.49–1.54, neither 1.99–2.04; bench/ANALYSIS.md §17). The partial
// indexes stay for a walk with a district alone.
// The filters are held in the C collation, so plain conditions (district = …, in the default collation) cannot use
// this index; the walk names them again in C (institutionRepo.walkFilter). Held plainly, the planner took it
// for the bitmaps of 2-char + filters and few-matches statements: 5–9 ms where the B-tree on the filters read 1–2.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS btree_gist`.execute(db)
  await sql`
    CREATE INDEX institutions_point_filters ON institutions
    USING gist (district COLLATE "C", status COLLATE "C", category COLLATE "C", ${sql.raw(POSITION_SQL)})`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
