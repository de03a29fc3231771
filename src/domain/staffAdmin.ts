// What the workbench's planning actions take and answer where ./staff (which holds their schemas and items) has no
// name for it: an invitation's answer, the supervisors list, a campaign to save, a figures period, an audit page.
// Cases, statuses and imports are in ./staffRecords.
import type * as v from 'valibot'
import type { AuditItem, CampaignSchema, InvitationItem, InviteSchema, STATS_PERIODS, SupervisorItem } from './staff'

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
