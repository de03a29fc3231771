// The supervisor's round (supervision.institutions) on PGlite and PostgreSQL: their district only, the longest
// unvisited first (by anyone's visits), or the nearest first from where they stand, 20 a page, searchable by name.
import { generateSample } from '../../content/sample/generate'
import { nameSearchColumns } from '../../cloud/store/searchText'
import { distanceM } from '../../src/domain/observations'
import { openApi, type ApiClient } from '../support/harness'
import type { DbKind } from '../support/databases'

const sample = generateSample()
const simingNames = sample.institutions.filter((i) => i.district === 'siming').map((i) => i.name)

describe.each<[DbKind]>([['pglite'], ['postgres']])('the supervisor’s round on %s', (kind) => {
  let api: ApiClient
  const tokens: Record<string, string> = {}
  let seq = 0
  const call = async (who: string | undefined, event: Record<string, unknown>) => (await api.call('supervision', { action: 'institutions', ...event }, who && tokens[who])).body as any
  const ok = async (who: string, fn: string, event: Record<string, unknown>) => {
    const b = (await api.call(fn, event, tokens[who])).body as any
    if (!b.ok) throw new Error(`${who} ${fn}.${event.action}: ${JSON.stringify(b.error)}`)
    return b.data
  }
  /** Every page of the round, following nextCursor. */
  const all = async (who: string, event: Record<string, unknown>) => {
    const items: any[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const b = await call(who, { ...event, ...(cursor ? { cursor } : {}) })
      if (!b.ok) throw new Error(JSON.stringify(b.error))
      expect(b.data.items.length).toBeLessThanOrEqual(20)
      items.push(...b.data.items)
      cursor = b.data.nextCursor
      pages++
    } while (cursor && pages < 100)
    return items
  }
  const visit = async (who: string, inst: { id: string; lat: number; lng: number }, hoursAgo: number) =>
    ok(who, 'supervision', {
      action: 'submit',
      requestId: `round-${kind}-${++seq}-abcdefgh`,
      institutionId: inst.id,
      visitedAt: new Date(Date.now() - hoursAgo * 3_600_000).toISOString(),
      location: { lat: inst.lat, lng: inst.lng, accuracyM: 10 },
      checklist: { licence_displayed: 'pass' },
    })

  beforeAll(async () => {
    api = await openApi(kind, 'main')
    for (const who of ['citizen', 'citizen2', 'supervisor', 'staff-culture-siming', 'admin']) tokens[who] = await api.login(who)
    // A second supervisor of 思明区: last visits are anyone's.
    const inv = await ok('staff-culture-siming', 'staff', { action: 'invite', district: 'siming', kind: 'specialist' })
    await ok('citizen2', 'supervision', { action: 'bind', code: inv.code })
  })
  afterAll(async () => api?.close())

  it('when a supervisor asks without a sort, then every institution of their district comes, never visited first, then the oldest last visit', async () => {
    const before = await all('supervisor', {})
    expect(before.map((r) => r.name).sort()).toEqual([...simingNames].sort())
    expect(before.every((r) => r.lastVisitedAt === undefined && r.distanceM === undefined)).toBe(true)
    const [a, b, c] = [before[3], before[10], before[25]]
    await visit('supervisor', a, 5)
    await visit('citizen2', b, 30)
    await visit('supervisor', c, 1)
    // An older visit to c by the other supervisor does not make c's last visit older.
    await visit('citizen2', c, 50)
    const after = await all('supervisor', { sort: 'lastVisit' })
    expect(after).toHaveLength(before.length)
    expect(after.slice(-3).map((r) => r.id)).toEqual([b.id, a.id, c.id])
    expect(after.slice(0, -3).every((r) => r.lastVisitedAt === undefined)).toBe(true)
    const cLast = after.at(-1)
    expect(Date.now() - Date.parse(cLast.lastVisitedAt)).toBeGreaterThan(3_500_000)
    expect(Date.now() - Date.parse(cLast.lastVisitedAt)).toBeLessThan(3_700_000)
    expect(Object.keys(cLast).sort()).toEqual(['address', 'category', 'id', 'lastVisitedAt', 'lat', 'lng', 'name', 'status'])
  })

  it('when sorted by distance, then the nearest comes first and distances only grow from page to page; without a position the field is named', async () => {
    const first = (await call('supervisor', {})).data.items[7]
    const near = { lat: first.lat + 0.0005, lng: first.lng }
    const items = await all('supervisor', { sort: 'distance', near })
    expect(items).toHaveLength(simingNames.length)
    expect(items[0].id).toBe(first.id)
    expect(items[0].distanceM).toBe(distanceM(near, first))
    for (let k = 1; k < items.length; k++) expect(items[k].distanceM).toBeGreaterThanOrEqual(items[k - 1].distanceM)
    // Within a city the SQL's flat-earth figure is within 1 % of the great-circle one.
    for (const r of items.slice(0, 40)) expect(Math.abs(r.distanceM - distanceM(near, r))).toBeLessThanOrEqual(Math.max(2, distanceM(near, r) * 0.01))
    expect(new Set(items.map((r) => r.id)).size).toBe(items.length)
    expect((await call('supervisor', { sort: 'distance' })).error).toEqual({ code: 'invalid_input', message: '按距离排序需要您当前的位置，请允许定位后重试', fields: { near: '按距离排序需要您当前的位置，请允许定位后重试' } })
    expect((await call('supervisor', { sort: 'distance', near: { lat: 91, lng: 118 } })).error).toMatchObject({ code: 'invalid_input', fields: { 'near.lat': '纬度超出范围' } })
    // A position with the other sort shows distances without changing the order.
    const byVisit = (await call('supervisor', { near })).data.items
    expect(byVisit[0].distanceM).toEqual(expect.any(Number))
  })

  it('when a name is searched, then only institutions of the district with it in their name come, and the total says how many', async () => {
    const term = '舞蹈'
    const expected = simingNames.filter((n) => n.includes(term))
    expect(expected.length).toBeGreaterThan(0)
    const items = await all('supervisor', { q: term })
    expect(items.map((r) => r.name).sort()).toEqual([...expected].sort())
    expect((await call('supervisor', { q: term })).data.total).toBe(expected.length)
    expect((await call('supervisor', { q: '没有这样的机构名称' })).data).toEqual({ items: [], total: 0 })
    // Characters a LIKE pattern would read as wildcards are plain text.
    expect((await call('supervisor', { q: '%' })).data.total).toBe(0)
  })

  it('when a name is searched by its pinyin, its initials or a code, then the round matches as the public search does', async () => {
    const siming = sample.institutions.filter((i) => i.district === 'siming')
    const cols = new Map(siming.map((i) => [i.uscc, nameSearchColumns(i.name)]))
    const matching = (term: string) => siming.filter((i) => cols.get(i.uscc)!.name_pinyin.includes(term) || cols.get(i.uscc)!.name_initials.includes(term)).map((i) => i.name).sort()
    const one = siming.find((i) => cols.get(i.uscc)!.name_pinyin.length >= 12)!
    // Four letters or more go through the pinyin slices, fewer through the trigrams: both, typed with spaces and capitals.
    for (const term of [cols.get(one.uscc)!.name_pinyin.slice(0, 10), cols.get(one.uscc)!.name_initials.slice(0, 3)]) {
      const expected = matching(term)
      expect(expected).toContain(one.name)
      const typed = term.toUpperCase().replace(/(.{3})/, '$1 ')
      expect((await all('supervisor', { q: typed })).map((r) => r.name).sort()).toEqual(expected)
      expect((await call('supervisor', { q: typed })).data.total).toBe(expected.length)
    }
    // A whole code finds its institution; another district's does not.
    expect((await all('supervisor', { q: one.uscc })).map((r) => r.name)).toEqual([one.name])
    const elsewhere = sample.institutions.find((i) => i.district !== 'siming')!
    expect((await call('supervisor', { q: elsewhere.uscc })).data).toEqual({ items: [], total: 0 })
  })

  it('when someone other than a supervisor asks, or the cursor is forged, then the answer says why', async () => {
    expect((await call(undefined, {})).error.code).toBe('unauthenticated')
    expect((await call('citizen', {})).error).toEqual({ code: 'forbidden', message: '只有监督员可以查看巡查名录' })
    expect((await call('staff-culture-siming', {})).error.code).toBe('forbidden')
    expect((await call('admin', {})).error.code).toBe('forbidden')
    expect((await call('supervisor', { cursor: 'o99999999' })).error).toMatchObject({ code: 'invalid_input', fields: { cursor: expect.any(String) } })
    expect((await call('supervisor', { sort: 'name' })).error).toMatchObject({ code: 'invalid_input', fields: { sort: '排序方式应为 distance 或 lastVisit' } })
    expect((await call('supervisor', { district: 'huli' })).error.code).toBe('invalid_input')
  })
})
