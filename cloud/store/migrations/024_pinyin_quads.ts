import { sql, type Kysely } from 'kysely'

// A pinyin or initials term of four letters or more is found through the name's four-letter slices (a GIN index on
// letter_quads(name_pinyin, name_initials)), no longer through pg_trgm's three-letter ones. Why: three letters of pinyin are common to a large part
// of all names ("ian", "ong", "zhi"), so a term's trigram lists are long, their intersection costs ~1.5 ms at 100,000
// even for a term nobody's name holds, and trigrams present but not adjacent send thousands of rows to be rechecked
// ("yuexi": 3,852 rows read for 219 matches). Four letters are rarer by far: at 100,000, a rare term counted in
// 0.15–0.45 ms against 0.6–2.4 through the trigrams (bench/ANALYSIS.md §18). Terms of two or three letters (most
// initials) keep the trigram indexes.
//
// The slices are an expression index over the stored pinyin and initials, so every writer (an import, a staff edit,
// the seed's bulk load) keeps them without knowing they exist, and the rule that cuts them lives here alone: the
// search cuts a term with the same function (institutionRepo.applyFilter). Not a stored column: ~40 slices a name
// made each row a third wider, and every search that reads rows would read more pages. Containment (@>) in a GIN
// index over arrays is exact, so the function runs only when a row is written, never to recheck a read. A term's
// slices are all in its pinyin or all in its initials, so containment is necessary; the LIKE that follows decides.
/** The shortest term searched through the slices. */
export const QUADS_FROM = 4

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION letter_quads(a text, b text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(array_agg(DISTINCT q), '{}') FROM (
        SELECT substr(a, k, 4) AS q FROM generate_series(1, char_length(a) - 3) k
        UNION ALL
        SELECT substr(b, k, 4) FROM generate_series(1, char_length(b) - 3) k) s
    $$`.execute(db)
  // Without a pending list, as the other GIN indexes (migration 020).
  await sql`CREATE INDEX institutions_quads_gin ON institutions USING gin (letter_quads(name_pinyin, name_initials)) WITH (fastupdate = off)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
