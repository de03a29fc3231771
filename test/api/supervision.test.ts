// Volunteer supervisors through the API: an invitation redeemed once, field visits stored once however often and in
// whatever order they arrive, the check-in rules, and a visit with failed items turned into a complaint that the
// district's desk sees.
import crypto from 'node:crypto'
import { sql } from 'kysely'
import { generateSample } from '../../content/sample/generate'
import { openApi, type ApiClient } from '../support/harness'
import type { DbKind } from '../support/databases'

const sample = generateSample()
const artsInSiming = sample.institutions.find((i) => i.status === 'approved' && i.category === 'arts' && i.district === 'siming')!
const sportsInJimei = sample.institutions.find((i) => i.status === 'approved' && i.category === 'sports' && i.district === 'jimei')!

describe.each<[DbKind]>([['pglite'], ['postgres']])('supervisors on %s', (kind) => {
  let api: ApiClient
  const tokens: Record<string, string> = {}
  let siming: { id: string; lat: number; lng: number }
  let jimeiId: string
  let seq = 0
  const call = async (who: string | undefined, fn: string, event: Record<string, unknown>) => (await api.call(fn, event, who && (tokens[who] ?? who))).body as any
  const ok = async (who: string, fn: string, event: Record<string, unknown>) => {
    const b = await call(who, fn, event)
    if (!b.ok) throw new Error(`${who} ${fn}.${event.action}: ${JSON.stringify(b.error)}`)
    return b.data
  }
  const visit = (over: Record<string, unknown> = {}) => ({
    action: 'submit',
    requestId: `obs-${kind}-${++seq}-abcdefgh`,
    institutionId: siming.id,
    visitedAt: new Date(Date.now() - 3_600_000).toISOString(),
    location: { lat: siming.lat, lng: siming.lng, accuracyM: 15 },
    checklist: { licence_displayed: 'pass', hours_by_2030: 'fail', fire_safety: 'na' },
    itemNotes: { hours_by_2030: '晚上八点五十分仍有两个班在上课' },
    ...over,
  })
  const count = async (table: 'observations' | 'complaints') => Number((await api.env.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)

  beforeAll(async () => {
    api = await openApi(kind, 'main')
    for (const who of ['citizen', 'citizen2', 'supervisor', 'staff-culture', 'staff-culture-siming', 'staff-sports-jimei', 'admin']) tokens[who] = await api.login(who)
    const s = (await ok('citizen', 'institutions', { action: 'verify', code: artsInSiming.uscc })).institution
    const row = await api.env.db.selectFrom('institutions').select(['id', 'lat', 'lng']).where('id', '=', s.id).executeTakeFirstOrThrow()
    siming = { id: row.id, lat: row.lat, lng: row.lng }
    jimeiId = (await ok('citizen', 'institutions', { action: 'verify', code: sportsInJimei.uscc })).institution.id
  })
  afterAll(async () => api?.close())

  it('when a citizen redeems an invitation, then they are a supervisor of its district and kind; the code works once, and not after it expires', async () => {
    const inv = await ok('staff-culture-siming', 'staff', { action: 'invite', district: 'siming', kind: 'specialist' })
    expect(await ok('citizen2', 'supervision', { action: 'bind', code: inv.code.toLowerCase() })).toEqual({ role: 'supervisor', district: 'siming', kind: 'specialist' })
    expect((await ok('citizen2', 'auth', { action: 'me' })).account ?? (await ok('citizen2', 'auth', { action: 'me' }))).toMatchObject({ role: 'supervisor', district: 'siming' })
    const wx = 'wx:bind-later-1'
    expect((await call(wx, 'supervision', { action: 'bind', code: inv.code })).error).toEqual({ code: 'conflict', message: '这个邀请码已被使用，请向辖区工作人员重新获取' })
    const old = await ok('staff-culture-siming', 'staff', { action: 'invite', district: 'siming', kind: 'volunteer' })
    await api.env.db.updateTable('supervisor_invitations').set({ expires_at: new Date(Date.now() - 1000) } as never).where('code', '=', old.code).execute()
    expect((await call(wx, 'supervision', { action: 'bind', code: old.code })).error).toEqual({ code: 'conflict', message: '这个邀请码已过期，请向辖区工作人员重新获取' })
    expect((await call(wx, 'supervision', { action: 'bind', code: 'ZZZZ2222' })).error).toMatchObject({ code: 'invalid_input', fields: { code: '邀请码不存在，请核对后重新输入' } })
    expect((await call(wx, 'supervision', { action: 'bind', code: '12' })).error).toMatchObject({ code: 'invalid_input', fields: { code: '邀请码为8位字母或数字' } })
    expect((await call('staff-culture', 'supervision', { action: 'bind', code: old.code })).error.code).toBe('forbidden')
    expect((await call(undefined, 'supervision', { action: 'bind', code: old.code })).error.code).toBe('unauthenticated')
  })

  if (kind === 'postgres') {
    it('when twenty people race for one code, then exactly one becomes a supervisor', async () => {
      const inv = await ok('staff-culture', 'staff', { action: 'invite', district: 'huli', kind: 'volunteer' })
      const outcomes = await Promise.all(Array.from({ length: 20 }, (_, k) => call(`wx:race-${k}`, 'supervision', { action: 'bind', code: inv.code })))
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1)
      expect(outcomes.filter((o) => !o.ok).map((o) => o.error.message)).toEqual(Array(19).fill('这个邀请码已被使用，请向辖区工作人员重新获取'))
      const bound = await api.env.db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).where('openid', 'like', 'race-%').where('role', '=', 'supervisor').executeTakeFirstOrThrow()
      expect(Number(bound.n)).toBe(1)
    })
  }

  it('when a supervisor records a visit at the site, then it is stored once: a repeat answers the same, other content with the same id is refused', async () => {
    const v = visit()
    const r = await ok('supervisor', 'supervision', v)
    expect(r).toEqual({ id: expect.any(String), flagged: false, distanceM: 0 })
    expect(await ok('supervisor', 'supervision', v)).toEqual(r)
    expect((await call('supervisor', 'supervision', { ...v, notes: '改了内容' })).error.code).toBe('conflict')
    const row = await api.env.db.selectFrom('observations').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ failed: ['hours_by_2030'], flagged: false, district: 'siming', department: 'culture' })
    // Both clocks are kept: the device's visit time and the server's receipt.
    expect(new Date(row.visited_at).toISOString()).toBe(v.visitedAt)
    expect(new Date(row.received_at).getTime()).toBeGreaterThan(new Date(row.visited_at).getTime())
  })

  it('when the check-in is far, inaccurate, late, outside the district or the checklist is wrong, then the field is named and nothing is stored', async () => {
    const before = await count('observations')
    const far = { lat: siming.lat + 0.01, lng: siming.lng, accuracyM: 20 }
    const err = async (over: Record<string, unknown>, who = 'supervisor') => (await call(who, 'supervision', visit(over))).error
    expect(await err({ location: far })).toMatchObject({ code: 'invalid_input', fields: { reason: expect.stringMatching(/^定位与机构登记地址相距约11\d\d米/) } })
    expect(await err({ location: { ...far, accuracyM: 250 } })).toMatchObject({ fields: { location: '定位精度约250米，超过100米，请到窗边或室外重新定位' } })
    expect(await err({ visitedAt: new Date(Date.now() + 3_600_000).toISOString() })).toMatchObject({ fields: { visitedAt: '巡查时间不能晚于现在，请检查手机时间' } })
    expect(await err({ visitedAt: new Date(Date.now() - 8 * 86_400_000).toISOString() })).toMatchObject({ fields: { visitedAt: '只能补录7天内的巡查' } })
    expect(await err({ itemNotes: {} })).toMatchObject({ fields: { 'itemNotes.hours_by_2030': expect.stringContaining('请写明发现的问题') } })
    expect((await err({ checklist: { cleanliness: 'pass' } })).code).toBe('invalid_input')
    expect(await err({ institutionId: '00000000-0000-0000-0000-000000000000' })).toMatchObject({ fields: { institutionId: '没有找到这家机构，请从名录中选择' } })
    expect(await err({ institutionId: jimeiId })).toEqual({ code: 'forbidden', message: '只能巡查本辖区的机构' })
    expect((await err({}, 'citizen')).code).toBe('forbidden')
    expect((await err({}, 'staff-culture')).code).toBe('forbidden')
    expect(await count('observations')).toBe(before)
    // With a reason, the far check-in stands and is flagged.
    expect(await ok('supervisor', 'supervision', visit({ location: far, reason: '机构已搬到对面楼，营业执照地址未变更' }))).toMatchObject({ flagged: true, distanceM: expect.any(Number) })
  })

  it('when a signature image is too big, then it is refused; a refusal to sign is recorded as such', async () => {
    const sup = (await api.env.db.selectFrom('accounts').select('id').where('dev_account', '=', 'supervisor').executeTakeFirstOrThrow()).id
    const big = await api.env.db
      .insertInto('files')
      .values({ sha256: crypto.randomBytes(32).toString('hex'), size: 400 * 1024, mime: 'image/png', owner_account_id: sup })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect((await call('supervisor', 'supervision', visit({ signature: { refused: false, fileId: big.id } }))).error).toMatchObject({ fields: { signature: '签名图片不能超过300KB，请重新签名' } })
    const r = await ok('supervisor', 'supervision', visit({ signature: { refused: true } }))
    expect((await api.env.db.selectFrom('observations').select('signature_refused').where('id', '=', r.id).executeTakeFirstOrThrow()).signature_refused).toBe(true)
  })

  it('when 100 queued visits arrive with repeats and out of order, then exactly 100 are stored', async () => {
    const before = await count('observations')
    const queue = Array.from({ length: 100 }, (_, k) => visit({ requestId: `queue-${kind}-${k}-abcdefgh`, visitedAt: new Date(Date.now() - (k + 1) * 60_000).toISOString() }))
    const deliveries = [...queue, ...queue.slice(0, 40), ...queue.slice(70)].sort(() => Math.random() - 0.5)
    const answers = await Promise.all(deliveries.map((v) => call('supervisor', 'supervision', v)))
    expect(answers.every((a) => a.ok)).toBe(true)
    expect(await count('observations')).toBe(before + 100)
    const byRequest = new Map<string, string>()
    deliveries.forEach((v, k) => {
      const id = answers[k].data.id
      expect(byRequest.get(v.requestId as string) ?? id).toBe(id)
      byRequest.set(v.requestId as string, id)
    })
    const mine = await ok('supervisor', 'supervision', { action: 'mine' })
    expect(mine.total).toBe(before + 100)
    const next = await ok('supervisor', 'supervision', { action: 'mine', cursor: mine.nextCursor })
    expect(next.items[0].visitedAt <= mine.items[19].visitedAt).toBe(true)
  })

  it('when an escalation’s words wait for WeChat’s content check, then nothing is held meanwhile; risky words are refused and nothing is made', async () => {
    const obs = await ok('supervisor', 'supervision', visit({ visitedAt: new Date(Date.now() - 2000).toISOString() }))
    const real = api.env.checker
    const seen: string[] = []
    // A stand-in for WeChat's msgSecCheck that, while "waiting", locks the observation without waiting: inside the
    // escalation's transaction (on PGlite, holding the only connection) this would fail or never return.
    const lockingChecker = (verdict: 'pass' | 'risky') => ({
      wantsOpenid: false,
      async check(text: string) {
        seen.push(text)
        await api.env.db.transaction().execute((trx) => sql`SELECT id FROM observations WHERE id = ${obs.id} FOR UPDATE NOWAIT`.execute(trx))
        return verdict
      },
    })
    try {
      api.env.checker = lockingChecker('risky')
      const before = await count('complaints')
      expect((await call('supervisor', 'supervision', { action: 'escalate', id: obs.id, requestId: `esc-risky-${kind}-abc` })).error).toMatchObject({ code: 'invalid_input', fields: { description: '描述中含有不适宜发布的内容，请修改后再提交' } })
      expect(await count('complaints')).toBe(before)
      api.env.checker = lockingChecker('pass')
      const r = await ok('supervisor', 'supervision', { action: 'escalate', id: obs.id, requestId: `esc-checked-${kind}-abc` })
      expect(r.ticketNo).toMatch(/^XM/)
      // Checked once each time, before the transaction, on the words the complaint carries.
      expect(seen).toHaveLength(2)
      expect((await ok('staff-culture-siming', 'staff', { action: 'complaint', ticketNo: r.ticketNo })).description).toBe(seen[1])
    } finally {
      api.env.checker = real
    }
  })

  it('when a visit with a failed item is escalated, then one complaint is made, linked both ways, and the district’s desk sees it', async () => {
    const obs = await ok('supervisor', 'supervision', visit({ visitedAt: new Date(Date.now() - 1000).toISOString() }))
    const r = await ok('supervisor', 'supervision', { action: 'escalate', id: obs.id, requestId: `esc-${kind}-abcdefgh` })
    expect(r).toMatchObject({ ticketNo: expect.stringMatching(/^XM/), status: 'submitted', observationId: obs.id })
    expect((await ok('supervisor', 'supervision', { action: 'escalate', id: obs.id, requestId: `esc-${kind}-other-abc` })).ticketNo).toBe(r.ticketNo)
    const inbox = await ok('staff-culture-siming', 'staff', { action: 'inbox', q: r.ticketNo })
    expect(inbox.items.map((i: any) => [i.ticketNo, i.category])).toEqual([[r.ticketNo, 'late_hours']])
    const ticket = await ok('staff-culture-siming', 'staff', { action: 'complaint', ticketNo: r.ticketNo })
    expect(ticket.description).toContain('线下培训在20:30前结束：晚上八点五十分仍有两个班在上课')
    const link = await api.env.db.selectFrom('complaints').select('observation_id').where('ticket_no', '=', r.ticketNo).executeTakeFirstOrThrow()
    expect(link.observation_id).toBe(obs.id)
    expect((await ok('supervisor', 'supervision', { action: 'mine' })).items.find((i: any) => i.id === obs.id)).toMatchObject({ ticketNo: r.ticketNo, ticketStatus: 'submitted' })
    // What became of it follows the desk's handling.
    await ok('staff-culture-siming', 'staff', { action: 'transition', ticketNo: r.ticketNo, step: 'accept' })
    expect((await ok('supervisor', 'supervision', { action: 'mine' })).items.find((i: any) => i.id === obs.id).ticketStatus).toBe('accepted')
    // Nobody else learns the record exists; a clean visit has nothing to report.
    expect((await call('staff-sports-jimei', 'supervision', { action: 'escalate', id: obs.id, requestId: 'esc-other-abcdefgh' })).error.code).toBe('not_found')
    const clean = await ok('supervisor', 'supervision', visit({ checklist: { licence_displayed: 'pass' }, itemNotes: {} }))
    expect((await call('supervisor', 'supervision', { action: 'escalate', id: clean.id, requestId: `esc-clean-${kind}-abc` })).error).toEqual({ code: 'conflict', message: '这条巡查记录没有不符合项，不需要转为举报' })
    // The desk counts each supervisor's visits.
    const listed = (await ok('staff-culture-siming', 'staff', { action: 'supervisors' })).items.find((s: any) => s.name === '示例社会监督员')
    expect(listed).toMatchObject({ visits: Number((await api.env.db.selectFrom('observations').select((eb) => eb.fn.countAll<string>().as('n')).innerJoin('accounts as a', 'a.id', 'observations.supervisor_id').where('a.dev_account', '=', 'supervisor').executeTakeFirstOrThrow()).n), lastVisitAt: expect.any(String) })
    expect(listed.visits).toBeGreaterThanOrEqual(2)
  })

  it('when a campaign runs in the district, then its supervisors see it with its focus items; other accounts may not ask', async () => {
    const today = new Date().toISOString().slice(0, 10)
    await ok('staff-culture', 'staff', { action: 'saveCampaign', name: '校外培训安全专项检查', startsOn: today, endsOn: '2027-06-30', districts: ['siming'], focus: ['fire_safety', 'premises_match'] })
    const c = await ok('supervisor', 'supervision', { action: 'campaigns' })
    expect(c.items.map((x: any) => [x.name, x.focus])).toContainEqual(['校外培训安全专项检查', ['fire_safety', 'premises_match']])
    expect((await call('citizen', 'supervision', { action: 'campaigns' })).error.code).toBe('forbidden')
    expect((await call(undefined, 'supervision', { action: 'mine' })).error.code).toBe('unauthenticated')
  })
})
