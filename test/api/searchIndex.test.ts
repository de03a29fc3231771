// The in-memory index must answer exactly as the SQL path does — same items, order, totals, cursors — and
// must never answer from a copy the database has moved past.
import { sql } from 'kysely'
import { DISTRICTS, INSTITUTION_STATUSES, STATUS_RANK, type InstitutionStatus } from '../../src/domain/catalog'
import { mulberry32 } from '../../content/sample/random'
import { MemoryIndex } from '../../cloud/services/search/memoryIndex'
import { generateSample } from '../../content/sample/generate'
import { nameSearchColumns } from '../../cloud/store/searchText'
import { search } from '../../cloud/services/institutions'
import { SearchIndex } from '../../cloud/services/search/searchIndex'
import { DB_KINDS } from '../support/databases'
import { searchShapes } from '../support/searchShapes'
import { openApi, type ApiClient } from '../support/harness'

const sample = generateSample()
const some = sample.institutions.filter((_, i) => i % 97 === 0)

const queries: Record<string, unknown>[] = [
  {},
  ...['舞', '术', '厦', '舞蹈', '马术', '编程', '培训中', '舞蹈培训', '艺术培训学校', '（', '%', '_', '\\', '舞%', 'AbC'].map((q) => ({ q })),
  ...['wudao', 'mashu', 'biancheng', 'peixun', 'wu', 'x', 'zzzz'].map((q) => ({ q })),
  ...some.map((i) => ({ q: nameSearchColumns(i.name).name_initials.slice(1, 5) })),
  ...some.map((i) => ({ q: Array.from(i.name).slice(1, 5).join('') })),
  ...some.map((i) => ({ q: i.uscc })),
  ...some.map((i) => ({ q: i.uscc.slice(0, 10) })),
  ...some.map((i) => ({ q: i.licenseNo })),
  { q: '9135', limit: 50 },
  { q: '培训', district: 'huli' },
  { q: '培训', category: 'science', status: 'approved', limit: 50 },
  { district: 'tongan', status: 'pending', cursor: 'o20' },
  { q: '舞蹈', lat: 24.5, lng: 118.1 },
  { q: '舞蹈', lat: 24.5, lng: 118.1, sort: 'distance' },
  { lat: 24.445, lng: 118.082, sort: 'distance', cursor: 'o40' },
  { q: '中心', cursor: 'o100', limit: 7 },
  ...searchShapes(sample.institutions),
]

