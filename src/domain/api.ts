// Shapes of the cloud-function API that the mini-program and the functions share (DESIGN.md "The contract").
import type { Category, Department, District, InstitutionStatus, Role } from './catalog'

export const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media',
  'rate_limited',
  'internal',
  /** A dependency or a configuration this deployment lacks (WeChat login, a key): 503, never a crash. */
  'unavailable',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiError {
  code: ErrorCode
  /** Chinese, for people. */
  message: string
  /** Offending field → Chinese message. */
  fields?: Record<string, string>
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError }

export interface Page<T> {
  items: T[]
  total: number
  /** Search only: true when `total` stopped at the cap (TOTAL_CAP) and more match — shown as "1万+". */
  totalCapped?: boolean
  nextCursor?: string
}

export interface Account {
  id: string
  role: Role
  department?: Department
  district?: District
  /** Display name; demo accounts have one, WeChat accounts get 微信用户. */
  name: string
}

export interface Session {
  token: string
  account: Account
}

export interface DemoInfo {
  demo: boolean
  accounts: { account: string; name: string; role: Role }[]
}

export interface InstitutionSearchInput {
  q?: string
  district?: District
  category?: Category
  status?: InstitutionStatus
  /** With both, results carry distanceM; with sort 'distance' they come nearest first. */
  lat?: number
  lng?: number
  sort?: 'relevance' | 'distance'
  cursor?: string
  limit?: number
}

export interface InstitutionListItem {
  id: string
  name: string
  status: InstitutionStatus
  category: Category
  district: District
  address: string
  distanceM?: number
  /** [start, end) character ranges of `name` that the query matched, for emphasis. */
  highlight?: [number, number][]
}

export interface InstitutionSite {
  address: string
  district: District
  lat: number
  lng: number
}

export interface StatusChange {
  status: InstitutionStatus
  at: string
  /** The notice's title. */
  notice?: string
  /** Opens the notice's own page (content.notice). */
  noticeId?: string
  note?: string
}

export interface Institution {
  id: string
  name: string
  uscc: string
  licenseNo: string
  status: InstitutionStatus
  /** Date (YYYY-MM-DD) the status is known to hold as of. */
  statusAsOf: string
  category: Category
  district: District
  department: Department
  departmentName: string
  scope: string
  address: string
  phone: string
  sites: InstitutionSite[]
  escrow?: { bank: string; accountName: string }
  batch?: { no: number; date: string; notice: string; noticeId?: string }
  blacklist?: { reason: string; date: string; notice: string; noticeId?: string }
  history: StatusChange[]
  cases: { id: string; date: string; title: string }[]
}

export const VERIFY_RESULTS = ['approved', 'pending', 'suspended', 'revoked', 'blacklisted', 'not_found', 'invalid_code'] as const
export type VerifyResult = (typeof VERIFY_RESULTS)[number]

export interface VerifyAnswer {
  result: VerifyResult
  /** What kind of code was read: a USCC or a licence number. */
  codeKind?: 'uscc' | 'license'
  /** For invalid_code: exactly what is wrong, in Chinese. */
  message?: string
  institution?: Institution
}
