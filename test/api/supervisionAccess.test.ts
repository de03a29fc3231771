// Who may call each supervision action, on PGlite and PostgreSQL: every action runs as anonymous, a citizen, a
// supervisor of 思明区 (where the institution and the visit are), a supervisor of 湖里区, 思明区's culture desk (the
// visit's scope), 集美区's sports desk (not its scope) and the admin, and the exact answer of each is written down
// below. An action without its row here fails this file.
import { functions } from '../../cloud/functions/registry'
import { signToken } from '../../cloud/platform/sessionToken'
import { generateSample } from '../../content/sample/generate'
import { openApi, TEST_SECRET, type ApiClient } from '../support/harness'
import type { DbKind } from '../support/databases'

const sample = generateSample()
const artsInSiming = sample.institutions.find((i) => i.status === 'approved' && i.category === 'arts' && i.district === 'siming')!

const CALLERS = ['anonymous', 'citizen', 'supervisor', 'supervisor-huli', 'staff-culture-siming', 'staff-sports-jimei', 'admin'] as const
type Caller = (typeof CALLERS)[number]
type Outcome = 'ok' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict'

/** The answer each caller gets. A supervisor's own district decides submit; escalate hides a visit outside the scope. */
const EXPECTED: Record<string, Record<Caller, Outcome>> = {
  // A supervisor already is one (conflict); staff and the admin bind personal accounts, not these.
  bind: { anonymous: 'unauthenticated', citizen: 'ok', supervisor: 'conflict', 'supervisor-huli': 'conflict', 'staff-culture-siming': 'forbidden', 'staff-sports-jimei': 'forbidden', admin: 'forbidden' },
  campaigns: { anonymous: 'unauthenticated', citizen: 'forbidden', supervisor: 'ok', 'supervisor-huli': 'ok', 'staff-culture-siming': 'forbidden', 'staff-sports-jimei': 'forbidden', admin: 'forbidden' },
  institutions: { anonymous: 'unauthenticated', citizen: 'forbidden', supervisor: 'ok', 'supervisor-huli': 'ok', 'staff-culture-siming': 'forbidden', 'staff-sports-jimei': 'forbidden', admin: 'forbidden' },
  mine: { anonymous: 'unauthenticated', citizen: 'forbidden', supervisor: 'ok', 'supervisor-huli': 'ok', 'staff-culture-siming': 'forbidden', 'staff-sports-jimei': 'forbidden', admin: 'forbidden' },
  submit: { anonymous: 'unauthenticated', citizen: 'forbidden', supervisor: 'ok', 'supervisor-huli': 'forbidden', 'staff-culture-siming': 'forbidden', 'staff-sports-jimei': 'forbidden', admin: 'forbidden' },
  escalate: { anonymous: 'unauthenticated', citizen: 'not_found', supervisor: 'ok', 'supervisor-huli': 'not_found', 'staff-culture-siming': 'ok', 'staff-sports-jimei': 'not_found', admin: 'ok' },
}

describe.each<[DbKind]>([['pglite'], ['postgres']])('supervision access matrix on %s', (kind) => {
  let api: ApiClient
  const tokens: Partial<Record<Caller, string>> = {}
  let inst: { id: string; lat: number; lng: number }
  let visitId: string
  let seq = 0

  const visit = () => ({
    requestId: `matrix-${kind}-${++seq}-abcdefgh`,
    institutionId: inst.id,
    visitedAt: new Date(Date.now() - 600_000).toISOString(),
    location: { lat: inst.lat, lng: inst.lng, accuracyM: 10 },
    checklist: { hours_by_2030: 'fail' },
    itemNotes: { hours_by_2030: '晚上九点仍在上课' },
  })

  /** A valid input per action; bind gets a fresh code each call (a code is used once). */
  const INPUTS: Record<string, () => Promise<Record<string, unknown>>> = {
    bind: async () => {
      const r = (await api.call('staff', { action: 'invite', district: 'siming', kind: 'volunteer' }, tokens['staff-culture-siming'])).body as any
      return { code: r.data.code }
    },
    campaigns: async () => ({}),
    institutions: async () => ({ sort: 'lastVisit' }),
    mine: async () => ({}),
    submit: async () => visit(),
    escalate: async () => ({ id: visitId, requestId: `matrix-esc-${kind}-${++seq}-abc` }),
  }

  beforeAll(async () => {
    api = await openApi(kind, 'main')
    for (const who of ['citizen', 'supervisor', 'staff-culture-siming', 'staff-sports-jimei', 'admin'] as const) tokens[who] = await api.login(who)
    const huli = await api.env.db
      .insertInto('accounts')
      .values({ openid: `matrix-sup-huli-${kind}`, unionid: null, dev_account: null, role: 'supervisor', name: '湖里区监督员（测试）', department: null, district: 'huli', supervisor_kind: 'volunteer' })
      .returning('id')
      .executeTakeFirstOrThrow()
    tokens['supervisor-huli'] = signToken(TEST_SECRET, huli.id, 1)
    const id = ((await api.call('institutions', { action: 'verify', code: artsInSiming.uscc })).body as any).data.institution.id
    inst = await api.env.db.selectFrom('institutions').select(['id', 'lat', 'lng']).where('id', '=', id).executeTakeFirstOrThrow()
    const r = (await api.call('supervision', { action: 'submit', ...visit() }, tokens.supervisor)).body as any
    visitId = r.data.id
  })
  afterAll(async () => api?.close())

  it('when the supervision function is read, then every action has its row here', () => {
    expect(Object.keys(functions.supervision.actions).sort()).toEqual(Object.keys(EXPECTED).sort())
    expect(Object.keys(INPUTS).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.keys(EXPECTED))('when every kind of account calls supervision.%s, then each gets exactly its answer', async (action) => {
    const seen: Record<string, Outcome> = {}
    for (const who of CALLERS) {
      // The citizen who binds is a new one each run (binding makes them a supervisor).
      const as = action === 'bind' && who === 'citizen' ? `wx:matrix-bind-${kind}` : tokens[who]
      const r = (await api.call('supervision', { action, ...(await INPUTS[action]()) }, as)).body as any
      seen[who] = r.ok ? 'ok' : r.error.code
    }
    expect(seen).toEqual(EXPECTED[action])
  })
})
