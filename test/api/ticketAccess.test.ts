// Who may act on a ticket, through the access table: the reporter's steps, the handling side's steps, and everybody
// else, who does not learn the ticket exists. A refused step leaves no event and no notice behind.
import { generateSample } from '../../content/sample/generate'
import { act } from '../../cloud/services/complaints/tickets'
import { staffStep } from '../support/staffSteps'
import { lockTicket } from '../../cloud/store/complaintRepo'
import type { Account } from '../../src/domain/api'
import { AppError } from '../../src/domain/errors'
import { openApi, type ApiClient } from '../support/harness'
import type { DbKind } from '../support/databases'

const sample = generateSample()
const artsInHuli = sample.institutions.find((i) => i.status === 'approved' && i.category === 'arts' && i.district === 'huli')!

describe.each<[DbKind]>([['pglite'], ['postgres']])('ticket access on %s', (kind) => {
  let api: ApiClient
  let citizen: string
  let ticketNo: string
  let complaintId: string
  const accounts: Record<string, Account> = {}

  async function staffAccount(name: string, department: string, district: string | null): Promise<Account> {
    const row = await api.env.db
      .insertInto('accounts')
      .values({ openid: null, unionid: null, dev_account: `test-${name}`, role: 'staff', name, department: department as never, district: district as never })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { id: row.id, role: 'staff', name, department: department as never, ...(district ? { district: district as never } : {}) }
  }

  const outcome = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e) => (e instanceof AppError ? `${e.code}:${e.message}` : `thrown:${String(e)}`),
    )
  const written = async () => {
    const [events, notices] = await Promise.all([
      api.env.db.selectFrom('complaint_events').select((eb) => eb.fn.countAll<number>().as('n')).where('complaint_id', '=', complaintId).executeTakeFirstOrThrow(),
      api.env.db.selectFrom('notification_outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('complaint_id', '=', complaintId).executeTakeFirstOrThrow(),
    ])
    return [Number(events.n), Number(notices.n)]
  }

  beforeAll(async () => {
    api = await openApi(kind, 'main')
    citizen = await api.login('citizen')
    for (const name of ['citizen', 'citizen2', 'supervisor', 'staff-culture', 'staff-sports', 'admin']) {
      accounts[name] = ((await api.call('auth', { action: 'devLogin', account: name })).body as any).data.account
    }
    accounts['culture-huli'] = await staffAccount('culture-huli', 'culture', 'huli')
    accounts['culture-jimei'] = await staffAccount('culture-jimei', 'culture', 'jimei')
    const inst = ((await api.call('institutions', { action: 'verify', code: artsInHuli.uscc })).body as any).data.institution.id
    const event = { action: 'submit', requestId: `access-${kind}-abcdefgh`, category: 'late_hours', institutionId: inst, description: '晚上十点还在上课，楼道里很吵。', happenedOn: '2026-11-20', subscribe: true, contact: { anonymous: true } }
    ticketNo = ((await api.call('complaints', event, citizen)).body as any).data.ticketNo
    complaintId = (await api.env.db.selectFrom('complaints').select('id').where('ticket_no', '=', ticketNo).executeTakeFirstOrThrow()).id
  })
  afterAll(async () => api?.close())

  it('when anyone but the handling side tries a staff step, then it is refused in Chinese and nothing is written', async () => {
    const before = await written()
    const tried = Object.fromEntries(
      await Promise.all(['citizen', 'citizen2', 'supervisor', 'staff-sports', 'culture-jimei'].map(async (who) => [who, await outcome(staffStep(api.env, api.env.db, accounts[who], 'accept', ticketNo))])),
    )
    expect(tried).toEqual({
      citizen: 'forbidden:您没有办理举报的权限',
      citizen2: 'forbidden:您没有办理举报的权限',
      supervisor: 'forbidden:您没有办理举报的权限',
      'staff-sports': 'not_found:没有找到这件举报，或它不在您的管辖范围内',
      'culture-jimei': 'not_found:没有找到这件举报，或它不在您的管辖范围内',
    })
    expect(await outcome(staffStep(api.env, api.env.db, undefined, 'accept', ticketNo))).toBe('unauthenticated:请先登录')
    expect(await written()).toEqual(before)
  })

  it('when the handling side tries the reporter’s step, then it is forbidden and nothing is written', async () => {
    const before = await written()
    expect(await outcome(act(api.env.db, {}, accounts['staff-culture'], 'withdraw', ticketNo, '不是我的'))).toBe('forbidden:这是举报人的操作')
    expect(await written()).toEqual(before)
  })

  it('when city staff, district staff of the district and admin act, then each step lands with a notice for the reporter', async () => {
    const [events, notices] = await written()
    expect(await outcome(staffStep(api.env, api.env.db, accounts['culture-huli'], 'accept', ticketNo))).toBe('ok')
    expect(await outcome(staffStep(api.env, api.env.db, accounts['staff-culture'], 'start', ticketNo))).toBe('ok')
    expect(await outcome(staffStep(api.env, api.env.db, accounts.admin, 'reply', ticketNo, '已约谈机构，责令调整上课时间。'))).toBe('ok')
    expect(await written()).toEqual([events + 3, notices + 3])
    const view = ((await api.call('complaints', { action: 'get', ticketNo }, citizen)).body as any).data
    expect(view.timeline.map((e: any) => `${e.status}/${e.by}`)).toEqual(['submitted/reporter', 'accepted/staff', 'in_progress/staff', 'replied/staff'])
  })

  it('when a step runs inside the caller’s transaction and a later part fails, then nothing of the step remains', async () => {
    const before = await written()
    const status = async () => (await api.env.db.selectFrom('complaints').select('status').where('id', '=', complaintId).executeTakeFirstOrThrow()).status
    const was = await status()
    await expect(
      api.env.db.transaction().execute(async (trx) => {
        await staffStep(api.env, trx, accounts['staff-culture'], 'resolve', ticketNo, '已办结，机构已整改')
        expect(await (await import('../../cloud/store/complaintRepo')).findTicket(trx, ticketNo)).toMatchObject({ status: 'resolved' })
        throw new Error('the case could not be published')
      }),
    ).rejects.toThrow('the case could not be published')
    expect(await status()).toBe(was)
    expect(await written()).toEqual(before)
  })

  it('when a ticket is locked outside a transaction, then the repository refuses (a lock would end at once)', () => {
    expect(() => lockTicket(api.env.db, complaintId)).toThrow(/transaction/)
  })
})
