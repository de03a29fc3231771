// Supervisors' invitations, campaigns and the handling figures through the API: codes that can be read out and
// expire, campaigns kept to the account's area, and figures counted one way for the workbench and the public page.
import { generateSample } from '../../content/sample/generate'
import { openApi, type ApiClient } from '../support/harness'
import type { DbKind } from '../support/databases'

const sample = generateSample()
const artsInSiming = sample.institutions.find((i) => i.status === 'approved' && i.category === 'arts' && i.district === 'siming')!
const sportsInJimei = sample.institutions.find((i) => i.status === 'approved' && i.category === 'sports' && i.district === 'jimei')!

describe.each<[DbKind]>([['pglite'], ['postgres']])('supervisors, campaigns and figures on %s', (kind) => {
  let api: ApiClient
  const tokens: Record<string, string> = {}
  const call = async (who: string, event: Record<string, unknown>, fn = 'staff') => (await api.call(fn, event, tokens[who])).body as any
  const ok = async (who: string, event: Record<string, unknown>, fn = 'staff') => {
    const b = await call(who, event, fn)
    if (!b.ok) throw new Error(`${who} ${fn}.${event.action}: ${JSON.stringify(b.error)}`)
    return b.data
  }

  beforeAll(async () => {
    api = await openApi(kind, 'main', { config: { COMPLAINT_DAILY_LIMIT: '100' } })
    for (const who of ['citizen', 'supervisor', 'staff-culture', 'staff-culture-siming', 'staff-sports', 'staff-sports-jimei', 'admin']) tokens[who] = await api.login(who)
  })
  afterAll(async () => api?.close())

  it('when staff invite a supervisor, then a single code of 8 unambiguous characters comes back with its expiry, listed beside the district’s supervisors', async () => {
    const before = Date.now()
    const inv = await ok('staff-culture-siming', { action: 'invite', district: 'siming', kind: 'specialist', days: 7 })
    expect(inv.code).toMatch(/^[A-HJ-KM-NP-Z2-9]{8}$/)
    expect(Date.parse(inv.expiresAt) - before).toBeGreaterThan(6.9 * 86_400_000)
    expect(Date.parse(inv.expiresAt) - before).toBeLessThan(7.1 * 86_400_000)
    const list = await ok('staff-culture-siming', { action: 'supervisors' })
    expect(list.items.map((s: any) => [s.name, s.district, s.kind])).toContainEqual(['示例社会监督员', 'siming', 'volunteer'])
    expect(list.invitations.map((i: any) => i.code)).toContain(inv.code)
    // Another district's staff see neither the code nor Siming's supervisors.
    const jimei = await ok('staff-sports-jimei', { action: 'supervisors' })
    expect(jimei.invitations.map((i: any) => i.code)).not.toContain(inv.code)
    expect(jimei.items.some((s: any) => s.district === 'siming')).toBe(false)
    expect((await call('staff-sports-jimei', { action: 'invite', district: 'siming', kind: 'volunteer' })).error).toEqual({ code: 'forbidden', message: '只能邀请本辖区的监督员' })
    expect((await call('staff-culture', { action: 'invite', district: 'siming', kind: 'mayor' })).error).toMatchObject({ code: 'invalid_input', fields: { kind: '未知的监督员类别' } })
    expect((await call('staff-culture', { action: 'invite', district: 'siming', kind: 'volunteer', days: 365 })).error).toMatchObject({ code: 'invalid_input', fields: { days: '有效天数不能超过90天' } })
    expect((await call('staff-culture', { action: 'invite', kind: 'volunteer' })).error).toMatchObject({ code: 'invalid_input', fields: { district: '请选择监督员所在的行政区' } })
  })

  it('when a campaign is created and edited, then it keeps its districts and focus items, and district staff reach only their own', async () => {
    const c = await ok('staff-culture', { action: 'saveCampaign', name: '寒假校外培训专项检查', startsOn: '2027-01-10', endsOn: '2027-02-20', districts: ['siming', 'huli'], focus: ['prepaid_within_limits', 'hours_by_2030', 'hours_by_2030'] })
    expect(c).toMatchObject({ name: '寒假校外培训专项检查', districts: ['siming', 'huli'], focus: ['prepaid_within_limits', 'hours_by_2030'] })
    const edited = await ok('staff-culture', { action: 'saveCampaign', id: c.id, name: '寒假专项检查（延长）', startsOn: '2027-01-10', endsOn: '2027-02-28', districts: ['siming', 'huli'], focus: ['prepaid_within_limits'] })
    expect(edited).toMatchObject({ id: c.id, endsOn: '2027-02-28', focus: ['prepaid_within_limits'] })
    expect((await ok('staff-culture-siming', { action: 'campaigns' })).items.map((x: any) => x.id)).toContain(c.id)
    expect((await ok('staff-sports-jimei', { action: 'campaigns' })).items.map((x: any) => x.id)).not.toContain(c.id)
    // A district's staff may not edit what reaches another district.
    expect((await call('staff-culture-siming', { action: 'saveCampaign', id: c.id, name: '改名', startsOn: '2027-01-10', endsOn: '2027-02-28', districts: ['siming'], focus: ['materials'] })).error.code).toBe('forbidden')
    expect((await call('staff-culture', { action: 'saveCampaign', name: '倒着的行动', startsOn: '2027-03-01', endsOn: '2027-02-01', districts: ['siming'], focus: ['materials'] })).error).toMatchObject({
      code: 'invalid_input',
      fields: { endsOn: '结束日期不能早于开始日期' },
    })
    expect((await call('staff-culture', { action: 'saveCampaign', name: '空行动', startsOn: '2027-03-01', endsOn: '2027-03-02', districts: [], focus: ['materials'] })).error.fields.districts).toBe('请至少选择一个行政区')
    // Found by the 10k fuzz: a name of one emoji is two UTF-16 units (the schema's count) but one character (the database's).
    expect((await call('staff-culture', { action: 'saveCampaign', name: '😀', startsOn: '2027-03-01', endsOn: '2027-03-02', districts: ['siming'], focus: ['materials'] })).error?.code).not.toBe('internal')
    const audited = await api.env.db.selectFrom('audit_log').select('action').where('target_id', '=', c.id).execute()
    expect(audited.map((a) => a.action)).toEqual(['staff.saveCampaign', 'staff.saveCampaign'])
  })

  it('when reports are handled, then the figures count them per department and district, and the public page shows the city’s total from the same numbers', async () => {
    const ids: Record<string, string> = {}
    for (const i of [artsInSiming, sportsInJimei]) ids[i.uscc] = (await ok('citizen', { action: 'verify', code: i.uscc }, 'institutions')).institution.id
    const submit = async (inst: string, k: number) =>
      (await ok('citizen', { action: 'submit', requestId: `fig-${kind}-${k}-abcdefgh`, category: 'late_hours', institutionId: inst, description: '晚上九点多还在上课，孩子很晚才到家。', happenedOn: '2026-11-20', contact: { anonymous: true } }, 'complaints')).ticketNo
    const a1 = await submit(ids[artsInSiming.uscc], 1)
    await submit(ids[artsInSiming.uscc], 2)
    await submit(ids[sportsInJimei.uscc], 3)
    await ok('staff-culture-siming', { action: 'transition', ticketNo: a1, step: 'accept' })
    await ok('staff-culture-siming', { action: 'transition', ticketNo: a1, step: 'start' })
    await ok('staff-culture-siming', { action: 'transition', ticketNo: a1, step: 'reply', reply: '已约谈机构，责令调整上课时间。' })

    const siming = await ok('staff-culture-siming', { action: 'stats', days: 30 })
    expect(siming.rows).toEqual([{ department: 'culture', district: 'siming', received: 2, acceptedOnTime: 1, repliedOnTime: 1, replied: 1, overdue: 0, medianReplyDays: 0 }])
    const all = await ok('admin', { action: 'stats', days: 365 })
    expect(all.rows.map((r: any) => `${r.department}/${r.district}:${r.received}`)).toEqual(['culture/siming:2', 'sports/jimei:1'])
    expect(all.total).toMatchObject({ received: 3, replied: 1, repliedOnTime: 1 })
    const open = (await ok('citizen', { action: 'stats' }, 'content')).complaints
    expect(open).toEqual({ received: all.total.received, repliedOnTime: all.total.repliedOnTime, medianDaysToReply: all.total.medianReplyDays })
    expect((await call('staff-culture', { action: 'stats', days: 7 })).error.fields.days).toBe('统计周期应为30、90或365天')
  })
})
