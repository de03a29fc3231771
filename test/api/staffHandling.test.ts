// The workbench's handling side through the API: the inbox of each scope, every step of the machine (and the
// impossible ones), transfer, asking the reporter for more, the one review, the department's internal notes, the
// logged reveal of a phone number — and nothing half-written when a step is refused.
import { sql } from 'kysely'
import { generateSample } from '../../content/sample/generate'
import { chinaToday } from '../../src/domain/chinaDate'
import { buildEnv } from '../../cloud/functions/environment'
import { functions } from '../../cloud/functions/registry'
import { invoke } from '../../cloud/functions/runtime'
import { openApi, type ApiClient } from '../support/harness'
import type { DbKind } from '../support/databases'

const sample = generateSample()
const artsInSiming = sample.institutions.filter((i) => i.status === 'approved' && i.category === 'arts' && i.district === 'siming')

describe.each<[DbKind]>([['pglite'], ['postgres']])('the workbench on %s', (kind) => {
  let api: ApiClient
  const tokens: Record<string, string> = {}
  const instIds: string[] = []
  let seq = 0

  const call = async (who: string, event: Record<string, unknown>, fn = 'staff') => (await api.call(fn, event, tokens[who])).body as any
  const ok = async (who: string, event: Record<string, unknown>, fn = 'staff') => {
    const b = await call(who, event, fn)
    if (!b.ok) throw new Error(`${who} ${fn}.${event.action}: ${JSON.stringify(b.error)}`)
    return b.data
  }
  async function report(opts: { inst?: number; category?: string; named?: boolean; place?: string } = {}): Promise<string> {
    const r = await ok(
      'citizen',
      {
        action: 'submit',
        requestId: `staff-${kind}-${++seq}-abcdefgh`,
        category: opts.category ?? 'late_hours',
        ...(opts.place ? { place: { name: opts.place, address: '思明区湖滨南路1号3楼' } } : { institutionId: instIds[opts.inst ?? 0] }),
        description: '周三晚上九点多还在上舞蹈课，孩子很晚才到家。',
        happenedOn: '2026-11-20',
        subscribe: true,
        contact: opts.named ? { anonymous: false, name: '林小红', phone: '13812345678' } : { anonymous: true },
      },
      'complaints',
    )
    return r.ticketNo
  }
  const idOf = async (ticketNo: string) => (await api.env.db.selectFrom('complaints').select('id').where('ticket_no', '=', ticketNo).executeTakeFirstOrThrow()).id
  /** Events, outbox rows and audit lines of a ticket: what a step writes. */
  async function written(ticketNo: string) {
    const id = await idOf(ticketNo)
    const count = async (q: any) => Number((await q.select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    return [
      await count(api.env.db.selectFrom('complaint_events').where('complaint_id', '=', id)),
      await count(api.env.db.selectFrom('notification_outbox').where('complaint_id', '=', id)),
      await count(api.env.db.selectFrom('audit_log').where('target_id', '=', ticketNo)),
    ]
  }
  const inboxOf = async (who: string, filters: Record<string, unknown> = {}) => ok(who, { action: 'inbox', ...filters })
  const listed = async (who: string, ticketNo: string, filters: Record<string, unknown> = {}) =>
    (await inboxOf(who, { q: ticketNo, ...filters })).items.some((i: any) => i.ticketNo === ticketNo)

  beforeAll(async () => {
    // One citizen files every report here: the daily limit is not what this suite is about.
    api = await openApi(kind, 'main', { config: { COMPLAINT_DAILY_LIMIT: '500' } })
    for (const who of ['citizen', 'citizen2', 'supervisor', 'staff-culture', 'staff-culture-siming', 'staff-sports', 'staff-sports-jimei', 'admin']) tokens[who] = await api.login(who)
    for (const i of artsInSiming.slice(0, 2)) instIds.push((await ok('citizen', { action: 'verify', code: i.uscc }, 'institutions')).institution.id)
  })
  afterAll(async () => api?.close())

  it('when a citizen reports an arts institution in 思明区, then district and city culture staff and the admin see it, sports staff do not', async () => {
    const t = await report()
    expect(await listed('staff-culture-siming', t)).toBe(true)
    expect(await listed('staff-culture', t)).toBe(true)
    expect(await listed('admin', t)).toBe(true)
    expect(await listed('staff-sports-jimei', t)).toBe(false)
    expect(await listed('staff-sports', t)).toBe(false)
    // Outside the scope a ticket is not even confirmed to exist.
    expect((await call('staff-sports-jimei', { action: 'complaint', ticketNo: t })).error.code).toBe('not_found')
    expect((await call('citizen', { action: 'inbox' })).error.code).toBe('forbidden')
    expect((await call('anonymous', { action: 'inbox' })).error.code).toBe('unauthenticated')
  })

  it('when the inbox is read, then it is in due order, pages by cursor, counts per status, marks the overdue in working days and finds by ticket or institution', async () => {
    const made: string[] = []
    for (let k = 0; k < 23; k++) made.push(await report({ inst: 1, category: k % 2 ? 'advertising' : 'safety' }))
    // One ticket long past its acceptance deadline.
    await api.env.db.updateTable('complaints').set({ accept_due: '2026-11-02' }).where('ticket_no', '=', made[5]).execute()
    const first = await inboxOf('staff-culture-siming')
    expect(first.items).toHaveLength(20)
    expect(first.nextCursor).toMatch(/^k/)
    const second = await inboxOf('staff-culture-siming', { cursor: first.nextCursor })
    // Numbers come with the first page only: the list keeps showing them while it pages.
    expect(Object.keys(second).sort()).toEqual(['items'])
    const all = [...first.items, ...second.items]
    expect(all.length).toBe(first.total)
    expect(new Set(all.map((i: any) => i.ticketNo)).size).toBe(all.length)
    const dues = all.map((i: any) => i.dueAt)
    expect(dues).toEqual([...dues].sort())
    expect(all[0].ticketNo).toBe(made[5])
    expect(all[0].overdueDays).toBeGreaterThan(10)
    expect(first.overdue).toBe(1)
    expect((await inboxOf('staff-culture-siming', { overdue: true })).items.map((i: any) => i.ticketNo)).toEqual([made[5]])
    expect(first.counts.submitted).toBe(first.total)
    // Similar reports: the same institution and category, grouped by one key.
    const safety = all.filter((i: any) => made.includes(i.ticketNo) && i.category === 'safety')
    expect(new Set(safety.map((i: any) => i.groupKey)).size).toBe(1)
    expect(safety[0].similarOpen).toBe(safety.length - 1)
    // Search by ticket number, and by the institution's name.
    expect((await inboxOf('staff-culture-siming', { q: made[7] })).items.map((i: any) => i.ticketNo)).toEqual([made[7]])
    const byName = await inboxOf('staff-culture-siming', { q: artsInSiming[1].name.slice(0, 4), category: 'advertising' })
    expect(byName.items.length).toBeGreaterThan(0)
    expect(byName.items.every((i: any) => i.category === 'advertising' && i.subject === artsInSiming[1].name)).toBe(true)
    // A cursor that was never given out.
    const bad = await call('staff-culture-siming', { action: 'inbox', cursor: 'k2026-13-45|x' })
    expect(bad.error).toMatchObject({ code: 'invalid_input', fields: { cursor: expect.stringContaining('翻页标记') } })
  })

  it('when staff accept, start and reply with an internal note, then the reporter sees the reply and never the note, with a notice and an audit line per step', async () => {
    const t = await report()
    // Each step's answer is the page read in its own statement, plus the step: it must equal a fresh read.
    const step = async (input: Record<string, unknown>) => {
      const answer = await ok('staff-culture-siming', { action: 'transition', ticketNo: t, ...input })
      expect(answer).toEqual(await ok('staff-culture-siming', { action: 'complaint', ticketNo: t }))
      return answer
    }
    await step({ step: 'accept' })
    await step({ step: 'note', note: '先电话联系机构' })
    await step({ step: 'start', note: '周五去现场看' })
    const v = await step({ step: 'reply', reply: '已约谈机构负责人，责令晚间课程在20:30前结束。', note: '负责人态度配合，下周复查' })
    expect(v.status).toBe('replied')
    expect(v.timeline.map((e: any) => e.internalNote).filter(Boolean)).toEqual(['先电话联系机构', '周五去现场看', '负责人态度配合，下周复查'])
    expect(v.timeline.filter((e: any) => e.by === 'staff').every((e: any) => e.actorName === '思明区文化和旅游局（示例）')).toBe(true)
    expect(v.steps).toEqual(['resolve', 'note'])
    expect(await written(t)).toEqual([5, 4, 4])
    const mine = await ok('citizen', { action: 'get', ticketNo: t }, 'complaints')
    expect(mine.reply).toBe('已约谈机构负责人，责令晚间课程在20:30前结束。')
    const text = JSON.stringify(mine)
    expect(text).not.toContain('下周复查')
    expect(text).not.toContain('周五去现场看')
    expect(text).not.toContain('思明区文化和旅游局（示例）')
  })

  it('when a step is impossible, too short or a transfer goes nowhere, then a clear Chinese error comes back and nothing is written', async () => {
    const t = await report()
    const before = await written(t)
    expect((await call('staff-culture', { action: 'transition', ticketNo: t, step: 'reply', reply: '已经约谈机构负责人了，请放心。' })).error).toEqual({ code: 'conflict', message: '举报当前为“已提交”，不能答复' })
    expect((await call('staff-culture', { action: 'transition', ticketNo: t, step: 'reject', reason: '太短' })).error).toMatchObject({ code: 'invalid_input', fields: { reason: '不予受理的理由至少10个字' } })
    expect((await call('staff-culture', { action: 'transition', ticketNo: t, step: 'transfer', department: 'culture', district: 'siming', reason: '转来转去' })).error).toMatchObject({
      code: 'invalid_input',
      fields: { department: '请选择其他部门或行政区' },
    })
    expect((await call('staff-culture', { action: 'transition', ticketNo: t, step: 'fly' })).error.code).toBe('invalid_input')
    expect((await call('staff-culture', { action: 'transition', ticketNo: 'XM20260101-9999', step: 'accept' })).error.code).toBe('not_found')
    expect((await call('staff-culture', { action: 'transition', ticketNo: t, step: 'answerReview', reply: '复核后维持原答复意见。' })).error.code).toBe('conflict')
    expect(await written(t)).toEqual(before)
  })

  it('when city staff transfer a report to sports, then it leaves the culture inboxes, appears in sports’, and the reporter reads where it went', async () => {
    const t = await report()
    const v = await ok('staff-culture', { action: 'transition', ticketNo: t, step: 'transfer', department: 'sports', district: null, reason: '举报内容是篮球培训，属体育类' })
    expect(v).toMatchObject({ status: 'assigned', department: '厦门市体育局', departmentCode: 'sports', district: null })
    expect(await listed('staff-culture', t)).toBe(false)
    expect(await listed('staff-culture-siming', t)).toBe(false)
    expect(await listed('staff-sports', t)).toBe(true)
    expect(await listed('staff-sports-jimei', t)).toBe(false)
    const mine = await ok('citizen', { action: 'get', ticketNo: t }, 'complaints')
    expect(mine.timeline.at(-1).note).toBe('转交厦门市体育局办理：举报内容是篮球培训，属体育类')
    // The new department carries on.
    expect((await ok('staff-sports', { action: 'transition', ticketNo: t, step: 'start' })).status).toBe('in_progress')
  })

  it('when staff ask for more, then the reporter’s 补充材料 puts it back in hand; a review is answered once, finally', async () => {
    const t = await report()
    await ok('staff-culture-siming', { action: 'transition', ticketNo: t, step: 'accept' })
    const asked = await ok('staff-culture-siming', { action: 'transition', ticketNo: t, step: 'askInfo', question: '请补充上课的具体时间和教室位置，最好附上照片。' })
    expect(asked.status).toBe('awaiting_info')
    const added = await ok('citizen', { action: 'addInfo', ticketNo: t, note: '每周三晚上，三楼302教室。' }, 'complaints')
    expect(added.status).toBe('in_progress')
    await ok('staff-culture-siming', { action: 'transition', ticketNo: t, step: 'reply', reply: '经核实，已责令机构调整课程时间。' })
    await ok('citizen', { action: 'review', ticketNo: t, reason: '机构还是照常上课' }, 'complaints')
    const reopened = await ok('staff-culture-siming', { action: 'complaint', ticketNo: t })
    expect(reopened.steps).toContain('answerReview')
    expect(reopened.steps).not.toContain('reply')
    const done = await ok('staff-culture-siming', { action: 'transition', ticketNo: t, step: 'answerReview', reply: '复核后再次现场检查，已立案处罚。' })
    expect(done.status).toBe('resolved')
    const mine = await ok('citizen', { action: 'get', ticketNo: t }, 'complaints')
    expect(mine.timeline.at(-1).note).toBe('复核结论：复核后再次现场检查，已立案处罚。')
  })

  it('when staff reveal a named reporter’s phone, then it is whole and the audit log has a line; elsewhere it stays masked', async () => {
    const t = await report({ named: true })
    expect((await ok('staff-culture-siming', { action: 'complaint', ticketNo: t })).contact).toEqual({ name: '林小红', phone: '138****5678' })
    expect((await ok('staff-culture-siming', { action: 'get', ticketNo: t }, 'complaints')).contact.phone).toBe('138****5678')
    const before = await written(t)
    expect(await ok('staff-culture-siming', { action: 'revealContact', ticketNo: t })).toEqual({ name: '林小红', phone: '13812345678' })
    expect(await written(t)).toEqual([before[0], before[1], before[2] + 1])
    expect((await call('staff-sports', { action: 'revealContact', ticketNo: t })).error.code).toMatch(/not_found|forbidden/)
    const anon = await report()
    expect((await call('staff-culture-siming', { action: 'revealContact', ticketNo: anon })).error).toEqual({ code: 'conflict', message: '这是匿名举报，没有联系方式' })
  })

  it('when the admin reads the audit log, then every staff action is there with who and what; nobody else may read it', async () => {
    const log = await ok('admin', { action: 'audit' })
    expect(log.total).toBeGreaterThan(5)
    expect(log.items[0]).toMatchObject({ actorRole: 'staff', action: expect.stringMatching(/^staff\./), targetType: expect.any(String) })
    expect((await call('staff-culture', { action: 'audit' })).error.code).toBe('forbidden')
    // History is insert-only.
    await expect(api.env.db.deleteFrom('audit_log').execute()).rejects.toThrow()
  })

  it('when a fresh process’s first call is a staff step, then it answers (the calendar is read before the transaction, which on PGlite holds the only connection)', async () => {
    const t = await report()
    // Another process on the same database: its reference copy is cold.
    const fresh = buildEnv(api.env.config, api.env.db, { sessionSecret: api.env.sessionSecret, contactKey: api.env.contactKey })
    const answer = await Promise.race([
      invoke(functions.staff, fresh, { action: 'transition', ticketNo: t, step: 'accept' }, { kind: 'token', token: tokens['staff-culture-siming'] }),
      new Promise((r) => setTimeout(() => r('stuck'), 10_000)),
    ])
    expect(answer).toMatchObject({ ok: true, data: { status: 'accepted' } })
  })

  /** The trigger-kept counts against a count made now. */
  async function countsAgree() {
    const kept = await api.env.db.selectFrom('complaint_counts').select(['department', 'district', 'category', 'status', 'n']).where('n', '>', 0).orderBy(['department', 'district', 'category', 'status']).execute()
    const fresh = await api.env.db
      .selectFrom('complaints')
      .select(['department', (eb) => eb.fn.coalesce('district', eb.val('')).as('district'), 'category', 'status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy(['department', 'district', 'category', 'status'])
      .orderBy(['department', 'district', 'category', 'status'])
      .execute()
    const line = (r: { department: string; district: string; category: string; status: string; n: unknown }) => `${r.department}/${r.district}/${r.category}/${r.status}:${r.n}`
    expect(kept.map(line)).toEqual(fresh.map(line))
  }

  it('when tickets are submitted, moved, transferred and withdrawn, then the tab counts kept by the trigger equal a fresh count', async () => {
    const t = await report()
    await ok('staff-culture', { action: 'transition', ticketNo: t, step: 'transfer', department: 'education', district: 'huli', reason: '疑似无证办学，转教育局' })
    await ok('citizen', { action: 'withdraw', ticketNo: await report(), reason: '已经私下解决' }, 'complaints')
    await countsAgree()
    const inbox = await inboxOf('staff-culture-siming')
    const live = await api.env.db.selectFrom('complaints').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('department', '=', 'culture').where('district', '=', 'siming').where('is_open', '=', true).groupBy('status').execute()
    expect(inbox.counts).toEqual(Object.fromEntries(live.map((r) => [r.status, Number(r.n)])))
  })

  it('when the inbox is filtered by category, a search or the overdue filter, then every tab count and the overdue count equal a count made now', async () => {
    const made: string[] = []
    for (let k = 0; k < 9; k++) made.push(await report({ inst: k % 2, category: ['advertising', 'safety', 'late_hours'][k % 3] }))
    await ok('staff-culture-siming', { action: 'transition', ticketNo: made[0], step: 'accept' })
    await ok('staff-culture-siming', { action: 'transition', ticketNo: made[1], step: 'accept' })
    await ok('staff-culture-siming', { action: 'transition', ticketNo: made[1], step: 'start' })
    await api.env.db.updateTable('complaints').set({ accept_due: '2026-10-01' }).where('ticket_no', 'in', [made[3], made[6]]).execute()
    const live = async (filter: (q: any) => any) => {
      const rows = await filter(api.env.db.selectFrom('complaints').where('department', '=', 'culture').where('district', '=', 'siming'))
        .select(['status', (eb: any) => eb.fn.countAll().as('n'), (eb: any) => eb.fn.sum(eb.case().when('due_on', '<', chinaToday()).then(1).else(0).end()).as('late')])
        .where('is_open', '=', true)
        .groupBy('status')
        .execute()
      return { counts: Object.fromEntries(rows.map((r: any) => [r.status, Number(r.n)])), overdue: rows.reduce((n: number, r: any) => n + Number(r.late), 0) }
    }
    const name = artsInSiming[0].name
    const instId = instIds[0]
    for (const [filters, filter] of [
      [{ category: 'safety' }, (q: any) => q.where('category', '=', 'safety')],
      [{ q: name }, (q: any) => q.where('institution_id', '=', instId)],
      [{ q: name, category: 'advertising' }, (q: any) => q.where('institution_id', '=', instId).where('category', '=', 'advertising')],
      [{ overdue: true }, (q: any) => q.where('due_on', '<', chinaToday())],
      [{ overdue: true, category: 'safety' }, (q: any) => q.where('due_on', '<', chinaToday()).where('category', '=', 'safety')],
      [{ q: 'XM' }, (q: any) => q],
    ] as const) {
      const got = await inboxOf('staff-culture-siming', filters)
      const want = await live(filter)
      expect({ filters, counts: got.counts, overdue: got.overdue }).toEqual({ filters, counts: want.counts, overdue: want.overdue })
      expect(got.countsCapped).toBeUndefined()
    }
    // A closed tab under a search is counted too.
    await ok('citizen', { action: 'withdraw', ticketNo: made[2], reason: '已经私下解决' }, 'complaints')
    const withdrawn = await inboxOf('staff-culture-siming', { q: artsInSiming[0].name, status: 'withdrawn' })
    const wantWithdrawn = await api.env.db.selectFrom('complaints').select((eb) => eb.fn.countAll<string>().as('n')).where('institution_id', '=', instId).where('status', '=', 'withdrawn').executeTakeFirstOrThrow()
    expect(withdrawn.counts.withdrawn).toBe(Number(wantWithdrawn.n))
    expect(withdrawn.total).toBe(Number(wantWithdrawn.n))
  })

  it('when a search matches listed institutions and places not on the list, then every page under every tab lists what a live query finds, in deadline order', async () => {
    // The term is the end of a listed institution's name; a place not on the list carries it on its sign too (such
    // reports go to the education bureau, so the admin, who sees every department, reads the list).
    const term = artsInSiming[0].name.slice(-4)
    const made: string[] = []
    for (let k = 0; k < 23; k++) made.push(await report({ inst: 0, category: ['advertising', 'safety', 'late_hours'][k % 3] }))
    for (let k = 0; k < 4; k++) made.push(await report({ place: `${term}分部${k}` }))
    for (const t of [made[0], made[5], made[24]]) await ok('citizen', { action: 'withdraw', ticketNo: t, reason: '已经私下解决' }, 'complaints')
    await ok('staff-culture-siming', { action: 'transition', ticketNo: made[7], step: 'accept' })
    const like = `%${term.toLowerCase()}%`
    const live = async (status?: string) => {
      let q = api.env.db
        .selectFrom('complaints')
        .select('ticket_no')
        .where((eb) => eb.or([eb('institution_id', 'in', eb.selectFrom('institutions').select('id').where(sql<string>`lower(name)`, 'like', like)), eb.and([eb('institution_id', 'is', null), eb(sql<string>`lower(place->>'name')`, 'like', like)])]))
      q = status ? q.where('status', '=', status as never) : q.where('is_open', '=', true)
      return (await q.orderBy('due_on').orderBy('id').execute()).map((r) => r.ticket_no)
    }
    for (const status of [undefined, 'submitted', 'accepted', 'withdrawn']) {
      const seen: string[] = []
      let cursor: string | undefined
      do {
        const page = await inboxOf('admin', { q: term, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) })
        seen.push(...page.items.map((i: any) => i.ticketNo))
        cursor = page.nextCursor
      } while (cursor)
      const want = await live(status)
      expect({ status, seen }).toEqual({ status, seen: want })
    }
    // Both halves are really there: the open list holds listed tickets and unlisted places, more than one page.
    const open = await live()
    expect(open.length).toBeGreaterThan(20)
    expect(open).toEqual(expect.arrayContaining([made[1], made[23]]))
  })

  if (kind === 'postgres') {
    it('when 60 steps and transfers race over ten tickets, then the kept counts still equal a fresh count', async () => {
      const tickets = await Promise.all(Array.from({ length: 10 }, () => report()))
      await Promise.all(
        Array.from({ length: 60 }, (_, k) => {
          const ticketNo = tickets[k % 10]
          return k % 3 === 0
            ? call('staff-culture', { action: 'transition', ticketNo, step: 'transfer', department: k % 2 ? 'sports' : 'science', district: null, reason: '并发转办测试' })
            : call('staff-culture-siming', { action: 'transition', ticketNo, step: k % 3 === 1 ? 'accept' : 'start' })
        }),
      )
      await countsAgree()
    })

    it('when 30 notes and an accept race on one ticket, then every one lands, each note judged on what it found', async () => {
      const t = await report()
      const before = await written(t)
      const outcomes = await Promise.all(
        Array.from({ length: 31 }, (_, k) =>
          call(k % 2 ? 'staff-culture' : 'staff-culture-siming', k === 15 ? { action: 'transition', ticketNo: t, step: 'accept' } : { action: 'transition', ticketNo: t, step: 'note', note: `并发备注${k}` }),
        ),
      )
      expect(outcomes.filter((o) => !o.ok)).toEqual([])
      // 31 events and audit lines; one notice (the accept: notes tell the reporter nothing).
      expect(await written(t)).toEqual([before[0] + 31, before[1] + 1, before[2] + 31])
      expect((await inboxOf('staff-culture-siming', { q: t })).items[0].status).toBe('accepted')
    })

    it('when 50 staff steps race on one ticket, then exactly one lands: one event, one notice, one audit line', async () => {
      const t = await report()
      const before = await written(t)
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, (_, k) => call(k % 2 ? 'staff-culture' : 'staff-culture-siming', { action: 'transition', ticketNo: t, step: 'accept' })),
      )
      expect(outcomes.filter((o) => o.ok)).toHaveLength(1)
      expect(outcomes.filter((o) => !o.ok).every((o) => o.error.code === 'conflict')).toBe(true)
      expect(await written(t)).toEqual([before[0] + 1, before[1] + 1, before[2] + 1])
    })
  }
})
