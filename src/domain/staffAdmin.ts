// What the workbench's management actions take and answer (the staff API contract): publishing a case, changing an
// institution's status, importing a white list, inviting supervisors, campaigns, handling figures and the audit log.
// Types only; the server's schemas check the inputs. Inbox and ticket handling live in ./staff.
import type { Category, Department, District, InstitutionStatus, Role } from './catalog'
import type { ChecklistItem, SupervisorKind } from './checklist'
import type { ViolationCase, ViolationType } from './content'
import type { Institution } from './api'

/** The published notice (公告、决定、通报) a case, a status change or an import rests on. */
export interface NoticeInput {
  title: string
  issuer?: string
  /** YYYY-MM-DD */
  date: string
  docNo?: string
  /** http(s) only */
  url?: string
}

export interface PublishCaseInput {
  /** From a complaint (XM…): links the case to it privately; nothing public ever shows the link. */
  ticketNo?: string
  date: string
  entityName: string
  institutionId?: string
  district: District
  category?: Category
  type: ViolationType
  facts: string
  outcome: string
  notice: NoticeInput
  /** Admin only (and required for admin): staff always publish as their own department. */
  department?: Department
  /** True: answer what the public would see, save nothing. */
  preview?: boolean
}

export type PublishCaseAnswer = { preview: true; case: ViolationCase } | { id: string; case: ViolationCase }

export interface SetInstitutionStatusInput {
  institutionId: string
  status: InstitutionStatus
  reason: string
  notice: NoticeInput
}

export interface SetInstitutionStatusAnswer {
  institution: Institution
}

export interface ImportInput {
  fileName: string
  /** base64, at most IMPORT_MAX_BYTES decoded */
  content: string
  batch?: number
  notice: NoticeInput
  confirm?: boolean
}

/** The server refuses a larger file (decoded). */
export const IMPORT_MAX_BYTES = 180 * 1024

export const IMPORT_CHANGES = ['new', 'update', 'status', 'same'] as const
export type ImportChange = (typeof IMPORT_CHANGES)[number]

export interface ImportRow {
  row: number
  name: string
  uscc: string
  change: ImportChange
  from?: InstitutionStatus
  to: InstitutionStatus
}

export interface ImportSummary {
  created: number
  updated: number
  statusChanged: number
  unchanged: number
}

export type ImportAnswer = { confirmed: false; rows: ImportRow[]; summary: ImportSummary } | { confirmed: true; summary: ImportSummary }

export interface InviteInput {
  district: District
  kind: SupervisorKind
  /** 1..90 */
  days?: number
}

export interface InviteAnswer {
  code: string
  expiresAt: string
}

export interface SupervisorItem {
  id: string
  name: string
  district: District
  kind: SupervisorKind
  visits: number
  lastVisitAt?: string
}

export interface InvitationItem {
  code: string
  district: District
  kind: SupervisorKind
  expiresAt: string
  usedAt?: string
}

export interface SupervisorsAnswer {
  items: SupervisorItem[]
  invitations: InvitationItem[]
}

export interface Campaign {
  id: string
  name: string
  startsOn: string
  endsOn: string
  districts: District[]
  focus: ChecklistItem[]
  updatedAt: string
}

export type SaveCampaignInput = Omit<Campaign, 'id' | 'updatedAt'> & { id?: string }

export const STATS_PERIODS = [30, 90, 365] as const
export type StatsPeriod = (typeof STATS_PERIODS)[number]

export interface StatsFigures {
  received: number
  acceptedOnTime: number
  repliedOnTime: number
  replied: number
  overdue: number
  medianReplyDays: number | null
}

export interface StatsRow extends StatsFigures {
  department: Department
  district: District | null
}

export interface StaffStats {
  days: StatsPeriod
  from: string
  to: string
  rows: StatsRow[]
  total: StatsFigures
}

export interface AuditEntry {
  id: string
  at: string
  actorName: string
  actorRole: Role
  action: string
  targetType: string
  targetId?: string
  detail: unknown
}

export interface AuditPage {
  items: AuditEntry[]
  total: number
  nextCursor?: string
}
