// The workbench's 巡查发现 (staff.observations) on PGlite and PostgreSQL: each desk sees the supervisors' visits of its
// own scope — department, and district for district staff — exactly as its inbox is scoped; failed visits by default,
// with the notes on each failed item, the check-in's distance and reason, the ticket it became, and links to photos
// and the signature.
import crypto from 'node:crypto'
import { generateSample } from '../../content/sample/generate'
import { openApi, type ApiClient } from '../support/harness'
import type { DbKind } from '../support/databases'

const sample = generateSample()
const artsInSiming = sample.institutions.find((i) => i.status === 'approved' && i.category === 'arts' && i.district === 'siming')!
const sportsInSiming = sample.institutions.find((i) => i.status === 'approved' && i.category === 'sports' && i.district === 'siming')!
const sportsInJimei = sample.institutions.find((i) => i.status === 'approved' && i.category === 'sports' && i.district === 'jimei')!

const ITEM_KEYS = ['department', 'distanceM', 'district', 'failed', 'flagged', 'id', 'institution', 'notes', 'passed', 'photos', 'reason', 'receivedAt', 'signature', 'supervisor', 'ticketNo', 'visitedAt']

describe.each<[DbKind]>([['pglite'], ['postgres']])('staff see the visits of their scope on %s', (kind) => {
  let api: ApiClient
  const tokens: Record<string, string> = {}
  const inst: Record<string, { id: string; lat: number; lng: number }> = {}
  let seq = 0
  const call = async (who: string | undefined, event: Record<string, unknown>) => (await api.call('staff', { action: 'observations', ...event }, who && tokens[who])).body as any
  const ok = async (who: string, fn: string, event: Record<string, unknown>) => {
    const b = (await api.call(fn, event, tokens[who])).body as any
    if (!b.ok) throw new Error(`${who} ${fn}.${event.action}: ${JSON.stringify(b.error)}`)
    return b.data
  }
  const file = async (owner: string, size = 20_000) =>
    (await api.env.db.insertInto('files').values({ sha256: crypto.randomBytes(32).toString('hex'), size, mime: 'image/jpeg', owner_account_id: owner }).returning('id').executeTakeFirstOrThrow()).id
  const accountId = async (dev: string) => (await api.env.db.selectFrom('accounts').select('id').where('dev_account', '=', dev).executeTakeFirstOrThrow()).id
  const visit = (who: string, where: string, over: Record<string, unknown> = {}) =>
    ok(who, 'supervision', {
      action: 'submit',
      requestId: `desk-${kind}-${++seq}-abcdefgh`,
      institutionId: inst[where].id,
      visitedAt: new Date(Date.now() - (100 - seq) * 60_000).toISOString(),
      location: { lat: inst[where].lat, lng: inst[where].lng, accuracyM: 12 },
      checklist: { licence_displayed: 'pass', prices_posted: 'pass', hours_by_2030: 'fail', fire_safety: 'na' },
      itemNotes: { hours_by_2030: '晚上八点五十分仍有两个班在上课' },
      ...over,
    })
  const ids = (page: any) => (page.ok === undefined ? page : page.data).items.map((i: any) => i.id)
  const seen: Record<string, string> = {}

  beforeAll(async () => {
    api = await openApi(kind, 'main')
    for (const who of ['citizen', 'citizen2', 'supervisor', 'staff-culture', 'staff-culture-siming', 'staff-sports', 'staff-sports-jimei', 'staff-education', 'admin']) tokens[who] = await api.login(who)
    for (const [key, s] of [['artsSiming', artsInSiming], ['sportsSiming', sportsInSiming], ['sportsJimei', sportsInJimei]] as const) {
      const id = (await ok('citizen', 'institutions', { action: 'verify', code: s.uscc })).institution.id
      inst[key] = await api.env.db.selectFrom('institutions').select(['id', 'lat', 'lng']).where('id', '=', id).executeTakeFirstOrThrow()
    }
    // citizen2 becomes a 集美区 督学.
    const inv = await ok('staff-sports-jimei', 'staff', { action: 'invite', district: 'jimei', kind: 'inspector' })
    await ok('citizen2', 'supervision', { action: 'bind', code: inv.code })
    const sup = await accountId('supervisor')
    const [p1, p2, sig] = [await file(sup), await file(sup), await file(sup, 9_000)]
    seen.cleanArts = (await visit('supervisor', 'artsSiming', { checklist: { licence_displayed: 'pass' }, itemNotes: {} })).id
    seen.failedArts = (await visit('supervisor', 'artsSiming', { evidence: [p1, p2], signature: { refused: false, fileId: sig }, notes: '负责人在场，态度配合' })).id
    seen.farArts = (
      await visit('supervisor', 'artsSiming', { location: { lat: inst.artsSiming.lat + 0.005, lng: inst.artsSiming.lng, accuracyM: 12 }, reason: '机构已搬到对面楼', signature: { refused: true } })
    ).id
    seen.sportsSiming = (await visit('supervisor', 'sportsSiming')).id
    seen.sportsJimei = (await visit('citizen2', 'sportsJimei', { checklist: { fire_safety: 'fail' }, itemNotes: { fire_safety: '安全出口被杂物堵塞' } })).id
    Object.assign(seen, { p1, p2, sig })
  })
  afterAll(async () => api?.close())

  it('when each desk opens 巡查发现, then it sees the failed visits of its department and district only, newest first', async () => {
    expect(ids(await call('staff-culture-siming', {}))).toEqual([seen.farArts, seen.failedArts])
    expect(ids(await call('staff-culture', {}))).toEqual([seen.farArts, seen.failedArts])
    expect(ids(await call('staff-sports', {}))).toEqual([seen.sportsJimei, seen.sportsSiming])
    expect(ids(await call('staff-sports-jimei', {}))).toEqual([seen.sportsJimei])
    expect(ids(await call('staff-education', {}))).toEqual([])
    expect(ids(await call('admin', {}))).toEqual([seen.sportsJimei, seen.sportsSiming, seen.farArts, seen.failedArts])
    // Every visit, clean ones too, when asked.
    expect(await call('staff-culture-siming', { onlyFailed: false })).toMatchObject({ ok: true, data: { total: 3 } })
    expect(ids((await call('staff-culture-siming', { onlyFailed: false })).data)).toEqual([seen.farArts, seen.failedArts, seen.cleanArts])
    // A supervisor holds the permission on their own visits only.
    expect(ids((await call('supervisor', {})).data)).toEqual([seen.sportsSiming, seen.farArts, seen.failedArts])
    expect(ids((await call('citizen2', {})).data)).toEqual([seen.sportsJimei])
  })

  it('when a visit is listed, then it carries what the desk needs and nothing else: failed items with notes, supervisor, check-in, photos and signature', async () => {
    const page = (await call('staff-culture-siming', {})).data
    expect(page.total).toBe(2)
    const [far, failed] = page.items
    expect(failed).toEqual({
      id: seen.failedArts,
      institution: { id: inst.artsSiming.id, name: artsInSiming.name, address: expect.any(String) },
      district: 'siming',
      department: 'culture',
      supervisor: { name: '示例社会监督员', kind: 'volunteer' },
      visitedAt: expect.any(String),
      receivedAt: expect.any(String),
      failed: [{ item: 'hours_by_2030', note: '晚上八点五十分仍有两个班在上课' }],
      passed: ['licence_displayed', 'prices_posted'],
      notes: '负责人在场，态度配合',
      flagged: false,
      distanceM: 0,
      photos: [
        { fileId: seen.p1, url: expect.stringMatching(new RegExp(`^/files/${seen.p1}\\?exp=\\d+&sig=`)) },
        { fileId: seen.p2, url: expect.stringMatching(new RegExp(`^/files/${seen.p2}\\?exp=\\d+&sig=`)) },
      ],
      signature: { refused: false, file: { fileId: seen.sig, url: expect.stringMatching(/^\/files\//) } },
    })
    expect(far).toMatchObject({ flagged: true, distanceM: expect.any(Number), reason: '机构已搬到对面楼', photos: [], signature: { refused: true } })
    expect(far.distanceM).toBeGreaterThan(500)
    for (const item of page.items) for (const k of Object.keys(item)) expect(ITEM_KEYS).toContain(k)
    // Nothing of the check-in position itself, the device's request id or the payload leaves the server.
    expect(JSON.stringify(page)).not.toMatch(/request|payload|lat|lng|accuracy/)
  })

  it('when a visit is escalated, then the desk sees its ticket number beside it', async () => {
    const r = await ok('supervisor', 'supervision', { action: 'escalate', id: seen.failedArts, requestId: `esc-desk-${kind}-abc` })
    const item = (await call('staff-culture-siming', {})).data.items.find((i: any) => i.id === seen.failedArts)
    expect(item.ticketNo).toBe(r.ticketNo)
  })

  it('when there are more than 20, then the cursor pages through them without repeats, and a forged cursor is refused', async () => {
    for (let k = 0; k < 22; k++) await visit('supervisor', 'sportsSiming', { visitedAt: new Date(Date.now() - (200 + k) * 60_000).toISOString() })
    const first = (await call('staff-sports', {})).data
    expect(first.items).toHaveLength(20)
    expect(first.total).toBe(24)
    const second = (await call('staff-sports', { cursor: first.nextCursor })).data
    expect(second.items).toHaveLength(4)
    expect(second.nextCursor).toBeUndefined()
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(24)
    const times = [...first.items, ...second.items].map((i: any) => i.visitedAt)
    expect(times).toEqual([...times].sort().reverse())
    expect((await call('staff-sports', { cursor: 'o20' })).error).toMatchObject({ code: 'invalid_input', fields: { cursor: expect.any(String) } })
    expect((await call('staff-sports', { onlyFailed: 'yes' })).error).toMatchObject({ code: 'invalid_input', fields: { onlyFailed: '“只看不符合项”应为是或否' } })
  })

  it('when a citizen or nobody asks, then they are refused', async () => {
    expect((await call('citizen', {})).error).toEqual({ code: 'forbidden', message: '您没有查看巡查记录的权限' })
    expect((await call(undefined, {})).error.code).toBe('unauthenticated')
  })
})
