// Closed sets of the domain (DOMAIN.md). Every list here is also a SQL CHECK in the migrations,
// so adding a value means a migration too.

export const INSTITUTION_STATUSES = ['approved', 'pending', 'suspended', 'revoked', 'blacklisted'] as const
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number]

/** Where each standing lists in search results, white list first (DOMAIN.md): lists order by this rank, then by
 *  the shorter name, the name and the id. Both search paths (in-memory index and SQL) read it from here. */
export const STATUS_RANK: Readonly<Record<InstitutionStatus, number>> = {
  approved: 0,
  pending: 1,
  suspended: 2,
  revoked: 3,
  blacklisted: 4,
}

export const CATEGORIES = ['arts', 'sports', 'science'] as const
export type Category = (typeof CATEGORIES)[number]

export const DISTRICTS = ['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan'] as const
export type District = (typeof DISTRICTS)[number]

export const DEPARTMENTS = ['culture', 'sports', 'science', 'education'] as const
export type Department = (typeof DEPARTMENTS)[number]

export const ROLES = ['citizen', 'supervisor', 'staff', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const STATUS_LABEL: Record<InstitutionStatus, string> = {
  approved: '白名单 · 已审批',
  pending: '审批中',
  suspended: '停业整改',
  revoked: '已注销',
  blacklisted: '黑名单',
}

/** Short badge words for lists. */
export const STATUS_BADGE: Record<InstitutionStatus, string> = {
  approved: '白名单',
  pending: '审批中',
  suspended: '停业整改',
  revoked: '已注销',
  blacklisted: '黑名单',
}

export const CATEGORY_LABEL: Record<Category, string> = {
  arts: '文化艺术',
  sports: '体育',
  science: '科技',
}

export const DISTRICT_LABEL: Record<District, string> = {
  siming: '思明区',
  huli: '湖里区',
  jimei: '集美区',
  haicang: '海沧区',
  tongan: '同安区',
  xiangan: '翔安区',
}

/**
 * The district a written address names: "思明区…" or "厦门市湖里区…", else a bare district name ("集美大道…") when only
 * one appears. Null when none or several do — routing then falls back to the map point or the city level.
 */
export function districtInAddress(address: string): District | null {
  const pick = (found: District[]) => (found.length === 1 ? found[0] : null)
  const full = DISTRICTS.filter((d) => address.includes(DISTRICT_LABEL[d]))
  if (full.length) return pick(full)
  return pick(DISTRICTS.filter((d) => address.includes(DISTRICT_LABEL[d].slice(0, -1))))
}

/** Approximate district centres (lat, lng), used for sample data and as a map fallback. */
export const DISTRICT_CENTRE: Record<District, { lat: number; lng: number }> = {
  siming: { lat: 24.445, lng: 118.082 },
  huli: { lat: 24.512, lng: 118.146 },
  jimei: { lat: 24.575, lng: 118.097 },
  haicang: { lat: 24.484, lng: 117.989 },
  tongan: { lat: 24.723, lng: 118.152 },
  xiangan: { lat: 24.618, lng: 118.247 },
}

export const DEPARTMENT_LABEL: Record<Department, string> = {
  culture: '文化和旅游局',
  sports: '体育局',
  science: '科学技术局',
  education: '教育局',
}

/** 谁审批、谁监管: the department that approves and supervises each training category. */
export const CATEGORY_DEPARTMENT: Record<Category, Department> = {
  arts: 'culture',
  sports: 'sports',
  science: 'science',
}

/** Full name of a district-level department, e.g. 厦门市思明区文化和旅游局. */
export function departmentName(department: Department, district?: District): string {
  return district ? `厦门市${DISTRICT_LABEL[district]}${DEPARTMENT_LABEL[department]}` : `厦门市${DEPARTMENT_LABEL[department]}`
}

export const ROLE_LABEL: Record<Role, string> = {
  citizen: '市民',
  supervisor: '社会监督员',
  staff: '部门工作人员',
  admin: '管理员',
}
