// The SQL path of search at a size where its shortcuts are taken (issue 12, point 3): totals of lists without text
// read from institution_counts, nearest-first pages taken from the GiST walk and proven complete, status filters as
// a range of the order index, and few matches sorted outside their CTE. Each answer must equal the in-memory index's
// (itself held to a brute-force scan in searchBruteForce.test.ts), and the counts must equal a count of the rows
// after writes of every kind, also when many writers run at once on PostgreSQL.
import { CompiledQuery, sql, type Kysely } from 'kysely'
import { CATEGORIES, DISTRICTS, INSTITUTION_STATUSES, STATUS_RANK } from '../../src/domain/catalog'
import { mulberry32 } from '../../content/sample/random'
import { generateSample } from '../../content/sample/generate'
import { loadSample } from '../../cloud/services/sampleData'
import { nameSearchColumns } from '../../cloud/store/searchText'
import { search } from '../../cloud/services/institutions'
import { searchInstitutions, walkedPage, walkFilter, type SearchFilter } from '../../cloud/store/institutionRepo'
import { classifyQuery, encodeCursor, TOTAL_CAP } from '../../src/domain/query'
import { SearchIndex } from '../../cloud/services/search/searchIndex'
import type { Database } from '../../cloud/store/schema'
import { DB_KINDS } from '../support/databases'
import { openTestDatabase, type TestDatabase } from '../support/databases'
import { searchShapes } from '../support/searchShapes'
import { STATUS_RANK_SQL } from '../../cloud/store/migrations/010_search_order'
import { HEADS_KEEP } from '../../cloud/store/migrations/019_name_gram_heads'
import { HEADS_FROM } from '../../cloud/store/migrations/025_heads_from_200'
import { HEAD_CARRIED } from '../../cloud/store/migrations/028_heads_carry_listed_columns'

jest.setTimeout(180_000)

// More matches than the SQL path sorts whole (2,000) for most filters, so the walks are what is tested.
const N = 6_000
const sample = generateSample({ institutions: N })

/** institution_counts beside a count of the rows, as comparable lists (keys with no rows left out). */
async function countsBothWays(db: Kysely<Database>) {
  const kept = await sql<{ key: string; n: number }>`SELECT district || '|' || category || '|' || status AS key, n FROM institution_counts WHERE n > 0 ORDER BY 1`.execute(db)
  const real = await sql<{ key: string; n: number }>`SELECT district || '|' || category || '|' || status AS key, count(*)::int AS n FROM institutions GROUP BY 1 ORDER BY 1`.execute(db)
  const keptChars = await sql<{ key: string; n: number }>`SELECT gram AS key, n FROM name_gram_counts WHERE n > 0 ORDER BY gram COLLATE "C"`.execute(db)
  const realChars = await sql<{ key: string; n: number }>`SELECT g AS key, count(*)::int AS n FROM institutions, unnest(name_grams) g GROUP BY g ORDER BY g COLLATE "C"`.execute(db)
  // Per gram and filters too (migration 026): what a 1- or 2-character text with filters totals.
  const keptFiltered = await sql<{ key: string; n: number }>`
    SELECT gram || '|' || district || '|' || category || '|' || status AS key, n FROM name_gram_filter_counts WHERE n > 0`.execute(db)
  const realFiltered = await sql<{ key: string; n: number }>`
    SELECT g || '|' || district || '|' || category || '|' || status AS key, count(*)::int AS n FROM institutions, unnest(name_grams) g GROUP BY 1`.execute(db)
  const listed = (rows: { key: string; n: number }[]) => rows.map((r) => `${r.key}=${r.n}`)
  return {
    kept: [...listed(kept.rows), ...listed(keptChars.rows), ...listed(keptFiltered.rows).sort()],
    real: [...listed(real.rows), ...listed(realChars.rows), ...listed(realFiltered.rows).sort()],
  }
}

const LIST_KEY = `${STATUS_RANK_SQL}::smallint, length(name)::smallint, name COLLATE "C", id COLLATE "C"`

/** What a head carries beside its gram and id (migration 028), as one text: the same columns read from the row. */
const CARRIED_TEXT = HEAD_CARRIED.map((c) => `${c}::text`).join(` || '|' || `)

/**
 * name_gram_heads beside what migration 019 says they are: each headed gram's names up to the greatest key among its
 * heads, read from the rows, each with what the row shows now (028: the heads carry it); and the sizes every gram
 * with more than HEADS_FROM names must have.
 */
