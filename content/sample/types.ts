// Shapes of the deterministic sample data (content/sample/generate.ts). Sample only: every name,
// code and address is invented, and every notice title ends in （示例）.
import type { Category, District, InstitutionStatus } from '../../src/domain/catalog'

export interface SiteSeed {
  address: string
  district: District
  lat: number
  lng: number
}

/** A published notice or decision (公告、决定、通报): one row of `notices`, shared by everything it names. */
export interface NoticeSeed {
  title: string
  /** The authority that issued it. */
  issuer: string
  /** YYYY-MM-DD */
  date: string
  /** Document number, e.g. 厦思文旅〔2025〕12号 (invented in the sample). */
  docNo?: string
  /** The official page; the sample has none (its notices do not exist). */
  url?: string
}

export interface StatusChangeSeed {
  status: InstitutionStatus
  /** YYYY-MM-DD */
  at: string
  /** The notice or decision that made the change; an application has none. */
  notice?: NoticeSeed
  note?: string
}

export interface BatchSeed {
  no: number
  /** YYYY-MM-DD */
  date: string
  title: string
  notice: NoticeSeed
}

export interface InstitutionSeed {
  name: string
  uscc: string
  licenseNo: string
  category: Category
  district: District
  status: InstitutionStatus
  statusAsOf: string
  /** Approved training scope, e.g. 中国舞、拉丁舞（少儿）. */
  scope: string
  address: string
  lat: number
  lng: number
  phone: string
  escrowBank: string
  escrowAccountName: string
  /** sites[0] is the main address; some institutions have 2–3 sites, all in Xiamen. */
  sites: SiteSeed[]
  /** 1..5 when on the white list (approved, or approved earlier then suspended). */
  batchNo?: number
  /** When blacklisted. */
  blacklistReason?: string
  /** Chronological; the last entry's status === status. */
  history: StatusChangeSeed[]
}

export interface SampleData {
  batches: BatchSeed[]
  institutions: InstitutionSeed[]
}
