// Races that PGlite (one connection) cannot show, on PostgreSQL with real concurrency: 80 people redeeming one
// invitation code at once, and 100 queued visits delivered all at once with repeats and out of order by a phone
// that retries — through the HTTP gateway, as phones reach it.
import { generateSample } from '../../content/sample/generate'
import { signToken } from '../../cloud/platform/sessionToken'
import { openApi, TEST_SECRET, type ApiClient } from '../support/harness'

const sample = generateSample()
const inSiming = sample.institutions.filter((i) => i.status === 'approved' && i.district === 'siming').slice(0, 10)

describe('supervision races on PostgreSQL', () => {
  let api: ApiClient
  const tokens: Record<string, string> = {}
  const call = async (as: string | undefined, event: Record<string, unknown>) => (await api.call('supervision', event, as)).body as any

  beforeAll(async () => {
    api = await openApi('postgres', 'gateway')
    for (const who of ['supervisor', 'staff-culture']) tokens[who] = await api.login(who)
  })
  afterAll(async () => api?.close())

  it('when 80 people race for one invitation code, then exactly one becomes a supervisor and 79 are told it is used', async () => {
    const inv = (await api.call('staff', { action: 'invite', district: 'jimei', kind: 'specialist' }, tokens['staff-culture'])).body as any
    // 80 new citizens, each with a session of their own.
    const people = await Promise.all(
      Array.from({ length: 80 }, async (_, k) => {
        const row = await api.env.db.insertInto('accounts').values({ openid: `race80-${k}`, unionid: null, dev_account: null, role: 'citizen', name: `市民${k}`, department: null, district: null }).returning('id').executeTakeFirstOrThrow()
        return signToken(TEST_SECRET, row.id, 1)
      }),
    )
    const outcomes = await Promise.all(people.map((t) => call(t, { action: 'bind', code: inv.data.code })))
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1)
    expect(outcomes.filter((o) => !o.ok).map((o) => o.error)).toEqual(Array(79).fill({ code: 'conflict', message: '这个邀请码已被使用，请向辖区工作人员重新获取' }))
    const bound = await api.env.db.selectFrom('accounts').select(['role', 'district']).where('openid', 'like', 'race80-%').where('role', '=', 'supervisor').execute()
    expect(bound).toEqual([{ role: 'supervisor', district: 'jimei' }])
    const used = await api.env.db.selectFrom('supervisor_invitations').select(['used_by']).where('code', '=', inv.data.code).executeTakeFirstOrThrow()
    expect(used.used_by).not.toBeNull()
  })

  it('when 100 queued visits arrive at once, with 60 repeats and in shuffled order, then exactly 100 are stored and every repeat answers its own record', async () => {
    const insts = await Promise.all(inSiming.map((i) => api.env.db.selectFrom('institutions').select(['id', 'lat', 'lng']).where('uscc', '=', i.uscc).executeTakeFirstOrThrow()))
    const queue = Array.from({ length: 100 }, (_, k) => {
      const inst = insts[k % insts.length]
      return {
        action: 'submit',
        requestId: `race-queue-${k}-abcdefgh`,
        institutionId: inst.id,
        visitedAt: new Date(Date.now() - (k + 5) * 60_000).toISOString(),
        location: { lat: inst.lat, lng: inst.lng, accuracyM: 10 + (k % 30) },
        checklist: k % 3 ? { licence_displayed: 'pass' } : { licence_displayed: 'pass', fire_safety: 'fail' },
        ...(k % 3 ? {} : { itemNotes: { fire_safety: `第${k}次：安全出口堵塞` } }),
      }
    })
    const before = Number((await api.env.db.selectFrom('observations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)
    // Each record once, 40 of them twice more and 20 once more: 160 deliveries, all in flight together.
    const deliveries = [...queue, ...queue.slice(0, 40), ...queue.slice(0, 40), ...queue.slice(80)]
    for (let k = deliveries.length - 1; k > 0; k--) {
      const j = (k * 7919 + 13) % (k + 1)
      ;[deliveries[k], deliveries[j]] = [deliveries[j], deliveries[k]]
    }
    const answers = await Promise.all(deliveries.map((d) => call(tokens.supervisor, d)))
    expect(answers.filter((a) => !a.ok).map((a) => a.error)).toEqual([])
    const stored = await api.env.db.selectFrom('observations').select(['id', 'request_id']).where('request_id', 'like', 'race-queue-%').execute()
    expect(stored).toHaveLength(100)
    expect(Number((await api.env.db.selectFrom('observations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n)).toBe(before + 100)
    const idOf = new Map(stored.map((s) => [s.request_id, s.id]))
    deliveries.forEach((d, k) => expect([d.requestId, answers[k].data.id]).toEqual([d.requestId, idOf.get(d.requestId)]))
    // The supervisor's own list agrees: nothing twice.
    const mine = await call(tokens.supervisor, { action: 'mine' })
    expect(mine.data.total).toBe(before + 100)
  })
})