async function headsBothWays(db: Kysely<Database>) {
  const kept = await sql<{ e: string }>`SELECT gram || '|' || id || '|' || ${sql.raw(CARRIED_TEXT)} AS e FROM name_gram_heads`.execute(db)
  const real = await sql<{ e: string }>`
    WITH top AS (SELECT DISTINCT ON (gram) gram AS tg, rank AS tr, len AS tl, name AS tn, id AS ti FROM name_gram_heads ORDER BY gram, rank DESC, len DESC, name DESC, id DESC)
    SELECT tg || '|' || id || '|' || ${sql.raw(CARRIED_TEXT)} AS e FROM top JOIN institutions ON name_grams @> ARRAY[tg]
    WHERE (${sql.raw(LIST_KEY)}) <= (tr, tl, tn, ti)`.execute(db)
  const sizes = await sql<{ gram: string; n: number; heads: number }>`
    SELECT c.gram, c.n, (SELECT count(*)::int FROM name_gram_heads h WHERE h.gram = c.gram) AS heads FROM name_gram_counts c WHERE c.n > ${HEADS_FROM} ORDER BY 1`.execute(db)
  const sorted = (rows: { e: string }[]) => rows.map((r) => r.e).sort()
  return { kept: sorted(kept.rows), real: sorted(real.rows), sizes: sizes.rows }
}

/** Every page of a search, from SQL (through named statements too, on a server) and from the index, side by side. */
async function everyPage(database: TestDatabase, index: SearchIndex, q: Record<string, unknown>) {
  const pages: unknown[] = []
  let cursor: string | undefined
  do {
    const input = { ...q, ...(cursor ? { cursor } : {}) }
    const fromSql = await search(database.db, input)
    expect({ q, cursor, answer: await search(database.db, input, index) }).toEqual({ q, cursor, answer: fromSql })
    if (database.prepared) expect({ q, cursor, answer: await search(database.db, input, undefined, database.prepared) }).toEqual({ q, cursor, answer: fromSql })
    pages.push(fromSql)
    cursor = fromSql.nextCursor
  } while (cursor)
  return pages.length
}