describe.each(DB_KINDS)('the in-memory search index on %s', (kind) => {
  let api: ApiClient
  let index: SearchIndex
  /** Walks the grid for every nearest-first page (the sample is too small to need it otherwise), cache off. */
  let gridIndex: SearchIndex
  beforeAll(async () => {
    api = await openApi(kind, 'main', { config: { SEARCH_INDEX: 'false' } })
    index = new SearchIndex(api.env.db, { maxStaleMs: 0 })
    gridIndex = new SearchIndex(api.env.db, { maxStaleMs: 0, scoreAllBelow: 0, termCacheRanks: 0 })
    await Promise.all([index.ready(), gridIndex.ready()])
  })
  afterAll(async () => {
    await Promise.all([index?.stop(), gridIndex?.stop()])
    await api?.close()
  })

  it(`when ${queries.length} varied searches run both ways, then the index answers exactly as SQL`, async () => {
    let compared = 0
    for (const q of queries) {
      const fromSql = await search(api.env.db, q)
      const fromIndex = await search(api.env.db, q, index)
      expect({ q, answer: fromIndex }).toEqual({ q, answer: fromSql })
      expect({ q, answer: await search(api.env.db, q, gridIndex) }).toEqual({ q, answer: fromSql })
      compared += fromSql.items.length
    }
    expect(compared).toBeGreaterThan(1500)
  })

  it('when the search is blank, then white-listed institutions list first, then by standing, on both paths alike', async () => {
    const all = async (idx?: SearchIndex) => {
      const items: { status: string; name: string }[] = []
      let cursor: string | undefined
      do {
        const page = await search(api.env.db, { limit: 50, ...(cursor ? { cursor } : {}) }, idx)
        items.push(...page.items)
        cursor = page.nextCursor
      } while (cursor)
      return items
    }
    const fromSql = await all()
    expect(fromSql).toHaveLength(sample.institutions.length)
    const ranks = fromSql.map((i) => STATUS_RANK[i.status as InstitutionStatus])
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    expect(new Set(fromSql.map((i) => i.status)).size).toBe(5)
    expect(fromSql[0].status).toBe('approved')
    expect(await all(index)).toEqual(fromSql)
  })

  it('when pages are followed by their cursors, then both paths hand out the same keyset cursors to the end', async () => {
    for (const q of [{ q: '培训', limit: 50 }, { district: 'huli', limit: 30 }, { q: '9135', limit: 25 }, { q: 'peixun', status: 'approved', limit: 40 }, { lat: 24.47, lng: 118.1, sort: 'distance', limit: 50 }]) {
      let cursor: string | undefined
      let pages = 0
      do {
        const ev = { ...q, ...(cursor ? { cursor } : {}) }
        const fromSql = await search(api.env.db, ev)
        expect({ ev, answer: await search(api.env.db, ev, gridIndex) }).toEqual({ ev, answer: fromSql })
        cursor = fromSql.nextCursor
        pages++
      } while (cursor)
      expect(pages).toBeGreaterThan(1)
    }
  })

  it('when the database changes after the index was built, then the next search sees the change', async () => {
    const target = sample.institutions.find((i) => i.status === 'pending')!
    const before = await search(api.env.db, { q: target.uscc }, index)
    expect(before.items[0].status).toBe('pending')
    await sql`UPDATE institutions SET status = 'approved' WHERE uscc = ${target.uscc}`.execute(api.env.db)
    const after = await search(api.env.db, { q: target.uscc }, index)
    expect(after.items[0].status).toBe('approved')
    // …answered from SQL while the index rebuilds; once rebuilt, the index itself has it.
    await index.ready()
    expect(await index.current()).toBeDefined()
    expect((await search(api.env.db, { q: target.uscc }, index)).items[0].status).toBe('approved')
  })

  it('when the index may be a second stale, then a write in this process is still seen at once after markStale', async () => {
    const lazy = new SearchIndex(api.env.db, { maxStaleMs: 60_000 })
    await lazy.ready()
    const target = sample.institutions.find((i) => i.status === 'pending' && i.name.includes('舞'))!
    await sql`UPDATE institutions SET status = 'suspended' WHERE uscc = ${target.uscc}`.execute(api.env.db)
    lazy.markStale()
    expect((await search(api.env.db, { q: target.uscc }, lazy)).items[0].status).toBe('suspended')
  })

  it('when more than 10,000 match, then both paths say 10000 and totalCapped, and keyset pages still run to the end', async () => {
    await sql`
      INSERT INTO institutions (name, name_pinyin, name_initials, name_grams, uscc, license_no, category, district, status, status_as_of, address, lat, lng)
      SELECT '测试培训机构' || g, 'ceshipeixunjigou' || g, 'cspxjg' || g, ARRAY['测', '试', '测试'], '91350200' || lpad(g::text, 10, '0'),
             '文民35020' || lpad(g::text, 10, '0') || '号', 'arts', 'siming', 'approved', '2026-11-20', '厦门市思明区测试路' || g || '号',
             24.45 + (g % 100) * 0.0003, 118.08 + (g / 100) * 0.0003
      FROM generate_series(1, 10100) g`.execute(api.env.db)
    await gridIndex.ready()
    for (const q of [{}, { status: 'approved' }, { q: '测试' }, { q: 'cspx' }, { lat: 24.46, lng: 118.09, sort: 'distance' }]) {
      const fromSql = await search(api.env.db, q)
      expect(fromSql).toMatchObject({ total: 10_000, totalCapped: true })
      expect(await search(api.env.db, q, gridIndex)).toEqual(fromSql)
    }
    const term = '测试'
    const expected = 10100
    let cursor: string | undefined
    let seen = 0
    do {
      const ev = { q: term, limit: 50, ...(cursor ? { cursor } : {}) }
      const fromSql = await search(api.env.db, ev)
      expect(await search(api.env.db, ev, gridIndex)).toEqual(fromSql)
      seen += fromSql.items.length
      cursor = fromSql.nextCursor
    } while (cursor)
    expect(seen).toBe(expected)
  })
})

describe('nearest-first pages from the grid', () => {
  const docs = sample.institutions.map((i, k) => ({ ...i, id: `id${k}`, pinyin: '', initials: '' }))
  const memory = new MemoryIndex(docs, 0, 0)
  const dist = (p: { lat: number; lng: number }, d: { lat: number; lng: number }) => {
    const k = Math.cos((p.lat * Math.PI) / 180)
    const rad = Math.PI / 180
    return Math.round(6371000 * Math.sqrt(((d.lat - p.lat) * rad) ** 2 + (k * (d.lng - p.lng) * rad) ** 2))
  }
  const listOrder = (a: (typeof docs)[number], b: (typeof docs)[number]) =>
    STATUS_RANK[a.status] - STATUS_RANK[b.status] || Array.from(a.name).length - Array.from(b.name).length || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : 1)

  it('when 300 random points and filters are asked, then pages are in distance order and equal to sorting every institution', () => {
    const r = mulberry32(9)
    for (let t = 0; t < 300; t++) {
      const at = docs[Math.floor(r() * docs.length)]
      const near = r() < 0.1 ? { lat: 20 + r() * 10, lng: 110 + r() * 10 } : { lat: at.lat + (r() * 2 - 1) * 0.05, lng: at.lng + (r() * 2 - 1) * 0.05 }
      const district = r() < 0.4 ? DISTRICTS[Math.floor(r() * DISTRICTS.length)] : undefined
      const status = r() < 0.3 ? INSTITUTION_STATUSES[Math.floor(r() * INSTITUTION_STATUSES.length)] : undefined
      const offset = r() < 0.3 ? 40 : 0
      const limit = 1 + Math.floor(r() * 50)
      const got = memory.search({ query: { kind: 'empty', term: '' }, district, status, near, sortByDistance: true, after: { kind: 'offset', offset }, limit })
      const expected = docs
        .filter((d) => (!district || d.district === district) && (!status || d.status === status))
        .sort((a, b) => dist(near, a) - dist(near, b) || listOrder(a, b))
      expect(got.total).toBe(expected.length)
      expect(got.hits.map((h) => h.doc.id)).toEqual(expected.slice(offset, offset + limit).map((d) => d.id))
      const ds = got.hits.map((h) => h.distanceM!)
      expect(ds).toEqual([...ds].sort((a, b) => a - b))
    }
  })
})