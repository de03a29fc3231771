// Public shapes of an institution, built field by field from rows (a whitelist: a new column never leaks by itself).
import { departmentName, CATEGORY_DEPARTMENT } from '../../src/domain/catalog'
import type { Institution, InstitutionListItem } from '../../src/domain/api'
import { VIOLATION_LABEL, type ViolationType } from '../../src/domain/content'
import type { Selectable } from 'kysely'
import type { BatchTable, InstitutionSiteTable, InstitutionStatusHistoryTable } from '../store/schema'
import type { InstitutionRow, SearchHit } from '../store/institutionRepo'

export function searchHitToListItem(hit: SearchHit, highlight: [number, number][]): InstitutionListItem {
  const item: InstitutionListItem = {
    id: hit.id,
    name: hit.name,
    status: hit.status,
    category: hit.category,
    district: hit.district,
    address: hit.address,
  }
  if (hit.distance_m !== null && hit.distance_m !== undefined) item.distanceM = Number(hit.distance_m)
  if (highlight.length) item.highlight = highlight
  return item
}

export function institutionRowToInstitution(
  row: InstitutionRow,
  related: {
    sites: Selectable<InstitutionSiteTable>[]
    history: Selectable<InstitutionStatusHistoryTable>[]
    batch?: Selectable<BatchTable>
    cases: { id: string; date: string; type: ViolationType }[]
  },
): Institution {
  const department = CATEGORY_DEPARTMENT[row.category]
  const out: Institution = {
    id: row.id,
    name: row.name,
    uscc: row.uscc,
    licenseNo: row.license_no,
    status: row.status,
    statusAsOf: row.status_as_of,
    category: row.category,
    district: row.district,
    department,
    departmentName: departmentName(department, row.district),
    scope: row.scope,
    address: row.address,
    phone: row.phone,
    sites: related.sites.map((s) => ({ address: s.address, district: s.district, lat: s.lat, lng: s.lng })),
    history: related.history.map((h) => ({
      status: h.status,
      at: h.at,
      ...(h.notice ? { notice: h.notice } : {}),
      ...(h.notice && h.notice_id ? { noticeId: h.notice_id } : {}),
      ...(h.note ? { note: h.note } : {}),
    })),
    cases: related.cases.map((c) => ({ id: c.id, date: c.date, title: VIOLATION_LABEL[c.type] })),
  }
  if (row.escrow_bank && row.escrow_account_name) out.escrow = { bank: row.escrow_bank, accountName: row.escrow_account_name }
  if (related.batch) {
    const b = related.batch
    out.batch = { no: b.no, date: b.date, notice: b.notice, ...(b.notice_id ? { noticeId: b.notice_id } : {}) }
  }
  if (row.status === 'blacklisted' && row.blacklist_reason) {
    out.blacklist = {
      reason: row.blacklist_reason,
      date: row.blacklist_date ?? row.status_as_of,
      notice: row.blacklist_notice ?? '',
      ...(row.blacklist_notice_id ? { noticeId: row.blacklist_notice_id } : {}),
    }
  }
  return out
}
