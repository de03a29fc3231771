// What the workbench's management actions take and answer (the staff API contract): publishing a case, changing an
// institution's status, importing a white list, inviting supervisors, campaigns, handling figures and the audit log.
// The answers not already in ./staff (which holds the inbox, handling, supervisors, campaigns, figures and audit).
import type * as v from 'valibot'
import type { Category, Department, District, InstitutionStatus } from './catalog'
import type { ViolationCase, ViolationType } from './content'
import type { Institution } from './api'
import type { AuditItem, CampaignSchema, InvitationItem, InviteSchema, STATS_PERIODS, SupervisorItem } from './staff'

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

export type InviteInput = v.InferOutput<typeof InviteSchema>

export interface InviteAnswer {
  code: string
  expiresAt: string
}

export interface SupervisorsAnswer {
  items: SupervisorItem[]
  invitations: InvitationItem[]
}

export type SaveCampaignInput = v.InferOutput<typeof CampaignSchema>

export type StatsPeriod = (typeof STATS_PERIODS)[number]

export interface AuditPage {
  items: AuditItem[]
  total: number
  nextCursor?: string
}
