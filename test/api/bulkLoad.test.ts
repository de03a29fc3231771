// The seed's bulk path (issue 12, point 6): one array per column per statement, and for a large load into empty
// tables the search indexes and foreign keys dropped and restored once at the end. It must leave the same rows and
// the same schema as the row-by-row path, and a failed load must leave the schema as it was.
import { sql, type Kysely } from 'kysely'
import { generateSample } from '../../content/sample/generate'
import { loadSample } from '../../cloud/services/sampleData'
import { insertColumns, withChecksAfter } from '../../cloud/services/bulkInsert'
import type { Database } from '../../cloud/store/schema'
import { KEPT_COUNT_TABLES } from '../../cloud/store/migrations/030_kept_counts_compact'
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases'

const TABLES = ['institutions', 'institution_sites', 'institution_status_history']

/** Index and constraint definitions of the loaded tables, as the database describes them. */
async function schema(db: Kysely<Database>) {
  const indexes = await sql<{ def: string }>`SELECT indexdef AS def FROM pg_indexes WHERE tablename = ANY(${TABLES}::text[]) ORDER BY indexname`.execute(db)
  const constraints = await sql<{ def: string }>`
    SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conrelid::regclass::text = ANY(${TABLES}::text[]) ORDER BY 1`.execute(db)
  return { indexes: indexes.rows.map((r) => r.def), constraints: constraints.rows.map((r) => r.def) }
}

/** Every loaded row without its generated ids and times, in a stable order. */
async function content(db: Kysely<Database>) {
  const inst = await sql`
    SELECT name, name_pinyin, name_initials, name_grams, uscc, license_no, category, district, status, status_as_of::text, scope, address, lat, lng, phone,
      escrow_bank, escrow_account_name, batch_no, blacklist_reason, blacklist_date::text, blacklist_notice, blacklist_notice_id IS NOT NULL AS has_notice
    FROM institutions ORDER BY uscc`.execute(db)
  const sites = await sql`SELECT i.uscc, s.ord, s.address, s.district, s.lat, s.lng FROM institution_sites s JOIN institutions i ON i.id = s.institution_id ORDER BY 1, 2`.execute(db)
  const history = await sql`SELECT i.uscc, h.status, h.at::text, h.notice, h.notice_id IS NOT NULL AS has_notice, h.note, h.source FROM institution_status_history h JOIN institutions i ON i.id = h.institution_id ORDER BY 1, h.id`.execute(db)
  // Kept on write (migrations 017-019): the bulk path lets the heads wait and fills them once at its end.
  const counts = await sql`SELECT gram, n FROM name_gram_counts WHERE n > 0 ORDER BY gram COLLATE "C"`.execute(db)
  const heads = await sql`SELECT gram, rank, len, name FROM name_gram_heads ORDER BY gram, rank, len, name`.execute(db)
  const filtered = await sql`SELECT gram, district, category, status, n FROM name_gram_filter_counts WHERE n > 0 ORDER BY gram COLLATE "C", district, category, status`.execute(db)
  return { inst: inst.rows, sites: sites.rows, history: history.rows, counts: counts.rows, heads: heads.rows, filtered: filtered.rows }
}

describe.each(DB_KINDS)('the sample loaded in bulk on %s', (kind) => {
  let a: TestDatabase
  let b: TestDatabase
  beforeAll(async () => {
    ;[a, b] = await Promise.all([openTestDatabase(kind), openTestDatabase(kind)])
  })
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()])
  })

  it('when loaded with the indexes rebuilt at the end, then rows and schema are those of the plain load', async () => {
    const data = generateSample({ institutions: 2000 })
    const before = await schema(a.db)
    const files = async () => (await sql<{ f: string }>`SELECT relname || ':' || relfilenode AS f FROM pg_class WHERE relname = ANY(${[...KEPT_COUNT_TABLES]}::text[]) ORDER BY 1`.execute(b.db)).rows.map((r) => r.f)
    const filesBefore = await files()
    await loadSample(a.db, data, { rebuildIndexesFrom: Infinity })
    // In several statements, as a million is loaded: each one after the first updates the kept counts' rows again.
    await loadSample(b.db, data, { rebuildIndexesFrom: 0, chunk: 400 })
    // The bulk path rewrote each kept count's table (a new file) once its statements were done (migration 030).
    const filesAfter = await files()
    expect(filesAfter).toHaveLength(KEPT_COUNT_TABLES.length)
    for (const f of filesAfter) expect(filesBefore).not.toContain(f)
    expect(await schema(b.db)).toEqual(before)
    expect(await schema(a.db)).toEqual(before)
    const [ca, cb] = await Promise.all([content(a.db), content(b.db)])
    expect(ca.inst).toHaveLength(2000)
    expect(cb).toEqual(ca)
    // A gram past the heads' line (HEADS_FROM names) has its heads either way.
    expect(cb.heads.length).toBeGreaterThan(0)
    // And left on no more pages than a fresh copy of their rows with the same room: rewritten after the load's
    // transaction, whose replaced versions a rewrite inside it had to copy too.
    for (const t of KEPT_COUNT_TABLES) {
      const pages = async (rel: string) => Number((await sql<{ p: string }>`SELECT pg_relation_size(${rel}::regclass) / 8192 AS p`.execute(b.db)).rows[0].p)
      await sql`CREATE TEMP TABLE fresh_copy WITH (fillfactor = 50) AS SELECT * FROM ${sql.table(t)} ORDER BY 1`.execute(b.db)
      const [mine, fresh] = [await pages(t), await pages('fresh_copy')]
      expect({ t, mine, fresh, compact: mine > 0 && mine <= fresh }).toEqual({ t, mine, fresh, compact: true })
      await sql`DROP TABLE fresh_copy`.execute(b.db)
    }
    // The search's GIN indexes (grams with the filters (027), a gram's keys per filters (029), pinyin and initials trigrams, migration 024's four-letter slices) write without
    // a pending list (migration 020), also as the bulk path restores them.
    const gin = await sql<{ name: string; options: string[] | null }>`SELECT c.relname AS name, c.reloptions AS options FROM pg_class c JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'gin' ORDER BY 1`.execute(b.db)
    expect(gin.rows).toEqual(
      ['institutions_gram_filter_keys', 'institutions_grams_filters', 'institutions_initials_trgm', 'institutions_pinyin_trgm', 'institutions_quads_gin'].map((name) => ({ name, options: ['fastupdate=off'] })),
    )
    // The grams column went through the joined form: a name's grams are all there, none empty.
    expect(cb.inst.every((r) => Array.isArray((r as { name_grams: string[] }).name_grams) && (r as { name_grams: string[] }).name_grams.length > 0)).toBe(true)
  })

  it('when the load fails after the indexes were dropped, then the transaction brings every index and key back', async () => {
    const before = await schema(b.db)
    await expect(
      b.db.transaction().execute((trx) =>
        withChecksAfter(trx, TABLES, async () => {
          // A site of an institution that does not exist: the foreign key restored at the end refuses it.
          await insertColumns(trx, 'institution_sites', { institution_id: 'text', ord: 'int4', address: 'text', district: 'text', lat: 'float8', lng: 'float8' }, [
            { institution_id: 'no-such-institution', ord: 0, address: '某路 1 号', district: 'siming', lat: 24.45, lng: 118.08 },
          ])
        }),
      ),
    ).rejects.toThrow(/foreign key/)
    expect(await schema(b.db)).toEqual(before)
  })
})
