import { sql, type Kysely } from 'kysely'

// The B-tree indexes on name_pinyin and name_initials (text_pattern_ops, migration 001) serve a LIKE 'prefix%'. No
// search asks one: pinyin and initials are matched anywhere in a name ('%term%', the trigram indexes), and the
// server's statistics after every bench section at 100,000 showed 0 scans of either. Each still cost every insert and
// update of an institution two index writes, 8.4 MiB at 100,000 (~84 at a million) and the planner a look at each
// on every plan over institutions (bench/ANALYSIS.md §14).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS institutions_pinyin_prefix`.execute(db)
  await sql`DROP INDEX IF EXISTS institutions_initials_prefix`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
