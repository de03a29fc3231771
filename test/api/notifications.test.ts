// Status changes reach the reporter as WeChat subscribe messages through an outbox; a failed delivery never
// loses or blocks the change. WeChat is a local fake that follows the documented token and send contracts.
import { deliverDue, BACKOFF_SECONDS } from '../../cloud/services/notifications/sender'
import { staffStep } from '../support/staffSteps'
import { wechatSubscribeSender } from '../../cloud/platform/subscribeMessage'
import { accessToken } from '../../cloud/platform/wechatToken'
import { DB_KINDS } from '../support/databases'
import { openApi, type ApiClient } from '../support/harness'
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat'

describe.each(DB_KINDS)('notifications on %s', (kind) => {
  let wx: FakeWechat
  let api: ApiClient
  let staff: any
  let inst: string
  let k = 0
  beforeAll(async () => {
    wx = await startFakeWechat()
    api = await openApi(kind, 'main')
    staff = ((await api.call('auth', { action: 'devLogin', account: 'staff-culture' })).body as any).data.account
    inst = ((await api.call('institutions', { action: 'search', q: '舞蹈', status: 'approved' })).body as any).data.items[0].id
  })
  afterAll(async () => {
    await api?.close()
    await wx?.close()
  })
  const sender = () => wechatSubscribeSender({ apiBase: wx.url, token: accessToken({ apiBase: wx.url, appId: wx.appId, secret: wx.secret }) })
  const submit = async (openid: string, subscribe: boolean) =>
    (
      (await api.call('complaints', { action: 'submit', requestId: `note-${kind}-${++k}-abcdef`, category: 'late_hours', institutionId: inst, description: '晚上九点半还在上课，孩子很累。', happenedOn: '2026-11-20', contact: { anonymous: true }, subscribe }, `wx:${openid}`)).body as any
    ).data
  const outbox = (ticketNo: string) =>
    api.env.db.selectFrom('notification_outbox as o').innerJoin('complaints as c', 'c.id', 'o.complaint_id').select(['o.state', 'o.attempts', 'o.status_after', 'o.next_attempt_at', 'o.last_error']).where('c.ticket_no', '=', ticketNo).orderBy('o.id').execute()

  it('when a subscribed reporter’s ticket is accepted, then both notices are delivered to their openid per WeChat’s contract', async () => {
    const receipt = await submit('o-sub-1', true)
    await staffStep(api.env, api.env.db, staff, 'accept', receipt.ticketNo)
    const report = await deliverDue(api.env.db, sender(), 'TPL-STATUS')
    expect(report.sent).toBeGreaterThanOrEqual(2)
    const mine = wx.sent.filter((m) => m.data.character_string1.value === receipt.ticketNo)
    expect(mine.map((m) => m.data.phrase2.value)).toEqual(['已提交', '已受理'])
    expect(mine[0]).toMatchObject({ touser: 'o-sub-1', template_id: 'TPL-STATUS', miniprogram_state: 'formal' })
    expect((await outbox(receipt.ticketNo)).map((o) => o.state)).toEqual(['sent', 'sent'])
  })

  it('when the reporter did not subscribe, then nothing is queued', async () => {
    const receipt = await submit('o-nosub', false)
    expect(await outbox(receipt.ticketNo)).toEqual([])
  })

  it('when WeChat is failing, then the notice waits with backoff and the status change stands', async () => {
    const receipt = await submit('o-sub-2', true)
    wx.failWith(-1)
    const now = new Date()
    await deliverDue(api.env.db, sender(), 'TPL-STATUS', now)
    const [row] = await outbox(receipt.ticketNo)
    expect(row).toMatchObject({ state: 'pending', attempts: 1 })
    expect(new Date(row.next_attempt_at).getTime()).toBe(now.getTime() + BACKOFF_SECONDS[0] * 1000)
    const view = ((await api.call('complaints', { action: 'get', ticketNo: receipt.ticketNo }, 'wx:o-sub-2')).body as any).data
    expect(view.status).toBe('submitted')
    wx.failWith(0)
    await deliverDue(api.env.db, sender(), 'TPL-STATUS', new Date(now.getTime() + 61_000))
    expect((await outbox(receipt.ticketNo))[0].state).toBe('sent')
  })

  it('when the user has not granted the subscription, then the notice is skipped, not retried', async () => {
    const receipt = await submit('o-sub-3', true)
    wx.failWith(43101)
    await deliverDue(api.env.db, sender(), 'TPL-STATUS')
    wx.failWith(0)
    expect((await outbox(receipt.ticketNo))[0]).toMatchObject({ state: 'skipped', attempts: 1 })
  })

  it('when a reporter has no WeChat openid (a demo account), then the notice is skipped with the reason', async () => {
    const token = await api.login('citizen')
    const receipt = (
      (await api.call('complaints', { action: 'submit', requestId: `note-${kind}-demo-abcdef`, category: 'late_hours', institutionId: inst, description: '晚上九点半还在上课，孩子很累。', happenedOn: '2026-11-20', contact: { anonymous: true }, subscribe: true }, token)).body as any
    ).data
    await deliverDue(api.env.db, sender(), 'TPL-STATUS')
    expect((await outbox(receipt.ticketNo))[0]).toMatchObject({ state: 'skipped', last_error: 'account has no WeChat openid' })
  })
})

describe('the content check before a report is stored', () => {
  it('when WeChat’s msgSecCheck calls the words risky, then the report is refused naming the description and nothing is written', async () => {
    const wx = await startFakeWechat()
    const api = await openApi('pglite', 'main', { config: { WX_API_BASE: wx.url, WX_APPID: wx.appId, WX_SECRET: wx.secret } })
    try {
      const inst = ((await api.call('institutions', { action: 'search', q: '舞蹈' })).body as any).data.items[0].id
      const ev = (description: string, k: number) => ({ action: 'submit', requestId: `check-${k}-abcdefgh`, category: 'other', institutionId: inst, description, happenedOn: '2026-11-20', contact: { anonymous: true } })
      const bad = await api.call('complaints', ev('这里有一个违禁示例词，应当被拦下。', 1), 'wx:o-check')
      expect(bad.status).toBe(400)
      expect(!bad.body.ok && bad.body.error.fields).toHaveProperty('description')
      const good = await api.call('complaints', ev('机构在居民楼里上课，消防通道堵塞。', 2), 'wx:o-check')
      expect(good.status).toBe(200)
      const rows = await api.env.db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      expect(Number(rows.n)).toBe(1)
    } finally {
      await api.close()
      await wx.close()
    }
  })
})
