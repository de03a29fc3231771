// staff.setInstitutionStatus: every change goes through the institution machine, rests on a notice, lands in the
// insert-only history with one audit line, and is what parents read at once — record, verify and search (with the
// in-memory index on and a long staleness window, so only the entry's markStale can make search see it).
import { generateSample } from '../../content/sample/generate'
import { openApi, type ApiClient, type Via } from '../support/harness'
import type { DbKind } from '../support/databases'

const sample = generateSample()
const approved = (category: string, district: string) => sample.institutions.filter((i) => i.status === 'approved' && i.category === category && i.district === district)
const [first, second, third, fourth] = approved('arts', 'huli')
const inSiming = approved('arts', 'siming')[0]

describe.each<[DbKind, Via]>([
  ['pglite', 'gateway'],
  ['postgres', 'main'],
])('staff.setInstitutionStatus on %s through %s', (kind, via) => {
  let api: ApiClient
  const tokens: Record<string, string> = {}
  const ids: Record<string, string> = {}
  let n = 0

  beforeAll(async () => {
    api = await openApi(kind, via, { config: { SEARCH_INDEX_MAX_STALE_MS: '3600000' } })
    for (const who of ['citizen', 'staff-culture', 'staff-culture-siming', 'staff-sports', 'admin']) tokens[who] = await api.login(who)
    for (const inst of [first, second, third, fourth, inSiming]) {
      ids[inst.uscc] = ((await api.call('institutions', { action: 'verify', code: inst.uscc })).body as any).data.institution.id
    }
  })
  afterAll(async () => api?.close())

  const change = (uscc: string, status: string, as: string | undefined, over: Record<string, unknown> = {}) =>
    api.call(
      'staff',
      {
        action: 'setInstitutionStatus',
        institutionId: ids[uscc],
        status,
        reason: '经检查存在超时培训问题，责令整改。',
        notice: { title: `关于机构状态变更的公告（测试${kind}${++n}）`, date: '2026-11-29', issuer: '厦门市文化和旅游局' },
        ...over,
      },
      as,
    )
  const written = async (uscc: string) => {
    const count = async (t: 'institution_status_history' | 'audit_log' | 'notices', where?: [string, string]) => {
      let q = api.env.db.selectFrom(t as 'notices').select((eb) => eb.fn.countAll<number>().as('n'))
      if (where) q = q.where(where[0] as never, '=', where[1] as never)
      return Number((await q.executeTakeFirstOrThrow()).n)
    }
    const status = (await api.env.db.selectFrom('institutions').select('status').where('id', '=', ids[uscc]).executeTakeFirstOrThrow()).status
    return { status, history: await count('institution_status_history', ['institution_id', ids[uscc]]), audit: await count('audit_log'), notices: await count('notices') }
  }
  const searchStatus = async (name: string) => {
    const r = await api.call('institutions', { action: 'search', q: name })
    return ((r.body as any).data.items as { name: string; status: string }[]).find((i) => i.name === name)?.status
  }

  it('when city staff suspend an approved institution, then get, verify and search answer 停业整改 at once, with the notice and reason in the history', async () => {
    // A search first, so the index is built and has looked at the change counter: from now on only markStale moves it.
    expect(await searchStatus(first.name)).toBe('approved')
    const before = await written(first.uscc)
    const r = await change(first.uscc, 'suspended', tokens['staff-culture'])
    expect(r.status).toBe(200)
    const answered = (r.body as any).data.institution
    const got = (await api.call('institutions', { action: 'get', id: ids[first.uscc] })).body as any
    expect(answered).toEqual(got.data)
    expect(got.data).toMatchObject({ status: 'suspended', statusAsOf: '2026-11-29' })
    expect(got.data.history[0]).toEqual({ status: 'suspended', at: '2026-11-29', notice: expect.stringContaining('关于机构状态变更的公告'), noticeId: expect.any(String), note: '经检查存在超时培训问题，责令整改。' })
    const verified = (await api.call('institutions', { action: 'verify', code: first.uscc })).body as any
    expect(verified.data.result).toBe('suspended')
    expect(await searchStatus(first.name)).toBe('suspended')
    const filtered = (await api.call('institutions', { action: 'search', q: first.name, status: 'suspended' })).body as any
    expect(filtered.data.items.map((i: any) => i.name)).toContain(first.name)
    expect(await written(first.uscc)).toEqual({ status: 'suspended', history: before.history + 1, audit: before.audit + 1, notices: before.notices + 1 })
    const audit = await api.env.db.selectFrom('audit_log').selectAll().where('target_id', '=', ids[first.uscc]).execute()
    expect(audit.map((a) => [a.action, a.target_type, (a.detail as any).from, (a.detail as any).to])).toEqual([['staff.setInstitutionStatus', 'institution', 'approved', 'suspended']])
  })

  it('when an institution is restored, blacklisted and lets reapply, then each step follows the machine and the black-list record shows only while it is on the list', async () => {
    const get = async () => ((await api.call('institutions', { action: 'get', id: ids[second.uscc] })).body as any).data
    expect((await change(second.uscc, 'suspended', tokens['staff-culture'])).status).toBe(200)
    expect((await change(second.uscc, 'approved', tokens['staff-culture'])).status).toBe(200)
    expect((await get()).status).toBe('approved')
    const black = await change(second.uscc, 'blacklisted', tokens.admin, { reason: '超额预收费后停业，拒不退费。' })
    expect(black.status).toBe(200)
    expect((black.body as any).data.institution.blacklist).toEqual({ reason: '超额预收费后停业，拒不退费。', date: '2026-11-29', notice: expect.stringContaining('关于机构状态变更的公告'), noticeId: expect.any(String) })
    expect(((await api.call('institutions', { action: 'verify', code: second.uscc })).body as any).data.result).toBe('blacklisted')
    const again = await change(second.uscc, 'pending', tokens['staff-culture'], { reason: '机构重新提交办学申请。' })
    expect(again.status).toBe(200)
    const now = await get()
    expect(now.status).toBe('pending')
    expect(now.blacklist).toBeUndefined()
    const row = await api.env.db.selectFrom('institutions').select(['blacklist_reason', 'blacklist_date', 'blacklist_notice', 'blacklist_notice_id']).where('id', '=', ids[second.uscc]).executeTakeFirstOrThrow()
    expect(row).toEqual({ blacklist_reason: null, blacklist_date: null, blacklist_notice: null, blacklist_notice_id: null })
    expect(now.history.slice(0, 4).map((h: any) => h.status)).toEqual(['pending', 'blacklisted', 'approved', 'suspended'])
  })

  it('when the change is impossible or changes nothing, then it is a conflict in Chinese and nothing is written', async () => {
    expect((await change(third.uscc, 'blacklisted', tokens['staff-culture'], { reason: '无证经营被查处。' })).status).toBe(200)
    const before = await written(third.uscc)
    const straightBack = await change(third.uscc, 'approved', tokens['staff-culture'])
    expect([straightBack.status, (straightBack.body as any).error]).toEqual([409, { code: 'conflict', message: '机构当前为“黑名单”，不能直接改为“白名单”' }])
    const same = await change(third.uscc, 'blacklisted', tokens['staff-culture'])
    expect([same.status, (same.body as any).error]).toEqual([409, { code: 'conflict', message: '机构已是“黑名单”' }])
    expect(await written(third.uscc)).toEqual(before)
  })

  it('when the reason or notice is missing or the institution unknown, then the refusal names the field and nothing is written', async () => {
    const before = await written(fourth.uscc)
    const { notice: _n, ...noNotice } = { notice: 1 }
    const tries: [ReturnType<typeof change>, number, Record<string, string>][] = [
      [change(fourth.uscc, 'suspended', tokens['staff-culture'], { reason: undefined }), 400, { reason: '请填写变更理由' }],
      [change(fourth.uscc, 'suspended', tokens['staff-culture'], { reason: '整改' }), 400, { reason: '变更理由至少4个字' }],
      [change(fourth.uscc, 'suspended', tokens['staff-culture'], { notice: undefined, ...noNotice }), 400, { notice: '请填写所依据的公告' }],
      [change(fourth.uscc, 'suspended', tokens['staff-culture'], { notice: { title: '关于机构状态变更的公告', date: '2026-02-30' } }), 400, { 'notice.date': '公告日期不是真实存在的日期' }],
      [change(fourth.uscc, 'closed', tokens['staff-culture']), 400, { status: '未知的机构状态' }],
      [change(fourth.uscc, 'suspended', tokens['staff-culture'], { institutionId: '00000000-0000-0000-0000-000000000000' }), 404, { institutionId: '没有找到该机构' }],
    ]
    for (const [call, status, fields] of tries) {
      const r = await call
      expect([r.status, (r.body as any).error.fields]).toEqual([status, fields])
    }
    expect(await written(fourth.uscc)).toEqual(before)
  })

  it('when someone outside the institution’s scope tries (other department, other district, a citizen, nobody), then it is refused and nothing is written', async () => {
    const before = await written(fourth.uscc)
    const tries = {
      otherDepartment: await change(fourth.uscc, 'suspended', tokens['staff-sports']),
      otherDistrict: await change(fourth.uscc, 'suspended', tokens['staff-culture-siming']),
      citizen: await change(fourth.uscc, 'suspended', tokens.citizen),
      anonymous: await change(fourth.uscc, 'suspended', undefined),
    }
    expect(Object.fromEntries(Object.entries(tries).map(([k, r]) => [k, [r.status, (r.body as any).error.message]]))).toEqual({
      otherDepartment: [403, '您没有变更机构状态的权限'],
      otherDistrict: [403, '您没有变更机构状态的权限'],
      citizen: [403, '您没有变更机构状态的权限'],
      anonymous: [401, '请先登录'],
    })
    expect(await written(fourth.uscc)).toEqual(before)
    // District staff reach their own district.
    expect((await change(inSiming.uscc, 'suspended', tokens['staff-culture-siming'])).status).toBe(200)
  })
})

