import { sql } from 'kysely'
import { generateSample } from '../../content/sample/generate'
import { staffStep } from '../support/staffSteps'
import { MATRIX, openApi, type ApiClient } from '../support/harness'

const sample = generateSample()
const artsInHuli = sample.institutions.find((i) => i.status === 'approved' && i.category === 'arts' && i.district === 'huli')!
const PHONE = '13812341234'

describe.each(MATRIX)('complaints on %s through %s', (kind, via) => {
  let api: ApiClient
  let citizen: string
  let citizen2: string
  let instId: string
  let n = 0
  beforeAll(async () => {
    api = await openApi(kind, via)
    citizen = await api.login('citizen')
    citizen2 = await api.login('citizen2')
    instId = ((await api.call('institutions', { action: 'verify', code: artsInHuli.uscc })).body as any).data.institution.id
  })
  afterAll(async () => api?.close())

  const report = (over: Record<string, unknown> = {}) => ({
    action: 'submit',
    requestId: `req-${kind}-${via}-${++n}-abcdef`,
    category: 'prepaid_fees',
    institutionId: instId,
    description: '机构要求一次性交12000元，覆盖12个月课程，转账到老师个人微信。',
    happenedOn: '2026-11-20',
    details: { amountYuan: 12000, months: 12, intoEscrow: false },
    contact: { anonymous: false, name: '林女士', phone: PHONE },
    ...over,
  })
  const count = async () => Number((await api.env.db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  it('when 50 submits with one requestId arrive at once, then exactly one ticket exists and every answer names it', async () => {
    const event = report()
    const before = await count()
    const answers = await Promise.all(Array.from({ length: 50 }, () => api.call('complaints', event, citizen)))
    const tickets = new Set(answers.map((a) => (a.body as any).data?.ticketNo))
    expect(answers.every((a) => a.status === 200)).toBe(true)
    expect(tickets.size).toBe(1)
    expect([...tickets][0]).toMatch(/^XM\d{8}-\d{4}$/)
    expect(await count()).toBe(before + 1)
  })

  it('when the ticket sequence passes 9999, then numbers grow a digit instead of colliding', async () => {
    await sql`SELECT setval('complaint_ticket_seq', 9998)`.execute(api.env.db)
    const a = ((await api.call('complaints', report(), citizen2)).body as any).data
    const b = ((await api.call('complaints', report(), citizen2)).body as any).data
    expect(a.ticketNo).toMatch(/^XM\d{8}-9999$/)
    expect(b.ticketNo).toMatch(/^XM\d{8}-10000$/)
    expect((await api.call('complaints', { action: 'get', ticketNo: b.ticketNo }, citizen2)).status).toBe(200)
  })

  it('when the same requestId comes with a changed payload, then it is a conflict and nothing changes', async () => {
    const event = report()
    expect((await api.call('complaints', event, citizen)).status).toBe(200)
    const before = await count()
    const r = await api.call('complaints', { ...event, description: event.description + '（改过）' }, citizen)
    expect(r.status).toBe(409)
    expect(!r.body.ok && r.body.error.code).toBe('conflict')
    expect(await count()).toBe(before)
  })

  it('when an approved arts institution in Huli is reported, then the Huli culture bureau gets it with working-day deadlines', async () => {
    const r = (await api.call('complaints', report(), citizen)).body as any
    expect(r.data.department).toBe('厦门市湖里区文化和旅游局')
    expect(r.data.status).toBe('submitted')
    const day = new Date(Date.now() + 8 * 3600_000)
    expect(r.data.dueAt > day.toISOString().slice(0, 10)).toBe(true)
    expect([0, 6]).not.toContain(new Date(`${r.data.dueAt}T00:00:00Z`).getUTCDay())
  })

  it('when a place not on the list is reported, then the district education bureau gets it', async () => {
    const r = (await api.call('complaints', report({ category: 'unlicensed', institutionId: undefined, details: undefined, place: { name: '小太阳托管班', address: '集美区杏林湾路88号2楼', lat: 24.576, lng: 118.098 } }), citizen)).body as any
    expect(r.data.department).toBe('厦门市集美区教育局')
  })

  it('when a place not on the list has only a written address, then the district it names gets the report', async () => {
    const r = (await api.call('complaints', report({ category: 'late_hours', institutionId: undefined, details: undefined, place: { name: '星星美术', address: '思明区湖滨南路1号3楼' } }), citizen2)).body as any
    expect(r.data.department).toBe('厦门市思明区教育局')
  })

  it('when another citizen already reported the same institution and category, then the count of similar open reports comes back', async () => {
    const r = (await api.call('complaints', report(), citizen2)).body as any
    expect(r.data.similarOpen).toBeGreaterThanOrEqual(1)
  })

  it('when similar reports exist, then the handling staff see them linked on the ticket and the reporter does not', async () => {
    const first = ((await api.call('complaints', report({ category: 'advertising', details: undefined }), citizen2)).body as any).data
    const second = ((await api.call('complaints', report({ category: 'advertising', details: undefined }), citizen2)).body as any).data
    const other = ((await api.call('complaints', report({ category: 'staff', details: undefined }), citizen2)).body as any).data
    const staff = await api.login('staff-culture')
    const seen = ((await api.call('complaints', { action: 'get', ticketNo: second.ticketNo }, staff)).body as any).data
    expect(seen.similar.map((s: any) => s.ticketNo)).toContain(first.ticketNo)
    expect(seen.similar.map((s: any) => s.ticketNo)).not.toContain(other.ticketNo)
    expect(seen.similar.map((s: any) => s.ticketNo)).not.toContain(second.ticketNo)
    expect(seen.similar[0]).toEqual({ ticketNo: expect.any(String), status: expect.any(String), submittedAt: expect.any(String) })
    const own = ((await api.call('complaints', { action: 'get', ticketNo: second.ticketNo }, citizen2)).body as any).data
    expect(own).not.toHaveProperty('similar')
  })

  it('when the reporter opens the ticket, then the timeline, masked contact and department show; the phone is sealed in the database', async () => {
    const receipt = ((await api.call('complaints', report(), citizen)).body as any).data
    const v = ((await api.call('complaints', { action: 'get', ticketNo: receipt.ticketNo }, citizen)).body as any).data
    expect(v.contact).toEqual({ name: '林女士', phone: '138****1234' })
    // The handling department reads it masked too; the whole number comes only through staff.revealContact, which is logged.
    const staffToken = await api.login('staff-culture')
    const staffView = ((await api.call('complaints', { action: 'get', ticketNo: receipt.ticketNo }, staffToken)).body as any).data
    expect(staffView.contact).toEqual({ name: '林女士', phone: `${PHONE.slice(0, 3)}****${PHONE.slice(7)}` })
    expect(((await api.call('staff', { action: 'revealContact', ticketNo: receipt.ticketNo }, staffToken)).body as any).data).toEqual({ name: '林女士', phone: PHONE })
    expect(v.timeline.map((e: any) => e.status)).toEqual(['submitted'])
    const raw = await api.env.db.selectFrom('complaints').select(['contact_phone_enc', 'contact_name_enc']).where('ticket_no', '=', receipt.ticketNo).executeTakeFirstOrThrow()
    expect(raw.contact_phone_enc).not.toContain('1234')
    expect(raw.contact_name_enc).not.toContain('林')
  })

  it('when another citizen or another department asks for the ticket, then it does not exist for them; the handling department sees it', async () => {
    const receipt = ((await api.call('complaints', report(), citizen)).body as any).data
    for (const who of [citizen2, await api.login('staff-sports')]) {
      const r = await api.call('complaints', { action: 'get', ticketNo: receipt.ticketNo }, who)
      expect(r.status).toBe(404)
    }
    const staff = await api.call('complaints', { action: 'get', ticketNo: receipt.ticketNo }, await api.login('staff-culture'))
    expect(staff.status).toBe(200)
    expect((await api.call('complaints', { action: 'get', ticketNo: receipt.ticketNo })).status).toBe(401)
  })

  it('when the public looks anything up after reports exist, then no answer contains a reporter’s identity, account or contact', async () => {
    const receipt = ((await api.call('complaints', report(), citizen)).body as any).data
    const me = ((await api.call('auth', { action: 'me' }, citizen)).body as any).data
    const outputs = await Promise.all([
      api.call('institutions', { action: 'search', q: artsInHuli.name }),
      api.call('institutions', { action: 'get', id: instId }),
      api.call('institutions', { action: 'verify', code: artsInHuli.uscc }),
      api.call('content', { action: 'cases', institutionId: instId }),
      api.call('content', { action: 'stats' }),
      api.call('content', { action: 'articles' }),
    ])
    for (const o of outputs) {
      const text = JSON.stringify(o.body)
      for (const secret of [PHONE, '138****1234', '林女士', me.id, receipt.ticketNo, '转账到老师个人微信']) expect(text).not.toContain(secret)
    }
  })

  it.each([
    [{ category: undefined }, 'category'],
    [{ description: '太短了' }, 'description'],
    [{ description: '   ' }, 'description'],
    [{ contact: { anonymous: false, name: '林女士', phone: '12345' } }, 'contact.phone'],
    [{ institutionId: '00000000-0000-0000-0000-000000000000' }, 'institutionId'],
    [{ institutionId: undefined }, 'institutionId'],
    [{ happenedOn: '2099-01-01' }, 'happenedOn'],
    [{ evidence: ['00000000-0000-0000-0000-000000000000'] }, 'evidence'],
  ])('when the report has %j, then it is invalid_input naming %s and nothing is written', async (over, field) => {
    const before = await count()
    const r = await api.call('complaints', report(over), citizen)
    expect(r.status).toBe(400)
    expect(!r.body.ok && r.body.error.fields).toHaveProperty([field])
    expect(!r.body.ok && r.body.error.message).toMatch(/[\u4e00-\u9fff]/)
    expect(await count()).toBe(before)
  })

  it('when nobody is logged in, then submitting asks to log in', async () => {
    expect((await api.call('complaints', report())).status).toBe(401)
  })

  it('when the reporter withdraws, then the status and the timeline say so, and it cannot be withdrawn twice', async () => {
    const receipt = ((await api.call('complaints', report({ contact: { anonymous: true } }), citizen)).body as any).data
    const r = ((await api.call('complaints', { action: 'withdraw', ticketNo: receipt.ticketNo, reason: '已和机构协商退费' }, citizen)).body as any).data
    expect(r.status).toBe('withdrawn')
    expect(r.timeline.map((e: any) => [e.status, e.note ?? null])).toEqual([
      ['submitted', null],
      ['withdrawn', '已和机构协商退费'],
    ])
    expect(r.contact).toBeUndefined()
    expect((await api.call('complaints', { action: 'withdraw', ticketNo: receipt.ticketNo, reason: '再撤一次' }, citizen)).status).toBe(409)
  })

  it('when a reply has come, then the reporter may ask for one review and rate the handling', async () => {
    const receipt = ((await api.call('complaints', report(), citizen)).body as any).data
    expect((await api.call('complaints', { action: 'review', ticketNo: receipt.ticketNo, reason: '还没答复' }, citizen)).status).toBe(409)
    const staff = await api.login('staff-culture')
    const step = async (event: Record<string, unknown>) => {
      const r = await api.call('staff', { action: 'transition', ticketNo: receipt.ticketNo, ...event }, staff)
      expect([event.step, r.status]).toEqual([event.step, 200])
    }
    for (const event of [{ step: 'accept' }, { step: 'start' }, { step: 'reply', reply: '已责令机构退还超收费用，请留意退款。' }]) await step(event)
    const rated = await api.call('complaints', { action: 'rate', ticketNo: receipt.ticketNo, rating: 4 }, citizen)
    expect((rated.body as any).data.rating).toBe(4)
    const reviewed = ((await api.call('complaints', { action: 'review', ticketNo: receipt.ticketNo, reason: '退费金额不对' }, citizen)).body as any).data
    expect(reviewed.status).toBe('in_progress')
    expect(reviewed.reply).toBe('已责令机构退还超收费用，请留意退款。')
    await step({ step: 'answerReview', reply: '复核后已责令机构全额退费。' })
    const again = await api.call('complaints', { action: 'review', ticketNo: receipt.ticketNo, reason: '再复核' }, citizen)
    expect(again.status).toBe(409)
    expect(!again.body.ok && again.body.error.message).toBe('每件举报只能申请一次复核')
    await expect(sql`UPDATE complaint_events SET note = 'x'`.execute(api.env.db)).rejects.toThrow(/insert-only/)
  })

  it('when the reporter adds information while it is open, then it joins the timeline', async () => {
    const receipt = ((await api.call('complaints', report(), citizen)).body as any).data
    const r = ((await api.call('complaints', { action: 'addInfo', ticketNo: receipt.ticketNo, note: '补充：还有一张收据' }, citizen)).body as any).data
    expect(r.timeline.at(-1).note).toBe('补充说明：补充：还有一张收据')
  })

  it('when my reports are listed, then they come newest first with their subjects', async () => {
    const r = ((await api.call('complaints', { action: 'mine' }, citizen)).body as any).data
    expect(r.total).toBeGreaterThan(3)
    expect(r.items[0].subject).toBe(artsInHuli.name)
  })
})

describe('per-account limits', () => {
  it('when a citizen passes the daily limit, then rate_limited says so in Chinese', async () => {
    const api = await openApi('pglite', 'gateway', { config: { COMPLAINT_DAILY_LIMIT: '2' } })
    try {
      const token = await api.login('citizen')
      const inst = ((await api.call('institutions', { action: 'search', q: '舞蹈' })).body as any).data.items[0].id
      const ev = (k: number) => ({ action: 'submit', requestId: `limit-${k}-abcdefgh`, category: 'safety', institutionId: inst, description: '消防通道被杂物堵住了，很危险。', happenedOn: '2026-11-20', contact: { anonymous: true } })
      expect((await api.call('complaints', ev(1), token)).status).toBe(200)
      expect((await api.call('complaints', ev(2), token)).status).toBe(200)
      const third = await api.call('complaints', ev(3), token)
      expect(third.status).toBe(429)
      expect(!third.body.ok && third.body.error.message).toMatch(/上限/)
      // A repeat of an acknowledged submit is not a new report: it still answers.
      expect((await api.call('complaints', ev(2), token)).status).toBe(200)
    } finally {
      await api.close()
    }
  })
})

describe('purging contact details', () => {
  it('when a named ticket has been closed longer than the retention period, then its contact is removed and the timeline says so; open ones keep theirs', async () => {
    const { purgeClosedContacts } = await import('../../cloud/services/complaints/purge')
    const api = await openApi('pglite', 'main')
    try {
      const token = await api.login('citizen')
      const inst = ((await api.call('institutions', { action: 'search', q: '舞蹈' })).body as any).data.items[0].id
      const ev = (k: number) => ({ action: 'submit', requestId: `purge-${k}-abcdefgh`, category: 'refund', institutionId: inst, description: '要求退剩余课时费，机构一直拖着不办。', happenedOn: '2026-11-20', contact: { anonymous: false, name: '陈先生', phone: '13912345678' } })
      const closed = ((await api.call('complaints', ev(1), token)).body as any).data
      const open = ((await api.call('complaints', ev(2), token)).body as any).data
      await api.call('complaints', { action: 'withdraw', ticketNo: closed.ticketNo, reason: '已协商解决' }, token)
      expect(await purgeClosedContacts(api.env.db, 180)).toBe(0)
      expect(await purgeClosedContacts(api.env.db, 180, new Date(Date.now() + 181 * 86_400_000))).toBe(1)
      const rows = await api.env.db.selectFrom('complaints').select(['ticket_no', 'contact_phone_enc', 'contact_purged_at']).execute()
      const byNo = new Map(rows.map((r) => [r.ticket_no, r]))
      expect(byNo.get(closed.ticketNo)).toMatchObject({ contact_phone_enc: null })
      expect(byNo.get(open.ticketNo)!.contact_phone_enc).not.toBeNull()
      const view = ((await api.call('complaints', { action: 'get', ticketNo: closed.ticketNo }, token)).body as any).data
      expect(view.contact).toBeUndefined()
      expect(view.timeline.at(-1).note).toBe('已按保存期限删除举报人联系方式')
    } finally {
      await api.close()
    }
  })

  it('when the daily counts are pruned, then days before yesterday go and today\'s limit still holds', async () => {
    const { pruneDailyCounts, takeDailySlot } = await import('../../cloud/services/dailyLimits')
    const api = await openApi('pglite', 'main')
    try {
      await api.login('citizen')
      const account = (await api.env.db.selectFrom('accounts').select('id').where('dev_account', '=', 'citizen').executeTakeFirstOrThrow()).id
      const day = 86_400_000
      const now = new Date('2026-12-02T04:00:00Z')
      for (const back of [0, 1, 2, 30]) expect(await takeDailySlot(api.env.db, account, 'complaint', 2, new Date(now.getTime() - back * day))).toBeDefined()
      expect(await takeDailySlot(api.env.db, account, 'complaint', 2, now)).toBeDefined()
      expect(await pruneDailyCounts(api.env.db, now)).toBe(2)
      const days = (await api.env.db.selectFrom('daily_counts').select('day').where('account_id', '=', account).orderBy('day').execute()).map((r) => String(r.day).slice(0, 10))
      expect(days).toEqual(['2026-12-01', '2026-12-02'])
      expect(await takeDailySlot(api.env.db, account, 'complaint', 2, now)).toBeUndefined()
    } finally {
      await api.close()
    }
  })

  it('when a reporter rates a resolved ticket months later, then the retention period still counts from the closing', async () => {
    const { purgeClosedContacts } = await import('../../cloud/services/complaints/purge')
    const api = await openApi('pglite', 'main')
    try {
      const token = await api.login('citizen')
      const staff = ((await api.call('auth', { action: 'devLogin', account: 'staff-culture' })).body as any).data.account
      const inst = ((await api.call('institutions', { action: 'verify', code: artsInHuli.uscc })).body as any).data.institution.id
      const event = { action: 'submit', requestId: 'purge-rated-abcdefgh', category: 'late_hours', institutionId: inst, description: '晚上十点还在上课，楼道里很吵。', happenedOn: '2026-11-20', contact: { anonymous: false, name: '陈先生', phone: '13912345678' } }
      const ticket = ((await api.call('complaints', event, token)).body as any).data
      for (const [step, text] of [['accept', null], ['start', null], ['reply', '已责令机构整改，下周复查。'], ['resolve', '整改完成，已复查']] as const) await staffStep(api.env, api.env.db, staff, step, ticket.ticketNo, text)
      const id = (await api.env.db.selectFrom('complaints').select('id').where('ticket_no', '=', ticket.ticketNo).executeTakeFirstOrThrow()).id
      // The rating arrives 100 days after the closing (written as rate writes it, with that date: history cannot be
      // edited, so the test moves the clock forward instead of the closing back).
      const day = 86_400_000
      const rated = ((await api.call('complaints', { action: 'rate', ticketNo: ticket.ticketNo, rating: 4 }, token)).body as any).data
      expect(rated.rating).toBe(4)
      await api.env.db.insertInto('complaint_events').values({ complaint_id: id, status: 'resolved', note: '评价：4 星', by_role: 'reporter', actor_account_id: null, at: new Date(Date.now() + 100 * day) }).execute()
      expect(await purgeClosedContacts(api.env.db, 180, new Date(Date.now() + 170 * day))).toBe(0)
      expect(await purgeClosedContacts(api.env.db, 180, new Date(Date.now() + 181 * day))).toBe(1)
    } finally {
      await api.close()
    }
  })
})

describe('open figures from real complaints', () => {
  it('when reports are received and one is answered in time, then content.stats counts them from the tables', async () => {
    const api = await openApi('postgres', 'main')
    try {
      const token = await api.login('citizen')
      const inst = ((await api.call('institutions', { action: 'search', q: '舞蹈', status: 'approved' })).body as any).data.items[0].id
      const ev = (k: number) => ({ action: 'submit', requestId: `stats-${k}-abcdefgh`, category: 'late_hours', institutionId: inst, description: '晚上九点半还在上课，孩子很累。', happenedOn: '2026-11-20', contact: { anonymous: true } })
      const before = ((await api.call('content', { action: 'stats' })).body as any).data.complaints
      expect(before).toEqual({ received: 0, repliedOnTime: 0, medianDaysToReply: null })
      const a = ((await api.call('complaints', ev(1), token)).body as any).data
      await api.call('complaints', ev(2), token)
      const staff = ((await api.call('auth', { action: 'devLogin', account: 'staff-culture' })).body as any).data.account
      for (const [step, text] of [['accept', null], ['start', null], ['reply', '已约谈机构，调整课时安排。']] as const) await staffStep(api.env, api.env.db, staff, step, a.ticketNo, text)
      const after = ((await api.call('content', { action: 'stats' })).body as any).data.complaints
      expect(after.received).toBe(2)
      expect(after.repliedOnTime).toBe(1)
      expect(after.medianDaysToReply).toBe(0)
    } finally {
      await api.close()
    }
  })
})
