import { sql, type Kysely } from 'kysely'

// A text of one or two characters with filters (the SQL path's 2-char + filters): migration 027's GIN holds the
// grams and the filters as separate entries, and ANDing them inside the index still reads the filters' posting trees
// — a district's 170,000 entries, a status's 600,000 — wherever the gram's names fall: at a million, 思辰 + siming +
// science + approved took 3.3 ms and 249 index pages for 17 rows (serially, every page in memory). Here each name is
// indexed under one key per gram joined with its district, category and status, so a gram with filters is a few
// short posting lists, each exactly its matches: the same 17 rows in 0.04 ms and 4 pages (bench/ANALYSIS.md §23).
// Filters that name less than all three are the keys of every combination they admit that has names, read from the
// counts kept per gram and filters (026) in the same statement (at most 30 keys). 130 MB at a million (027's is 60);
// built in ~35 s.
//
// The key is written once, by gram_filter_keys: the index's expression, and the search's keys as the function of
// one gram (institutionRepo.keptGram). It calls no function of ours: PostgreSQL 17 (PGlite) builds and analyses
// an expression index with only pg_catalog on the search path.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Districts, categories and statuses are fixed names without '|', so a key names its gram and filters unambiguously.
  await sql`
    CREATE FUNCTION gram_filter_keys(grams text[], district text, category text, status text) RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(array_agg(g || '|' || district || '|' || category || '|' || status), '{}') FROM unnest(grams) g
    $$`.execute(db)
  // Without a pending list, as the other GIN indexes (migration 020).
  await sql`CREATE INDEX institutions_gram_filter_keys ON institutions USING gin (gram_filter_keys(name_grams, district, category, status)) WITH (fastupdate = off)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