describe('staff.setInstitutionStatus under concurrency on postgres', () => {
  let api: ApiClient
  const target = approved('sports', 'jimei')[0]
  beforeAll(async () => {
    api = await openApi('postgres', 'main')
  })
  afterAll(async () => api?.close())

  it('when 50 suspend calls for one institution arrive at once, then exactly one succeeds, the others conflict, and one history row and one audit line exist', async () => {
    const token = await api.login('staff-sports-jimei')
    const id = ((await api.call('institutions', { action: 'verify', code: target.uscc })).body as any).data.institution.id
    const history = async () => Number((await api.env.db.selectFrom('institution_status_history').select((eb) => eb.fn.countAll<number>().as('n')).where('institution_id', '=', id).executeTakeFirstOrThrow()).n)
    const before = await history()
    const event = { action: 'setInstitutionStatus', institutionId: id, status: 'suspended', reason: '消防通道堵塞，责令停业整改。', notice: { title: '关于责令停业整改的决定（并发测试）', date: '2026-11-30' } }
    const answers = await Promise.all(Array.from({ length: 50 }, () => api.call('staff', event, token)))
    const codes = answers.map((a) => (a.body.ok ? 'ok' : `${a.body.error.code}:${a.body.error.message}`))
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1)
    expect(codes.filter((c) => c !== 'ok')).toEqual(Array(49).fill('conflict:机构已是“停业整改”'))
    expect((await history()) - before).toBe(1)
    const audit = await api.env.db.selectFrom('audit_log').select('action').where('target_id', '=', id).execute()
    expect(audit).toEqual([{ action: 'staff.setInstitutionStatus' }])
  })
})
