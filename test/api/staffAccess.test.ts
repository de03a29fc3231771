// Who may call each staff action, generated from the access table: every action of the staff function runs as
// anonymous, a citizen, a supervisor, staff of another department, staff of another district, district and city staff
// of the same department and the admin, and each is allowed exactly when can() says so for the action's row in
// STAFF_ACTION_ACCESS. An action without a row, or without an input here, fails this file.
import { functions } from '../../cloud/functions/registry'
import { signToken } from '../../cloud/platform/sessionToken'
import { generateSample } from '../../content/sample/generate'
import { can, type AccessTarget } from '../../src/domain/access'
import type { Account } from '../../src/domain/api'
import { STAFF_ACTION_ACCESS, STAFF_ACTIONS, type StaffAction } from '../../src/domain/staff'
import { usccCheckChar } from '../../src/domain/uscc'
import { openApi, TEST_SECRET, type ApiClient } from '../support/harness'
import type { DbKind } from '../support/databases'

const sample = generateSample()
const artsInSiming = sample.institutions.filter((i) => i.status === 'approved' && i.category === 'arts' && i.district === 'siming')

const CALLERS = ['anonymous', 'citizen', 'supervisor', 'staff-sports', 'culture-huli', 'staff-culture-siming', 'staff-culture', 'admin'] as const
type Caller = (typeof CALLERS)[number]

/** A one-row white list: a new arts institution in 思明区 (culture's, in Siming). */
function importCsv(): string {
  const first17 = '91350203MA8TEQT01'
  const uscc = first17 + usccCheckChar(first17)
  return Buffer.from(
    `\ufeff机构名称,统一社会信用代码,办学许可证号,培训类别,所在区,地址,状态\n厦门市矩阵测试美术培训中心,${uscc},文民3502039999001号,文化艺术,思明区,厦门市思明区湖滨南路100号2层,白名单\n`,
  ).toString('base64')
}

