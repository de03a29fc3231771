// Who may do what, as data: named permissions granted to roles, each grant limited to a scope. The server asks
// `can()` (through requireCan in cloud/services/access.ts); 我的 reads the same table to say what an account may do.
// Pure: no platform, no storage.
import type { Department, District, Role } from './catalog'

export const PERMISSIONS = [
  // A reporter's own tickets.
  'complaint.submit',
  'complaint.own',
  // The handling side.
  'complaint.view',
  'complaint.transition',
  'complaint.revealContact',
  'case.publish',
  'institution.setStatus',
  'institution.import',
  'supervisor.invite',
  'campaign.edit',
  // Supervisors' field visits.
  'observation.submit',
  'observation.view',
  'observation.escalate',
  'audit.read',
] as const
export type Permission = (typeof PERMISSIONS)[number]

/**
 * How far a grant reaches:
 * - `everywhere`: any target;
 * - `own`: records the account made itself (a reporter's ticket, a supervisor's observation);
 * - `department`: the account's department; city staff (no district) everywhere, district staff only in their district;
 * - `area`: city staff everywhere, district staff only in their district, whatever the department;
 * - `district`: only in the account's district;
 * - `ownInDistrict`: its own records, and only while they lie in its district.
 */
export const SCOPES = ['everywhere', 'own', 'department', 'area', 'district', 'ownInDistrict'] as const
export type Scope = (typeof SCOPES)[number]

/** What an action is about. A permission asked without a target means "anywhere at all" (for menus and list filters). */
export interface AccessTarget {
  department?: Department
  district?: District | null
  /** Who made the record: the reporter of a complaint, the supervisor of an observation. */
  reporterId?: string
}

/** The parts of an account access depends on. */
export interface AccessAccount {
  id: string
  role: Role
  department?: Department
  district?: District
}

/** The table: permission → role → scope. A role without an entry has no grant. */
export const GRANTS: Readonly<Record<Permission, Readonly<Partial<Record<Role, Scope>>>>> = {
  'complaint.submit': { citizen: 'everywhere', supervisor: 'everywhere', staff: 'everywhere', admin: 'everywhere' },
  // Anyone who filed a report follows it: view, add information, withdraw, ask for review, rate.
  'complaint.own': { citizen: 'own', supervisor: 'own', staff: 'own', admin: 'own' },
  'complaint.view': { staff: 'department', admin: 'everywhere' },
  'complaint.transition': { staff: 'department', admin: 'everywhere' },
  'complaint.revealContact': { staff: 'department', admin: 'everywhere' },
  'case.publish': { staff: 'department', admin: 'everywhere' },
  'institution.setStatus': { staff: 'department', admin: 'everywhere' },
  'institution.import': { staff: 'department', admin: 'everywhere' },
  'supervisor.invite': { staff: 'area', admin: 'everywhere' },
  'campaign.edit': { staff: 'area', admin: 'everywhere' },
  'observation.submit': { supervisor: 'district' },
  'observation.view': { supervisor: 'ownInDistrict', staff: 'department', admin: 'everywhere' },
  'observation.escalate': { supervisor: 'ownInDistrict', staff: 'department', admin: 'everywhere' },
  'audit.read': { admin: 'everywhere' },
}

/** Chinese words for each permission: 我的 lists them, and a refusal names them. */
export const PERMISSION_LABEL: Readonly<Record<Permission, string>> = {
  'complaint.submit': '提交举报',
  'complaint.own': '查看和跟进自己的举报',
  'complaint.view': '查看管辖范围内的举报',
  'complaint.transition': '办理举报',
  'complaint.revealContact': '查看实名举报人的联系方式',
  'case.publish': '发布典型案例',
  'institution.setStatus': '变更机构状态',
  'institution.import': '导入白名单',
  'supervisor.invite': '邀请社会监督员',
  'campaign.edit': '编辑专项行动',
  'observation.submit': '提交巡查记录',
  'observation.view': '查看巡查记录',
  'observation.escalate': '将巡查问题转为举报',
  'audit.read': '查看操作日志',
}

function inScope(scope: Scope, a: AccessAccount, t: AccessTarget | undefined): boolean {
  const sameDistrict = () => !!a.district && t!.district === a.district
  // District staff reach their district only; city staff (no district) reach every district.
  const inArea = () => !a.district || t!.district === a.district
  switch (scope) {
    case 'everywhere':
      return true
    case 'own':
      return !t || t.reporterId === a.id
    case 'department':
      if (!a.department) return false
      return !t || (t.department === a.department && inArea())
    case 'area':
      return !t || inArea()
    case 'district':
      if (!a.district) return false
      return !t || sameDistrict()
    case 'ownInDistrict':
      if (!a.district) return false
      return !t || (t.reporterId === a.id && sameDistrict())
  }
}

/** May this account do this, on this target? Anonymous callers may do nothing named here. */
export function can(account: AccessAccount | null | undefined, permission: Permission, target?: AccessTarget): boolean {
  if (!account) return false
  const scope = GRANTS[permission][account.role]
  return scope !== undefined && inScope(scope, account, target)
}

/** Every permission the account holds somewhere (我的 lists these). */
export function permissionsOf(account: AccessAccount | null | undefined): Permission[] {
  return PERMISSIONS.filter((p) => can(account, p))
}

/**
 * The targets a permission reaches for this account, as a filter for a list query: `null` when none, `{}` for
 * everything; otherwise each given key must match (district staff get their department and district).
 */
export function scopeFilter(account: AccessAccount | null | undefined, permission: Permission): AccessTarget | null {
  if (!account) return null
  const scope = GRANTS[permission][account.role]
  if (scope === undefined) return null
  switch (scope) {
    case 'everywhere':
      return {}
    case 'own':
      return { reporterId: account.id }
    case 'department':
      if (!account.department) return null
      return account.district ? { department: account.department, district: account.district } : { department: account.department }
    case 'area':
      return account.district ? { district: account.district } : {}
    case 'district':
      return account.district ? { district: account.district } : null
    case 'ownInDistrict':
      return account.district ? { reporterId: account.id, district: account.district } : null
  }
}
