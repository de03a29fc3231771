import { sql, type Kysely } from 'kysely'

// The search indexes of type GIN (names' slices, pinyin and initials trigrams) write without a pending list. With
// one (PostgreSQL's default, fastupdate), rows inserted since the last vacuum wait in a list that every search
// through the index reads whole: after an import of 3,000 institutions into 100,000, the SQL path's pinyin searches
// took twice as long (serial mean 2.5 -> 5.2 ms, 4-character texts 0.9 -> 2.1 ms), and autovacuum would not come
// for another ~18,000 inserts. Institutions are written rarely and searched all the time, so each write pays for its
// own index entries instead. The lists already pending are merged now.
const GIN_INDEXES = ['institutions_grams_gin', 'institutions_pinyin_trgm', 'institutions_initials_trgm']

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const index of GIN_INDEXES) {
    await sql`ALTER INDEX ${sql.id(index)} SET (fastupdate = off)`.execute(db)
    await sql`SELECT gin_clean_pending_list(${index}::regclass)`.execute(db)
  }
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