describe.each(DB_KINDS)('the SQL path of search at 6,000 institutions on %s', (kind) => {
  let database: TestDatabase
  let index: SearchIndex
  beforeAll(async () => {
    database = await openTestDatabase(kind)
    await loadSample(database.db, sample)
    index = new SearchIndex(database.db, { maxStaleMs: 0, termCacheRanks: 0 })
    await index.ready()
  })
  /** After many rows change at once the index falls behind: it rebuilds, and SQL answers meanwhile. Waited for, so
   *  that what follows compares SQL with the index and not with itself. */
  const indexServing = async () => {
    // A rebuild already running when the index fell behind ends without it: asked again until serving.
    for (let round = 0; round < 10 && !index.serving; round++) {
      await index.current()
      await index.ready()
    }
    expect(index.serving).toBe(true)
  }
  afterAll(async () => {
    // No build or check left reading when the pool closes.
    await index?.stop()
    await database?.close()
  })

  it('when lists without text, nearest-first pages (deep ones too) and few-match texts are searched, then SQL answers as the index', async () => {
    const r = mulberry32(kind === 'postgres' ? 31 : 32)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
    const queries: Record<string, unknown>[] = [
      ...searchShapes(sample.institutions, 41),
      // Every status alone (blacklisted last in list order: a walk would pass the whole table) and paged on.
      ...INSTITUTION_STATUSES.flatMap((status) => [{ status }, { status, cursor: 'o40', limit: 50 }]),
      // Nearest first from where institutions are, with and without filters, at offsets up to a few hundred.
      ...Array.from({ length: 30 }, () => {
        const at = pick(sample.institutions)
        // Each way a walk can be written (walkFilter): no filter, a district alone (its partial GiST), and a status
        // or a category with or without a district (the filters' GiST, conditions as its codes).
        const f = pick([
          {},
          { district: pick(DISTRICTS) },
          { status: pick(INSTITUTION_STATUSES), category: pick(CATEGORIES) },
          { district: pick(DISTRICTS), status: pick(INSTITUTION_STATUSES) },
          { district: pick(DISTRICTS), category: pick(CATEGORIES), status: pick(INSTITUTION_STATUSES) },
          { category: pick(CATEGORIES) },
        ])
        return { lat: at.lat + (r() - 0.5) * 0.01, lng: at.lng + (r() - 0.5) * 0.01, sort: 'distance', limit: pick([5, 20, 50]), ...f, ...(r() < 0.4 ? { cursor: `o${pick([20, 100, 400])}` } : {}) }
      }),
      // Far from every institution: the walk has to take more than three pages to prove its page.
      { lat: 24.2, lng: 118.6, sort: 'distance' },
      { lat: 26.5, lng: 118.1, sort: 'distance', status: 'approved' },
      // Rare texts (few matches): read whole, sorted outside the CTE.
      { q: 'hsgqy' },
      { q: sample.institutions[7].name.slice(0, 3) },
      { q: sample.institutions[70].name.slice(1, 4), status: 'pending' },
      // A few-match text paged past its end: no page row comes back, the total still does (the statement's one row).
      { q: sample.institutions[7].name.slice(0, 3), cursor: 'o500' },
      // Texts matching thousands (up to TOTAL_CAP): read once, counted and paged in one statement (matchesPage),
      // first pages, deep pages, code order, nearest first.
      { q: 'peixun' },
      { q: 'peixun', cursor: 'o2040', limit: 50 },
      { q: '培训中心' },
      { q: '9135', cursor: 'o100' },
      { q: 'peixun', lat: sample.institutions[11].lat, lng: sample.institutions[11].lng, sort: 'distance', cursor: 'o100' },
      { q: '培训', district: 'siming' },
      // Pinyin of four letters or more through the four-letter slices (migration 024), of three through the trigrams:
      // runs from inside a name's pinyin (across syllables), and from its initials alone, with and without filters.
      ...[3, 4, 5, 7, 9].map((len) => ({ q: nameSearchColumns(sample.institutions[21].name).name_pinyin.slice(1, 1 + len) })),
      { q: nameSearchColumns(sample.institutions[22].name).name_initials.slice(0, 4) },
      { q: nameSearchColumns(sample.institutions[23].name).name_initials.slice(1, 6), status: sample.institutions[23].status },
      { q: nameSearchColumns(sample.institutions[24].name).name_pinyin.slice(3, 9), lat: 24.5, lng: 118.1, sort: 'distance' },
      // USCC prefixes: one statement, a range of the code's index and its capped count (usccPrefixPage), from a
      // county's thousands to one code's own 17 characters, and a prefix no code has.
      { q: sample.institutions[3].uscc.slice(0, 8) },
      { q: sample.institutions[5].uscc.slice(0, 12), limit: 5 },
      { q: sample.institutions[9].uscc.slice(0, 17) },
      { q: 'Y9Y9Y9Y9' },
    ]
    const thousands = []
    let compared = 0
    for (const q of queries) {
      const fromSql = await search(database.db, q)
      if (q.q && fromSql.total > 2000) thousands.push(q)
      expect({ q, answer: await search(database.db, q, index) }).toEqual({ q, answer: fromSql })
      // On a server, the same through its named statements (generic plans).
      if (database.prepared) expect({ q, answer: await search(database.db, q, undefined, database.prepared) }).toEqual({ q, answer: fromSql })
      compared += fromSql.items.length
    }
    expect(compared).toBeGreaterThan(2000)
    expect(thousands.length).toBeGreaterThanOrEqual(4)
    // A prefix's pages by their keyset cursors, to the last; and a text's of thousands.
    expect(await everyPage(database, index, { q: sample.institutions[3].uscc.slice(0, 6), limit: 50 })).toBeGreaterThan(3)
    expect(await everyPage(database, index, { q: 'peixun', limit: 50 })).toBeGreaterThan(40)
  })

  it('when a text has more matches than are sorted whole, then its pages walk the order index and equal the pages read whole, whatever density the walk was told', async () => {
    const filter = (q: string, f: Partial<SearchFilter> = {}): SearchFilter => ({ query: classifyQuery(q), sortByDistance: false, limit: 20, ...f })
    const ids = (hits: { id: string }[]) => hits.map((h) => h.id)
    // 1,000–4,000 matches, so the SQL path reads them whole (matchesPage) and sorts them: the walk must find the same.
    // Chinese of one and three characters, full pinyin, initials; with filters; first pages, offsets and keysets.
    const cases: SearchFilter[] = [
      filter('培', { category: 'arts' }),
      filter('培训中'),
      filter('peixun', { status: 'approved', limit: 50 }),
      filter('ys'),
      filter('xunzhong', { district: 'siming', after: { kind: 'offset', offset: 300 } }),
    ]
    let walked = 0
    for (const f of cases) {
      const whole = await searchInstitutions(database.db, f)
      expect(whole.total).toBeGreaterThan(f.limit * 2)
      // Told the true count, many more (a first walk too short: eight times longer, then without a bound) or fewer.
      for (const n of [whole.total, TOTAL_CAP + 1, 2_000]) {
        const walk = await walkedPage(database.db, f, n, database.prepared)
        expect({ q: f.query.term, n, ids: ids(walk.hits), more: walk.more }).toEqual({ q: f.query.term, n, ids: ids(whole.hits), more: whole.more })
        walked += walk.hits.length
      }
      // The page after the last row by its key.
      const last = whole.hits.at(-1)!
      const after = { ...f, after: { kind: 'key' as const, rank: STATUS_RANK[last.status], id: last.id, name: last.name } }
      expect(ids((await walkedPage(database.db, after, TOTAL_CAP + 1)).hits)).toEqual(ids((await searchInstitutions(database.db, after)).hits))
    }
    expect(walked).toBeGreaterThan(300)
    // Through the search: a common character with a category (2,366 matches) by keyset to its last page, as the index.
    expect(await everyPage(database, index, { q: '培', category: 'arts', limit: 50 })).toBeGreaterThan(40)
  })

  it('when a nearest-first walk names a status or a category, then it can go through the filters\' GiST, and a plain filter cannot', async () => {
    // Migration 031 holds the filters as codes (023 held them in the C collation) so that only the walk's conditions
    // (walkFilter) reach that GiST: the planner took it for plain filters' bitmaps, 3–5 times slower than the B-tree.
    // Asked with every other way of reading closed (no sequential scan, bitmap or sort), so the plans show what each
    // condition can use, not which one the planner prices lower at this size.
    // Each plan is asked in a transaction rolled back on purpose, so the B-tree dropped for one comes back.
    const rolledBack = new Error('rolled back on purpose')
    const plan = async (q: { compile(): CompiledQuery<unknown> }, dropFiltersBtree = false) => {
      let text = ''
      await database.db
        .transaction()
        .execute(async (trx) => {
          await sql`SET LOCAL enable_seqscan = off`.execute(trx)
          await sql`SET LOCAL enable_bitmapscan = off`.execute(trx)
          await sql`SET LOCAL enable_sort = off`.execute(trx)
          if (dropFiltersBtree) await sql`DROP INDEX institutions_filters`.execute(trx)
          const c = q.compile()
          const rows = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${c.sql}`, [...c.parameters]))
          text = rows.rows.map((r) => r['QUERY PLAN']).join('\n')
          throw rolledBack
        })
        .catch((e: unknown) => {
          if (e !== rolledBack) throw e
        })
      return text
    }
    const near = sql`point(lng * 0.91, lat) <-> point(${118.1 * 0.91}::float8, 24.47::float8)`
    const walk = (f: Partial<SearchFilter>) => walkFilter(database.db, { query: { kind: 'empty', term: '' }, sortByDistance: true, limit: 20, ...f } as SearchFilter).select('id').orderBy(near).limit(30)
    expect(await plan(walk({ category: 'sports', status: 'suspended' }))).toMatch(/Index Scan using institutions_point_codes/)
    expect(await plan(walk({ district: 'siming', category: 'arts', status: 'approved' }))).toMatch(/Index Scan using institutions_point_codes/)
    expect(await plan(walk({ district: 'huli' }))).toMatch(/Index Scan using institutions_point_huli/)
    const plainFilters = database.db.selectFrom('institutions').select('id').where('category', '=', 'sports').where('status', '=', 'suspended')
    expect(await plan(plainFilters, true)).not.toMatch(/institutions_point_codes/)
  })

  it('when a pinyin term has four letters or more, then it is read through the four-letter slices and not the trigrams; three letters through the trigrams', async () => {
    // Written as two LIKEs beside the slices, the planner ANDed the trigram indexes' bitmaps in (migration 024).
    const explain = async (term: string) => {
      const c = walkFilter(database.db, { query: { kind: 'pinyin', term }, sortByDistance: false, limit: 20 } as SearchFilter).select('id').compile()
      const rows = await database.db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${c.sql}`, [...c.parameters]))
      return rows.rows.map((r) => r['QUERY PLAN']).join('\n')
    }
    for (const term of ['wudao', 'xmwd', 'peixunzhongxin']) {
      const plan = await explain(term)
      expect({ term, plan }).toEqual({ term, plan: expect.stringMatching(/institutions_quads_gin/) })
      expect({ term, plan }).toEqual({ term, plan: expect.not.stringMatching(/_trgm/) })
    }
    expect(await explain('xmw')).toMatch(/_trgm/)
  })

  it('when the point is so far north that the GiST walk order differs from true distance, then the nearest page is still exact', async () => {
    // At 60°N a degree of longitude is half a degree of latitude: 70 rows due north at 0.0010–0.0015° come first in
    // the walk (plain degrees), 5 rows due east at 0.0018° (0.0009° of latitude, truly nearer) come after them, past
    // the 26 rows the first walk takes for a page of 20 (its longitude is scaled for Xiamen, 0.91, not for 60°N).
    const at = { lat: 60, lng: 10 }
    const rows = [
      ...Array.from({ length: 70 }, (_, k) => ({ name: `北侧测试机构${k}`, lat: at.lat + 0.001 + k * 0.000007, lng: at.lng })),
      ...Array.from({ length: 5 }, (_, k) => ({ name: `东侧测试机构${k}`, lat: at.lat, lng: at.lng + 0.0018 + k * 0.000001 })),
    ]
    for (const [k, row] of rows.entries()) {
      await sql`INSERT INTO institutions (name, name_pinyin, name_initials, name_grams, uscc, license_no, category, district, status, status_as_of, address, lat, lng)
        VALUES (${row.name}, '', '', '{}'::text[], ${`91350200MB${String(k).padStart(8, '0')}`}, ${'北方许可' + k}, 'arts', 'siming', 'approved', '2026-12-01', '测试', ${row.lat}, ${row.lng})`.execute(database.db)
    }
    const q = { ...at, sort: 'distance', limit: 20 }
    const fromSql = await search(database.db, q)
    expect(fromSql.items.slice(0, 5).map((i) => i.name)).toEqual(rows.slice(70).map((r) => r.name))
    expect(await search(database.db, q, index)).toEqual(fromSql)
  })

  it('when lists without text and single characters are counted, then the totals come from the kept counts and equal a count of the rows', async () => {
    const both = await countsBothWays(database.db)
    expect(both.kept).toEqual(both.real)
    const all = await search(database.db, {})
    expect(all.total).toBe(N + 75)
    const tongan = await search(database.db, { district: 'tongan', status: 'pending' })
    const { n } = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM institutions WHERE district = 'tongan' AND status = 'pending'`.execute(database.db)).rows[0]
    expect(tongan.total).toBe(n)
    expect(n).toBeGreaterThan(100)
    const char = await search(database.db, { q: '培' })
    const real = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM institutions WHERE name LIKE '%培%'`.execute(database.db)).rows[0].n
    expect(char.total).toBe(Math.min(real, 10_000))
    expect(real).toBeGreaterThan(2000)
  })

  it('when a two-character text with filters finds a page and one more among its gram\'s heads, then the page is read from the heads; else from the matches; every page answers as the index', async () => {
    const db = database.db
    await indexServing()
    // The commonest two-character gram: its heads are its first HEADS_KEEP names in list order (all approved here).
    const gram = (await sql<{ gram: string }>`SELECT gram FROM name_gram_counts WHERE char_length(gram) = 2 ORDER BY n DESC, gram LIMIT 1`.execute(db)).rows[0].gram
    const at = sample.institutions[11]
    const shapes: Record<string, unknown>[] = [
      ...CATEGORIES.map((category) => ({ category })),
      ...DISTRICTS.map((district) => ({ district, status: 'approved' })),
      { district: 'siming', category: 'arts' },
      // Past the heads: statuses listed after every approved name, and a combination too rare to fill a page there.
      { status: 'pending' },
      { district: 'xiangan', category: 'science', status: 'approved' },
      // Beside a point (each row's distance from the heads' own position) and a page of another size.
      { category: 'arts', lat: at.lat, lng: at.lng },
      { district: 'huli', limit: 7 },
    ]
    for (const f of shapes) expect(await everyPage(database, index, { q: gram, limit: 50, ...f })).toBeGreaterThanOrEqual(1)
    // Which way a page was read: the heads' copy of each address marked for a moment (the rows are not touched).
    await sql`UPDATE name_gram_heads SET address = address || '〔头〕' WHERE gram = ${gram}`.execute(db)
    try {
      const marked = async (f: Record<string, unknown>) => {
        const page = await search(db, { q: gram, ...f })
        // On a server, the same through its named statements (generic plans).
        if (database.prepared) expect(await search(db, { q: gram, ...f }, undefined, database.prepared)).toEqual(page)
        return page.items.map((i) => i.address.endsWith('〔头〕'))
      }
      expect(await marked({ category: 'arts' })).toEqual(Array(20).fill(true))
      expect(await marked({ district: 'siming', status: 'approved' })).toEqual(Array(20).fill(true))
      const pending = await marked({ status: 'pending' })
      expect(pending.length).toBe(20)
      expect(pending).toEqual(Array(20).fill(false))
    } finally {
      await sql`UPDATE name_gram_heads SET address = replace(address, '〔头〕', '') WHERE gram = ${gram}`.execute(db)
    }
    const heads = await headsBothWays(db)
    expect(heads.kept).toEqual(heads.real)
  })

  it('when the heads of a common gram shrink under the refill line and grow past the trim line, then they are read again or cut back, and every page still answers as the index', async () => {
    const db = database.db
    const before = await headsBothWays(db)
    expect(before.kept).toEqual(before.real)
    // The grams past HEADS_FROM at 6,000 institutions (培, 训, …): each has its heads. The commonest is changed below.
    expect(before.sizes.length).toBeGreaterThan(2)
    // A gram of fewer names than HEADS_KEEP has every one of them (migration 025 headed grams from 200 names).
    for (const g of before.sizes) expect({ gram: g.gram, heads: g.heads }).toEqual({ gram: g.gram, heads: Math.min(g.n, HEADS_KEEP) })
    expect(before.sizes.some((g) => g.n < HEADS_KEEP)).toBe(true)
    const gram = [...before.sizes].sort((a, b) => b.n - a.n)[0].gram
    // 350 of its first heads suspended: they move past the heads' greatest key and leave; 50 are left, so the heads
    // are read again from the table.
    const first = (await sql<{ id: string }>`SELECT id FROM name_gram_heads WHERE gram = ${gram} AND rank = 0 ORDER BY rank, len, name, id LIMIT 350`.execute(db)).rows.map((r) => r.id)
    expect(first).toHaveLength(350)
    await sql`UPDATE institutions SET status = 'suspended' WHERE id = ANY(${first}::text[])`.execute(db)
    const refilled = await headsBothWays(db)
    expect(refilled.kept).toEqual(refilled.real)
    expect(refilled.sizes.find((g) => g.gram === gram)?.heads).toBe(HEADS_KEEP)
    expect(refilled.kept.filter((e) => e.startsWith(`${gram}|`) && first.includes(e.slice(gram.length + 1)))).toEqual([])
    // 500 short names holding it, approved: they sort before the heads' greatest key and join, past the trim line.
    const rows = Array.from({ length: 500 }, (_, k) => ({ name: `${gram}${String.fromCharCode(0x4e00 + k)}`, uscc: `91350200MC${String(k).padStart(8, '0')}` }))
    await sql`INSERT INTO institutions (name, name_pinyin, name_initials, name_grams, uscc, license_no, category, district, status, status_as_of, address, lat, lng)
      SELECT r.name, '', '', string_to_array(r.grams, ','), r.uscc, '头部许可' || r.uscc, 'arts', 'huli', 'approved', '2026-12-01', '测试', 24.5, 118.1
      FROM unnest(${rows.map((r) => r.name)}::text[], ${rows.map((r) => nameSearchColumns(r.name).name_grams.join(','))}::text[], ${rows.map((r) => r.uscc)}::text[]) AS r(name, grams, uscc)`.execute(db)
    const trimmed = await headsBothWays(db)
    expect(trimmed.kept).toEqual(trimmed.real)
    expect(trimmed.sizes.find((g) => g.gram === gram)?.heads).toBe(HEADS_KEEP)
    // Every page both ways: the first from the heads, the later ones walking on after them.
    await indexServing()
    // 30 a page: one page holds the last heads and the first rows walked after them.
    expect(await everyPage(database, index, { q: gram, limit: 30 })).toBeGreaterThan(HEADS_KEEP / 30 + 2)
    expect(await everyPage(database, index, { q: before.sizes.find((g) => Array.from(g.gram).length === 2)?.gram ?? before.sizes[1].gram, limit: 50 })).toBeGreaterThan(2)
  })

  it('when a filter combination grows from few to many after its first nearest page and shrinks again, then pages read by the counts seen before still answer as the index', async () => {
    // Nearest first without text decides walk or sort by the counts its combination's previous page read (a hint),
    // and reads the exact count in the page's own statement. Here each hint is stale by thousands.
    const filters = { category: 'science', status: 'suspended' } as const
    const near = (at: (typeof sample.institutions)[number], cursor?: string) => ({ lat: at.lat, lng: at.lng, sort: 'distance', ...filters, ...(cursor ? { cursor } : {}) })
    const rowsNow = async () => Number((await sql<{ n: string }>`SELECT count(*) AS n FROM institutions WHERE category = ${filters.category} AND status = ${filters.status}`.execute(database.db)).rows[0].n)
    const same = async (q: Record<string, unknown>) => {
      const fromSql = await search(database.db, q)
      expect({ q, answer: await search(database.db, q, index) }).toEqual({ q, answer: fromSql })
      if (database.prepared) expect({ q, answer: await search(database.db, q, undefined, database.prepared) }).toEqual({ q, answer: fromSql })
      return fromSql
    }
    const few = await rowsNow()
    expect((await same(near(sample.institutions[3]))).total).toBe(few)
    const grown = await sql<{ id: string; status: string; category: string }>`
      UPDATE institutions i SET category = ${filters.category}, status = ${filters.status}
      FROM (SELECT id, status, category FROM institutions WHERE NOT (category = ${filters.category} AND status = ${filters.status}) ORDER BY id LIMIT 3000) o
      WHERE i.id = o.id RETURNING o.id, o.status, o.category`.execute(database.db)
    expect(await rowsNow()).toBe(few + 3000)
    await indexServing()
    for (const [k, cursor] of [undefined, undefined, 'o20', 'o2990'].entries()) expect((await same(near(sample.institutions[10 + k], cursor))).total).toBe(few + 3000)
    for (const r of grown.rows) await sql`UPDATE institutions SET category = ${r.category}, status = ${r.status} WHERE id = ${r.id}`.execute(database.db)
    await indexServing()
    for (const [k, cursor] of [undefined, undefined, `o${few + 5}`].entries()) expect((await same(near(sample.institutions[20 + k], cursor))).total).toBe(few)
  })

  it('when 60 writers at once change statuses, districts and addresses, add and remove institutions, then the counts and the heads still equal the rows', async () => {
    const db = database.db
    const ids = (await sql<{ id: string }>`SELECT id FROM institutions ORDER BY md5(id) LIMIT 120`.execute(db)).rows.map((x) => x.id)
    // Rows some gram's heads hold: their addresses and positions move below, which the heads carry (migration 028).
    const headed = (await sql<{ id: string }>`SELECT id FROM (SELECT DISTINCT id FROM name_gram_heads) h ORDER BY md5(id) LIMIT 15`.execute(db)).rows.map((x) => x.id)
    expect(headed).toHaveLength(15)
    const r = mulberry32(5)
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
    const writes = Array.from({ length: 60 }, (_, k) => async () => {
      if (k % 4 === 0) {
        await sql`UPDATE institutions SET status = ${pick(INSTITUTION_STATUSES)}, blacklist_reason = coalesce(blacklist_reason, '测试') WHERE id = ANY(${[ids[k], ids[k + 60]]}::text[])`.execute(db)
      } else if (k % 4 === 1) {
        // Moved and renamed (the characters of its name counted again).
        const name = `${pick(['星光', '海燕', '鹭岛'])}${pick(['舞蹈', '围棋', '编程'])}测试${k}`
        await sql`UPDATE institutions SET district = ${pick(DISTRICTS)}, category = ${pick(CATEGORIES)}, name = ${name}, name_grams = ${sql.val(nameSearchColumns(name).name_grams)}::text[] WHERE id = ${ids[k]}`.execute(db)
      } else if (k % 4 === 2) {
        // A copy of an existing row under a new code: insert and remove in one transaction, or only insert.
        await db.transaction().execute(async (trx) => {
          const uscc = `91350200MA${String(k).padStart(8, "0")}`
          await sql`INSERT INTO institutions (name, name_pinyin, name_initials, name_grams, uscc, license_no, category, district, status, status_as_of, address, lat, lng, blacklist_reason)
            SELECT name || ${k}, name_pinyin, name_initials, name_grams, ${uscc}, ${'测试许可' + k}, category, district, status, status_as_of, address, lat, lng, blacklist_reason
            FROM institutions WHERE id = ${ids[k]}`.execute(trx)
          if (k % 8 === 2) await sql`DELETE FROM institutions WHERE uscc = ${uscc}`.execute(trx)
        })
      } else {
        // A statement that changes nothing a count sees, one that moves a head to another address (nothing a count
        // sees, what its heads carry), and one that moves a whole group.
        await sql`UPDATE institutions SET address = address || '' WHERE id = ${ids[k]}`.execute(db)
        await sql`UPDATE institutions SET address = address || '（新址）', lat = lat + 0.001 WHERE id = ${headed[(k - 3) / 4]}`.execute(db)
        await sql`UPDATE institutions SET status = 'suspended', blacklist_reason = coalesce(blacklist_reason, '测试') WHERE district = ${pick(DISTRICTS)} AND category = ${pick(CATEGORIES)} AND status = 'revoked' AND id = ANY(${ids}::text[])`.execute(db)
      }
    })
    // Two of these writers' multi-row updates can take the same rows in opposite orders (one by id, one through the
    // filters index); PostgreSQL then ends one with a deadlock error and rolls it back. A rolled-back write must leave
    // the counts right too; it is then written again, as its caller would.
    const again = async (write: () => Promise<void>) => {
      for (let tries = 1; ; tries++) {
        try {
          return await write()
        } catch (e) {
          if ((e as { code?: string }).code !== '40P01' || tries >= 5) throw e
        }
      }
    }
    await Promise.all(writes.map((w) => again(w)))
    const both = await countsBothWays(db)
    expect(both.kept).toEqual(both.real)
    expect(both.real.join()).toContain('=')
    const heads = await headsBothWays(db)
    expect(heads.kept).toEqual(heads.real)
    for (const g of heads.sizes) expect(g.heads).toBeGreaterThanOrEqual(100)
  })

  it('when a two-character text with filters matches more than are counted, then its total comes from the kept counts, its pages from a walk, and both equal the index', async () => {
    const db = database.db
    // 10,050 names holding 琨瑶 in arts (approved and pending), 40 in sports: past TOTAL_CAP with the arts filter only.
    const name = (k: number) => `琨瑶${String(k).padStart(5, '0')}艺术中心`
    const rows = Array.from({ length: 10_090 }, (_, k) => k)
    for (let at = 0; at < rows.length; at += 2000) {
      const part = rows.slice(at, at + 2000)
      await sql`INSERT INTO institutions (name, name_pinyin, name_initials, name_grams, uscc, license_no, category, district, status, status_as_of, address, lat, lng)
        SELECT n, '', '', g, '91350200MD' || lpad(k::text, 8, '0'), '琨瑶许可' || k, c, 'huli', s, '2026-12-01', '测试', 24.5, 118.1
        FROM unnest(${part.map(name)}::text[], ${part.map((k) => nameSearchColumns(name(k)).name_grams.join(','))}::text[], ${part}::int[],
                    ${part.map((k) => (k < 10_050 ? 'arts' : 'sports'))}::text[], ${part.map((k) => (k % 3 ? 'approved' : 'pending'))}::text[]) AS t(n, gs, k, c, s),
             LATERAL (SELECT string_to_array(gs, ',') AS g) x`.execute(db)
    }
    const both = await countsBothWays(db)
    expect(both.kept).toEqual(both.real)
    await indexServing()
    for (const q of [
      { q: '琨瑶', category: 'arts' },
      { q: '琨瑶', category: 'arts', status: 'pending' },
      { q: '琨瑶', category: 'sports' },
      { q: '琨瑶', district: 'siming' },
      { q: '瑶', district: 'huli', category: 'arts' },
    ]) {
      const fromSql = await search(db, q)
      expect({ q, answer: await search(db, q, index) }).toEqual({ q, answer: fromSql })
      if (database.prepared) expect({ q, answer: await search(db, q, undefined, database.prepared) }).toEqual({ q, answer: fromSql })
    }
    const arts = await search(db, { q: '琨瑶', category: 'arts' })
    expect({ total: arts.total, capped: arts.totalCapped, first: arts.items[0].name }).toEqual({ total: TOTAL_CAP, capped: true, first: name(1) })
    expect((await search(db, { q: '琨瑶', category: 'sports' })).total).toBe(40)
    expect((await search(db, { q: '琨瑶', district: 'siming' })).total).toBe(0)
    // The walk's pages by their keyset cursors, from one deep among the pending (listed after every approved one) to
    // the last, as the index pages them: the pending after 08100 are 08103 … 10047, 649 of them.
    const from = (await sql<{ id: string }>`SELECT id FROM institutions WHERE name = ${name(8100)}`.execute(db)).rows[0].id
    const cursor = encodeCursor({ kind: 'key', rank: STATUS_RANK.pending, name: name(8100), id: from })
    expect(await everyPage(database, index, { q: '琨瑶', category: 'arts', limit: 50, cursor })).toBe(13)
  })
})