describe.each<[DbKind]>([['pglite'], ['postgres']])('staff access matrix on %s', (kind) => {
  let api: ApiClient
  const tokens: Partial<Record<Caller, string>> = {}
  const accounts: Partial<Record<Caller, Account>> = {}
  let ticketNo: string
  let institutionId: string

  /** Per action: a valid input, and what the access check is about (none: "anywhere at all"). */
  const CASES: Record<StaffAction, (who: Account | undefined) => { input: Record<string, unknown>; target?: AccessTarget }> = {
    inbox: () => ({ input: {} }),
    stats: () => ({ input: { days: 30 } }),
    complaint: () => ({ input: { ticketNo }, target: { department: 'culture', district: 'siming' } }),
    transition: () => ({ input: { ticketNo, step: 'note', note: '矩阵测试备注' }, target: { department: 'culture', district: 'siming' } }),
    revealContact: () => ({ input: { ticketNo }, target: { department: 'culture', district: 'siming' } }),
    publishCase: (who) => ({
      input: {
        preview: true,
        date: '2026-11-20',
        entityName: '厦门市某艺术培训中心',
        district: 'siming',
        category: 'arts',
        type: 'late_hours',
        facts: '该机构在晚上九点后仍组织线下培训，经查属实。',
        outcome: '责令整改，并予以通报。',
        notice: { title: '关于违规培训行为的通报', date: '2026-11-25' },
        ...(who?.role === 'admin' ? { department: 'culture' } : {}),
      },
      target: { department: who?.department ?? 'culture', district: 'siming' },
    }),
    setInstitutionStatus: () => ({
      input: { institutionId, status: 'suspended', reason: '超时培训，责令整改', notice: { title: '关于责令停业整改的决定', date: '2026-11-25' } },
      target: { department: 'culture', district: 'siming' },
    }),
    importInstitutions: () => ({
      input: { fileName: 'matrix.csv', content: importCsv(), batch: 9, notice: { title: '关于公布校外培训机构白名单的通知', date: '2026-11-25' } },
      target: { department: 'culture', district: 'siming' },
    }),
    invite: () => ({ input: { district: 'siming', kind: 'volunteer' }, target: { district: 'siming' } }),
    supervisors: () => ({ input: {} }),
    campaigns: () => ({ input: {} }),
    saveCampaign: () => ({
      input: { name: '暑期校外培训专项检查', startsOn: '2026-12-01', endsOn: '2026-12-31', districts: ['siming'], focus: ['hours_by_2030'] },
      target: { district: 'siming' },
    }),
    audit: () => ({ input: {} }),
    // A list: each account sees its own scope (a supervisor holds observation.view on their own visits).
    observations: () => ({ input: {} }),
  }

  beforeAll(async () => {
    api = await openApi(kind, 'main', { config: { COMPLAINT_DAILY_LIMIT: '100' } })
    for (const who of CALLERS) {
      if (who === 'anonymous') continue
      if (who === 'culture-huli') {
        const row = await api.env.db
          .insertInto('accounts')
          .values({ openid: 'matrix-culture-huli', unionid: null, dev_account: null, role: 'staff', name: '湖里区文化和旅游局（测试）', department: 'culture', district: 'huli' })
          .returningAll()
          .executeTakeFirstOrThrow()
        tokens[who] = signToken(TEST_SECRET, row.id, 1)
        accounts[who] = { id: row.id, role: 'staff', name: row.name, department: 'culture', district: 'huli' }
        continue
      }
      const r = (await api.call('auth', { action: 'devLogin', account: who })).body as any
      tokens[who] = r.data.token
      accounts[who] = r.data.account
    }
    institutionId = ((await api.call('institutions', { action: 'verify', code: artsInSiming[0].uscc })).body as any).data.institution.id
    const submit = {
      action: 'submit',
      requestId: `matrix-${kind}-abcdefgh`,
      category: 'late_hours',
      institutionId,
      description: '晚上九点多还在上课，孩子很晚才到家。',
      happenedOn: '2026-11-20',
      contact: { anonymous: false, name: '林女士', phone: '13812345678' },
    }
    ticketNo = ((await api.call('complaints', submit, tokens.citizen)).body as any).data.ticketNo
  })
  afterAll(async () => api?.close())

  it('when the staff function is read, then every action has a row in the access table and an input here', () => {
    expect(Object.keys(functions.staff.actions).sort()).toEqual([...STAFF_ACTIONS].sort())
    expect(Object.keys(STAFF_ACTION_ACCESS).sort()).toEqual([...STAFF_ACTIONS].sort())
  })

  it.each([...STAFF_ACTIONS])('when every kind of account calls staff.%s, then exactly those the table allows get through', async (action) => {
    const seen: Record<string, string> = {}
    const expected: Record<string, string> = {}
    for (const who of CALLERS) {
      const account = accounts[who]
      const { input, target } = CASES[action](account)
      const allowed = can(account, STAFF_ACTION_ACCESS[action], target)
      const r = (await api.call('staff', { action, ...input }, tokens[who])).body as any
      // Through the gate: the answer, or a conflict with the record's state (a second suspension). Refused: never a hint.
      const through = r.ok || r.error.code === 'conflict'
      seen[who] = through ? 'allowed' : r.error.code
      expected[who] = allowed ? 'allowed' : who === 'anonymous' ? 'unauthenticated' : seen[who]
      // An import refuses rows outside the account's scope row by row (the contract), naming the row and the reason.
      const refusedRows = action === 'importInstitutions' && r.error?.code === 'invalid_input' && Object.values(r.error.fields ?? {}).some((m) => String(m).includes('管辖范围'))
      if (!allowed) expect([who, refusedRows || ['unauthenticated', 'forbidden', 'not_found'].includes(r.error?.code)]).toEqual([who, true])
    }
    expect(seen).toEqual(expected)
  })
})
