// Volunteer supervisors (supervision.*): redeem an invitation, the district's campaigns and round, field visits and
// what became of them, and turning a visit with failed items into a complaint.
import type { Page } from '@/domain/api'
import type { District } from '@/domain/catalog'
import type { SupervisorKind } from '@/domain/checklist'
import type { ComplaintReceipt } from '@/domain/complaints'
import type { ObservationListItem, ObservationReceipt, ObservationSubmitInput, RoundInput, RoundItem } from '@/domain/observations'
import type { Campaign } from '@/domain/staff'
import { callFunction, type Result } from './transport'

export function bind(code: string): Promise<Result<{ role: 'supervisor'; district: District; kind: SupervisorKind }>> {
  return callFunction('supervision', 'bind', { code })
}

export function campaigns(): Promise<Result<{ items: Campaign[] }>> {
  return callFunction('supervision', 'campaigns', {})
}

/** The round: the district's institutions, nearest first (with `near`) or longest since the last visit first. */
export function institutions(input: RoundInput): Promise<Result<Page<RoundItem>>> {
  return callFunction('supervision', 'institutions', input)
}

/** Idempotent by `requestId`: a retry or a late repeat answers the same observation. */
export function submit(input: ObservationSubmitInput): Promise<Result<ObservationReceipt>> {
  return callFunction('supervision', 'submit', input)
}

export function mine(cursor?: string): Promise<Result<Page<ObservationListItem>>> {
  return callFunction('supervision', 'mine', cursor ? { cursor } : {})
}

/** Idempotent by observation: asked again (with any requestId) it answers the same ticket. */
export function escalate(id: string, requestId: string): Promise<Result<ComplaintReceipt & { observationId: string }>> {
  return callFunction('supervision', 'escalate', { id, requestId })
}
