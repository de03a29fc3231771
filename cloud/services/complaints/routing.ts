// Who handles a report: looked up in the routing tables (data), never decided by code branches.
import type { Kysely } from 'kysely'
import { CATEGORY_DEPARTMENT, DISTRICT_CENTRE, DISTRICTS, departmentName, type Category, type Department, type District, type InstitutionStatus } from '../../../src/domain/catalog'
import type { ComplaintCategory } from '../../../src/domain/complaints'
import type { Database } from '../../store/schema'

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

export async function route(
  db: Kysely<Database>,
  complaint: ComplaintCategory,
  subject: { status: InstitutionStatus | 'unknown'; category?: Category; district: District | null },
): Promise<Route> {
  const [lead, co] = await Promise.all([
    db.selectFrom('routing_leads').select('lead').where('subject', '=', subject.status).executeTakeFirstOrThrow(),
    db.selectFrom('routing_co_handlers').select('co_handlers').where('category', '=', complaint).executeTakeFirst(),
  ])
  const department: Department = lead.lead === 'category' && subject.category ? CATEGORY_DEPARTMENT[subject.category] : lead.lead === 'category' ? 'education' : (lead.lead as Department)
  const name = departmentName(department, subject.district ?? undefined)
  return { department, district: subject.district, departmentName: name, coHandlers: (co?.co_handlers ?? []).filter((c) => !name.endsWith(c)) }
}
