// Who handles a report: looked up in the routing tables (data), never decided by code branches.
import { CATEGORY_DEPARTMENT, DISTRICT_CENTRE, DISTRICTS, departmentName, type Category, type Department, type District, type InstitutionStatus } from '../../../src/domain/catalog'
import type { ComplaintCategory } from '../../../src/domain/complaints'
import type { ReferenceData } from './referenceData'

export interface Route {
  department: Department
  district: District | null
  departmentName: string
  coHandlers: string[]
}

/** The district whose centre is nearest, for a place given only by a map point. */
export function nearestDistrict(lat: number, lng: number): District {
  let best: District = DISTRICTS[0]
  let bestD = Infinity
  for (const d of DISTRICTS) {
    const c = DISTRICT_CENTRE[d]
    const dist = (c.lat - lat) ** 2 + ((c.lng - lng) * Math.cos((lat * Math.PI) / 180)) ** 2
    if (dist < bestD) [best, bestD] = [d, dist]
  }
  return best
}

/** Pure: the routing tables are passed in (see referenceData.ts). */
export function route(
  tables: Pick<ReferenceData, 'leads' | 'coHandlers'>,
  complaint: ComplaintCategory,
  subject: { status: InstitutionStatus | 'unknown'; category?: Category; district: District | null },
): Route {
  const lead = tables.leads.get(subject.status) ?? 'education'
  const department: Department = lead === 'category' ? (subject.category ? CATEGORY_DEPARTMENT[subject.category] : 'education') : (lead as Department)
  const name = departmentName(department, subject.district ?? undefined)
  return { department, district: subject.district, departmentName: name, coHandlers: (tables.coHandlers.get(complaint) ?? []).filter((c) => !name.endsWith(c)) }
}
