import { can, GRANTS, PERMISSION_LABEL, PERMISSIONS, permissionsOf, scopeFilter, type AccessAccount, type AccessTarget } from '../../src/domain/access'
import { DEPARTMENTS, DISTRICTS, ROLES } from '../../src/domain/catalog'
import { requireCan } from '../../cloud/services/access'
import { AppError } from '../../src/domain/errors'
import type { Account } from '../../src/domain/api'

// The people every permission is asked about, around one target: an arts matter in 思明区, handled by the culture
// bureau, reported (or observed) by the citizen (or the supervisor).
const WHO = {
  anonymous: undefined,
  citizen: { id: 'citizen', role: 'citizen' },
  supervisor: { id: 'supervisor', role: 'supervisor', district: 'siming' },
  otherDepartment: { id: 'staff-sports', role: 'staff', department: 'sports' },
  otherDistrict: { id: 'staff-culture-jimei', role: 'staff', department: 'culture', district: 'jimei' },
  cityStaff: { id: 'staff-culture', role: 'staff', department: 'culture' },
  districtStaff: { id: 'staff-culture-siming', role: 'staff', department: 'culture', district: 'siming' },
  admin: { id: 'admin', role: 'admin' },
} satisfies Record<string, AccessAccount | undefined>
type Who = keyof typeof WHO

const HANDLERS: Who[] = ['cityStaff', 'districtStaff', 'admin']
const LOGGED_IN: Who[] = ['citizen', 'supervisor', 'otherDepartment', 'otherDistrict', 'cityStaff', 'districtStaff', 'admin']

// Written by hand, apart from the table: a permission added to the table without a row here fails below.
const EXPECTED: Record<string, { reporter: Who; allowed: Who[] }> = {
  'complaint.submit': { reporter: 'citizen', allowed: LOGGED_IN },
  'complaint.own': { reporter: 'citizen', allowed: ['citizen'] },
  'complaint.view': { reporter: 'citizen', allowed: HANDLERS },
  'complaint.transition': { reporter: 'citizen', allowed: HANDLERS },
  'complaint.revealContact': { reporter: 'citizen', allowed: HANDLERS },
  'case.publish': { reporter: 'citizen', allowed: HANDLERS },
  'institution.setStatus': { reporter: 'citizen', allowed: HANDLERS },
  'institution.import': { reporter: 'citizen', allowed: HANDLERS },
  // Supervisors belong to a district, not a department: any bureau's staff of the area may invite them.
  'supervisor.invite': { reporter: 'citizen', allowed: ['otherDepartment', ...HANDLERS] },
  'campaign.edit': { reporter: 'citizen', allowed: ['otherDepartment', ...HANDLERS] },
  'observation.submit': { reporter: 'supervisor', allowed: ['supervisor'] },
  'observation.view': { reporter: 'supervisor', allowed: ['supervisor', ...HANDLERS] },
  'observation.escalate': { reporter: 'supervisor', allowed: ['supervisor', ...HANDLERS] },
  'audit.read': { reporter: 'citizen', allowed: ['admin'] },
}

const targetFor = (reporter: Who): AccessTarget => ({ department: 'culture', district: 'siming', reporterId: WHO[reporter]!.id })

describe('the access table', () => {
  it('when the permissions are listed, then every one has an expected row here, a grant row and a Chinese label', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...PERMISSIONS].sort())
    expect(Object.keys(GRANTS).sort()).toEqual([...PERMISSIONS].sort())
    for (const p of PERMISSIONS) expect(PERMISSION_LABEL[p]).toMatch(/^[\u4e00-\u9fff]/)
  })

  describe.each(PERMISSIONS.map((p) => [p]))('%s', (permission) => {
    const { reporter, allowed } = EXPECTED[permission] ?? { reporter: 'citizen', allowed: [] }
    it.each(Object.keys(WHO) as Who[])('asked by %s, answers exactly as expected', (who) => {
      expect(can(WHO[who], permission, targetFor(reporter))).toBe(allowed.includes(who))
    })
    it.each(Object.keys(WHO) as Who[])('through requireCan for %s, refuses in Chinese with the right code', (who) => {
      const run = () => requireCan(WHO[who] as Account | undefined, permission, targetFor(reporter))
      if (allowed.includes(who)) return expect(run()).toBe(WHO[who])
      const error = (() => {
        try {
          run()
        } catch (e) {
          return e as AppError
        }
      })()
      expect(error).toBeInstanceOf(AppError)
      expect(error!.code).toBe(who === 'anonymous' ? 'unauthenticated' : 'forbidden')
      expect(error!.message).toMatch(/[\u4e00-\u9fff]/)
    })
  })

  it('when a citizen asks about someone else’s ticket, then only the handling side may see it', () => {
    const other = { department: 'culture', district: 'siming', reporterId: 'citizen2' } as const
    expect(can(WHO.citizen, 'complaint.own', other)).toBe(false)
    expect(can(WHO.citizen, 'complaint.view', other)).toBe(false)
    expect(can(WHO.cityStaff, 'complaint.view', other)).toBe(true)
  })

  it('when a supervisor looks outside their district or at another supervisor’s record, then they are refused', () => {
    expect(can(WHO.supervisor, 'observation.submit', { district: 'huli' })).toBe(false)
    expect(can(WHO.supervisor, 'observation.view', { district: 'siming', reporterId: 'supervisor2' })).toBe(false)
    expect(can(WHO.supervisor, 'observation.view', { district: 'huli', reporterId: 'supervisor' })).toBe(false)
    expect(can({ id: 's', role: 'supervisor' }, 'observation.submit')).toBe(false)
  })

  it('when staff have no department on record, then the department-scoped permissions are refused everywhere', () => {
    expect(can({ id: 'x', role: 'staff' }, 'complaint.view', { department: 'culture', district: 'siming' })).toBe(false)
    expect(can({ id: 'x', role: 'staff' }, 'complaint.view')).toBe(false)
  })

  it('when 我的 asks what an account may do, then it lists the permissions it holds somewhere', () => {
    expect(permissionsOf(undefined)).toEqual([])
    expect(permissionsOf(WHO.citizen)).toEqual(['complaint.submit', 'complaint.own'])
    expect(permissionsOf(WHO.admin)).toEqual(PERMISSIONS.filter((p) => p !== 'observation.submit'))
    expect(permissionsOf(WHO.districtStaff)).toContain('complaint.transition')
  })

  // The inbox and lists filter with scopeFilter; it must agree with can() on every target.
  it('when a list is filtered by scopeFilter, then it keeps exactly the targets can() allows', () => {
    const matches = (f: AccessTarget, t: AccessTarget) => (Object.keys(f) as (keyof AccessTarget)[]).every((k) => f[k] === t[k])
    const reporters = ['citizen', 'supervisor', 'someone-else']
    const targets: AccessTarget[] = []
    for (const department of DEPARTMENTS) for (const district of [...DISTRICTS, null]) for (const reporterId of reporters) targets.push({ department, district, reporterId })
    const accounts: AccessAccount[] = [...Object.values(WHO).filter((a): a is NonNullable<typeof a> => !!a), ...ROLES.map((role) => ({ id: 'bare', role }))]
    for (const a of accounts) {
      for (const p of PERMISSIONS) {
        const f = scopeFilter(a, p)
        expect([p, a.id, a.role, f === null]).toEqual([p, a.id, a.role, !can(a, p)])
        for (const t of targets) expect([p, a.id, t, f !== null && matches(f, t)]).toEqual([p, a.id, t, can(a, p, t)])
      }
    }
    expect(scopeFilter(undefined, 'complaint.submit')).toBeNull()
  })
})
