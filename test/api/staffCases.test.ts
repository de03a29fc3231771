// staff.publishCase: a case from a complaint or from scratch, previewed exactly as the public will read it, refused
// while its text holds personal data, and never traceable to the complaint through any public answer.
import { generateSample } from '../../content/sample/generate'
import { idCardCheckChar } from '../../src/domain/personalData'
import { openApi, type ApiClient, type Via } from '../support/harness'
import type { DbKind } from '../support/databases'

const sample = generateSample()
const artsInSiming = sample.institutions.find((i) => i.status === 'approved' && i.category === 'arts' && i.district === 'siming')!
const REPORTER = { name: '欧阳明轩', phone: '13912345678' }
const ID18 = '35020319880808123' + idCardCheckChar('35020319880808123')

describe.each<[DbKind, Via]>([
  ['pglite', 'main'],
  ['postgres', 'gateway'],
])('staff.publishCase on %s through %s', (kind, via) => {
  let api: ApiClient
  const tokens: Record<string, string> = {}
  let instId: string
  let ticketNo: string
  let complaintId: string
  let n = 0

  beforeAll(async () => {
    api = await openApi(kind, via)
    for (const who of ['citizen', 'staff-culture', 'staff-culture-siming', 'staff-sports', 'admin']) tokens[who] = await api.login(who)
    instId = ((await api.call('institutions', { action: 'verify', code: artsInSiming.uscc })).body as any).data.institution.id
    const submitted = await api.call(
      'complaints',
      {
        action: 'submit',
        requestId: `cases-${kind}-${via}-abcdefgh`,
        category: 'late_hours',
        institutionId: instId,
        description: '晚上十点还在上课，孩子第二天上学很困。',
        happenedOn: '2026-11-20',
        contact: { anonymous: false, ...REPORTER },
      },
      tokens.citizen,
    )
    if (!submitted.body.ok) throw new Error(JSON.stringify(submitted.body))
    ticketNo = (submitted.body.data as any).ticketNo
    complaintId = (await api.env.db.selectFrom('complaints').select('id').where('ticket_no', '=', ticketNo).executeTakeFirstOrThrow()).id
  })
  afterAll(async () => api?.close())

  const publish = (input: Record<string, unknown>, as: string | undefined) => api.call('staff', { action: 'publishCase', ...input }, as)
  const aCase = (over: Record<string, unknown> = {}) => ({
    date: '2026-11-28',
    entityName: artsInSiming.name,
    institutionId: instId,
    district: 'siming',
    category: 'arts',
    type: 'late_hours',
    facts: '该机构在工作日晚间20:30以后仍组织未成年人培训，经现场检查属实。',
    outcome: '责令限期整改，并予以通报。',
    notice: { title: `关于超时培训问题的处理通报（测试${kind}${via}${++n}）`, issuer: '厦门市思明区文化和旅游局', date: '2026-11-28', docNo: '思文旅〔2026〕1号' },
    ...over,
  })
  const written = async () => {
    const n = async (t: 'violation_cases' | 'notices' | 'audit_log') => Number((await api.env.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    return { cases: await n('violation_cases'), notices: await n('notices'), audit: await n('audit_log') }
  }

  it('when district staff preview a case, then the answer is what content.case answers once it is published, and the preview writes nothing', async () => {
    const input = aCase()
    const before = await written()
    const preview = await publish({ ...input, preview: true }, tokens['staff-culture-siming'])
    expect(preview.status).toBe(200)
    expect(await written()).toEqual(before)

    const published = await publish(input, tokens['staff-culture-siming'])
    expect(published.status).toBe(200)
    const { id, case: answered } = published.body.ok ? (published.body.data as any) : ({} as any)
    const read = await api.call('content', { action: 'case', id })
    expect(read.body.ok && read.body.data).toEqual(answered)
    // The preview had no id and no notice page yet; everything else is the published page.
    const { id: _id, noticeId, ...rest } = answered
    expect(preview.body.ok && preview.body.data).toEqual({ preview: true, case: { id: '', ...rest } })
    expect(answered).toMatchObject({ department: '厦门市思明区文化和旅游局', institution: { id: instId, name: artsInSiming.name, status: 'approved' }, noticeId: expect.any(String) })
    // The notice has its own page, and the institution's record lists the case.
    const notice = await api.call('content', { action: 'notice', id: noticeId })
    expect(notice.body.ok && notice.body.data).toMatchObject({ title: input.notice.title, issuer: '厦门市思明区文化和旅游局', docNo: '思文旅〔2026〕1号' })
    const inst = await api.call('institutions', { action: 'get', id: instId })
    expect(inst.body.ok && (inst.body.data as any).cases).toContainEqual({ id, date: '2026-11-28', title: expect.any(String) })
    expect(await written()).toEqual({ cases: before.cases + 1, notices: before.notices + 1, audit: before.audit + 1 })
  })

  it('when city staff publish from a named complaint, then the source is kept privately and no public answer holds a trace of the complaint', async () => {
    const published = await publish(aCase({ ticketNo }), tokens['staff-culture'])
    expect(published.status).toBe(200)
    const id = (published.body as any).data.id
    const row = await api.env.db.selectFrom('violation_cases').select(['source_complaint_id', 'published_by', 'department']).where('id', '=', id).executeTakeFirstOrThrow()
    const staffId = (await api.env.db.selectFrom('accounts').select('id').where('dev_account', '=', 'staff-culture').executeTakeFirstOrThrow()).id
    expect(row).toEqual({ source_complaint_id: complaintId, published_by: staffId, department: '厦门市文化和旅游局' })
    const audit = await api.env.db.selectFrom('audit_log').selectAll().where('target_id', '=', id).execute()
    expect(audit.map((a) => [a.action, a.target_type, a.actor_account_id, (a.detail as any).ticketNo])).toEqual([['staff.publishCase', 'case', staffId, ticketNo]])

    const answers = JSON.stringify([
      await api.call('content', { action: 'case', id }),
      await api.call('content', { action: 'cases', institutionId: instId }),
      await api.call('content', { action: 'cases', district: 'siming', limit: 50 }),
      await api.call('institutions', { action: 'get', id: instId }),
      await api.call('institutions', { action: 'verify', code: artsInSiming.uscc }),
    ])
    expect(answers).toContain(id)
    for (const trace of [ticketNo, REPORTER.name, REPORTER.phone, complaintId, staffId, 'source', 'publishedBy', 'published_by']) expect(answers).not.toContain(trace)
  })

  it('when the admin publishes, then a department must be named and the case carries its name', async () => {
    const missing = await publish(aCase(), tokens.admin)
    expect(missing.status).toBe(400)
    expect(missing.body.ok === false && missing.body.error.fields).toEqual({ department: '请选择以哪个部门的名义发布' })
    const ok = await publish(aCase({ department: 'culture' }), tokens.admin)
    expect(ok.body.ok && (ok.body.data as any).case.department).toBe('厦门市文化和旅游局')
  })

  it.each([
    ['a mobile number in the facts', { facts: '家长反映可拨打13812345678联系该机构负责人核实情况。' }, 'facts', '违规事实含有手机号码“138****5678”，请删除后再发布'],
    ['a landline in the outcome', { outcome: '责令整改，咨询0592-5551234。' }, 'outcome', '处理结果含有电话号码“0592-*****34”，请删除后再发布'],
    ['an ID-card number in the name', { entityName: `张某（${ID18}）` }, 'entityName', `当事人名称含有身份证号码“350***********${ID18.slice(-4)}”，请删除后再发布`],
    ['a ticket number in the facts', { facts: '根据群众举报XM20261120-0042，执法人员现场检查属实。' }, 'facts', '违规事实含有举报编号“XM2026****-0042”，请删除后再发布'],
  ])('when the text holds %s, then it is refused naming the field with the piece masked, and nothing is written', async (_what, over, field, message) => {
    const before = await written()
    const r = await publish(aCase(over), tokens['staff-culture'])
    expect(r.status).toBe(400)
    expect(r.body.ok === false && r.body.error).toEqual({ code: 'invalid_input', message, fields: { [field]: message } })
    expect(await written()).toEqual(before)
  })

  it('when a case from a complaint names its reporter, then it is refused with the name masked; the same words from scratch are not a name to look for', async () => {
    const before = await written()
    const facts = `经${REPORTER.name}反映，该机构晚间超时培训，经查属实。`
    const r = await publish(aCase({ ticketNo, facts }), tokens['staff-culture'])
    expect(r.status).toBe(400)
    expect(r.body.ok === false && r.body.error.fields).toEqual({ facts: '违规事实含有举报人姓名“欧***”，请删除后再发布' })
    expect(await written()).toEqual(before)
    const preview = await publish(aCase({ facts, preview: true }), tokens['staff-culture'])
    expect(preview.status).toBe(200)
  })

  it('when fields are missing or wrong, then each refusal names its field in Chinese and nothing is written', async () => {
    const before = await written()
    const { date: _d, ...noDate } = aCase()
    const cases: [Record<string, unknown>, Record<string, string>][] = [
      [noDate, { date: '请选择处理决定日期' }],
      [aCase({ facts: '太短' }), { facts: '违规事实至少10个字' }],
      [aCase({ type: 'nonsense' }), { type: '未知的违规类型' }],
      [aCase({ notice: { title: '通报', date: '2026-11-28' } }), { 'notice.title': '公告标题至少4个字' }],
      [aCase({ notice: undefined }), { notice: '请填写所依据的公告' }],
      [aCase({ institutionId: '00000000-0000-0000-0000-000000000000' }), { institutionId: '没有找到该机构，请从名录中选择' }],
    ]
    for (const [input, fields] of cases) {
      const r = await publish(input, tokens['staff-culture'])
      expect([r.status, r.body.ok === false && r.body.error.fields]).toEqual([400, fields])
    }
    expect(await written()).toEqual(before)
  })

  it('when someone outside the case’s scope tries (other department, other district, a ticket they cannot see, a citizen, nobody), then it is refused and nothing is written', async () => {
    const before = await written()
    const tries = {
      otherDepartment: await publish(aCase({ department: 'culture' }), tokens['staff-sports']),
      otherDistrict: await publish(aCase({ district: 'huli' }), tokens['staff-culture-siming']),
      ticketOfAnotherDepartment: await publish(aCase({ ticketNo }), tokens['staff-sports']),
      citizen: await publish(aCase(), tokens.citizen),
      anonymous: await publish(aCase(), undefined),
    }
    expect(Object.fromEntries(Object.entries(tries).map(([k, r]) => [k, [r.status, r.body.ok === false && r.body.error.message]]))).toEqual({
      otherDepartment: [403, '您没有发布典型案例的权限'],
      otherDistrict: [403, '您没有发布典型案例的权限'],
      ticketOfAnotherDepartment: [404, '没有找到这件举报，或您无权查看'],
      citizen: [403, '您没有发布典型案例的权限'],
      anonymous: [401, '请先登录'],
    })
    expect(await written()).toEqual(before)
  })
})
