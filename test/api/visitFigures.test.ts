// The open figures count supervisors' visits per district and China month (content.stats → visitsByMonth), on
// PGlite and PostgreSQL: the last 12 months, zero-filled, a visit counted in the month of its China time, nothing
// older, and nothing of an observation itself in the public answer.
import { DISTRICTS } from '../../src/domain/catalog'
import { lastMonths } from '../../src/domain/content'
import { chinaToday } from '../../src/domain/chinaDate'
import { openApi, type ApiClient } from '../support/harness'
import type { DbKind } from '../support/databases'

/** The China midnight that starts month `ym` (YYYY-MM), as an instant. */
const monthStart = (ym: string) => new Date(`${ym}-01T00:00:00+08:00`)

describe.each<[DbKind]>([['pglite'], ['postgres']])('visits in the open figures on %s', (kind) => {
  let api: ApiClient
  let supervisorId: string
  const inst: Record<string, { id: string; lat: number; lng: number }> = {}
  let seq = 0
  const stats = async () => ((await api.call('content', { action: 'stats' })).body as any).data

  /** A visit stored as it would be, at any time (submit itself takes only the last 7 days). */
  const store = (district: 'siming' | 'huli', at: Date) =>
    api.env.db
      .insertInto('observations')
      .values({
        supervisor_id: supervisorId,
        request_id: `figures-${kind}-${++seq}`,
        payload_hash: 'x',
        institution_id: inst[district].id,
        district,
        department: 'culture',
        visited_at: at,
        lat: inst[district].lat,
        lng: inst[district].lng,
        accuracy_m: 10,
        distance_m: 0,
        flagged: false,
        checklist: JSON.stringify({ hours_by_2030: 'fail' }),
        item_notes: JSON.stringify({ hours_by_2030: '秘密的检查说明' }),
        failed: ['hours_by_2030'],
        notes: '不应公开的备注',
        signature_refused: false,
        reason: null,
        signature_file_id: null,
        campaign_id: null,
      })
      .execute()

  beforeAll(async () => {
    api = await openApi(kind, 'main')
    supervisorId = (await api.env.db.selectFrom('accounts').select('id').where('dev_account', '=', 'supervisor').executeTakeFirstOrThrow()).id
    for (const d of ['siming', 'huli'] as const) inst[d] = await api.env.db.selectFrom('institutions').select(['id', 'lat', 'lng']).where('district', '=', d).orderBy('id').limit(1).executeTakeFirstOrThrow()
  })
  afterAll(async () => api?.close())

  it('when nobody has visited yet, then there are 12 months ending this China month, every district at 0', async () => {
    const f = await stats()
    expect(f.visitsByMonth.map((m: any) => m.month)).toEqual(lastMonths(chinaToday(), 12))
    expect(f.visitsByMonth.at(-1).month).toBe(chinaToday().slice(0, 7))
    for (const m of f.visitsByMonth) expect(m.byDistrict).toEqual(Object.fromEntries(DISTRICTS.map((d) => [d, 0])))
  })

  it('when visits are stored across the year, then each counts once in its China month and district, the 13th month back not at all', async () => {
    const months = lastMonths(chinaToday(), 12)
    const [oldest, second, current] = [months[0], months[1], months[11]]
    // The first China minute of the oldest month counts; the minute before it (the 13th month back) does not.
    await store('siming', new Date(monthStart(oldest).getTime() + 60_000))
    await store('siming', new Date(monthStart(oldest).getTime() - 60_000))
    // 00:30 in China on the 1st is still the previous day in UTC: it belongs to the China month.
    await store('huli', new Date(monthStart(second).getTime() + 30 * 60_000))
    await store('huli', new Date(monthStart(second).getTime() + 30 * 60_000))
    await store('siming', new Date(monthStart(current).getTime() + 3_600_000))
    const f = await stats()
    const at = (ym: string) => f.visitsByMonth.find((m: any) => m.month === ym).byDistrict
    expect(at(oldest)).toMatchObject({ siming: 1, huli: 0 })
    expect(at(second)).toMatchObject({ siming: 0, huli: 2 })
    expect(at(current)).toMatchObject({ siming: 1, huli: 0 })
    const total = f.visitsByMonth.reduce((n: number, m: any) => n + Object.values(m.byDistrict as Record<string, number>).reduce((a, b) => a + b, 0), 0)
    expect(total).toBe(4)
  })

  it('when the public reads the figures, then nothing of an observation is there: only months and counts', async () => {
    const f = await stats()
    for (const m of f.visitsByMonth) {
      expect(Object.keys(m).sort()).toEqual(['byDistrict', 'month'])
      expect(Object.keys(m.byDistrict).sort()).toEqual([...DISTRICTS].sort())
      for (const n of Object.values(m.byDistrict)) expect(Number.isInteger(n)).toBe(true)
    }
    const text = JSON.stringify(f)
    for (const secret of ['秘密的检查说明', '不应公开的备注', 'hours_by_2030', supervisorId, inst.siming.id, inst.huli.id, `figures-${kind}-1`]) expect(text).not.toContain(secret)
  })
})
