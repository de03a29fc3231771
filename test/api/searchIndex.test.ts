// The in-memory index must answer exactly as the SQL path does — same items, order, totals, cursors — and
// must never answer from a copy the database has moved past.
import { sql } from 'kysely'
import { STATUS_RANK, type InstitutionStatus } from '../../src/domain/catalog'
import { generateSample } from '../../content/sample/generate'
import { nameSearchColumns } from '../../cloud/store/searchText'
import { search } from '../../cloud/services/institutions'
import { SearchIndex } from '../../cloud/services/search/searchIndex'
import { DB_KINDS } from '../support/databases'
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
]

describe.each(DB_KINDS)('the in-memory search index on %s', (kind) => {
  let api: ApiClient
  let index: SearchIndex
  beforeAll(async () => {
    api = await openApi(kind, 'main', { config: { SEARCH_INDEX: 'false' } })
    index = new SearchIndex(api.env.db, { maxStaleMs: 0 })
    await index.ready()
  })
  afterAll(async () => api?.close())

  it(`when ${queries.length} varied searches run both ways, then the index answers exactly as SQL`, async () => {
    let compared = 0
    for (const q of queries) {
      const fromSql = await search(api.env.db, q)
      const fromIndex = await search(api.env.db, q, index)
      expect({ q, answer: fromIndex }).toEqual({ q, answer: fromSql })
      compared += fromSql.items.length
    }
    expect(compared).toBeGreaterThan(500)
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
})
