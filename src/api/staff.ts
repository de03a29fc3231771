// The department workbench's handling side (staff.inbox / complaint / transition / revealContact / observations). The management
// actions (cases, institutions, supervisors, campaigns, stats, audit) have their own client in staffAdmin.ts.
import type { Page } from '@/domain/api'
import type { StaffObservationItem } from '@/domain/observations'
import type { InboxInput, InboxPage, StaffComplaintView, TransitionInput } from '@/domain/staff'
import { callFunction, type Result } from './transport'

/** One page of the account's inbox; `cursor` from the previous page's nextCursor. */
export function inbox(input: InboxInput = {}): Promise<Result<InboxPage>> {
  return callFunction('staff', 'inbox', input)
}

/** A ticket as the handling staff see it (contact masked, internal notes, the steps this account may take now). */
export function complaint(ticketNo: string): Promise<Result<StaffComplaintView>> {
  return callFunction('staff', 'complaint', { ticketNo })
}

/** One handling step with its own fields; the answer is the ticket as it is afterwards. */
export function transition(input: TransitionInput): Promise<Result<StaffComplaintView>> {
  return callFunction('staff', 'transition', input)
}

/** A named reporter's whole phone number: the server writes an audit line for every call. */
export function revealContact(ticketNo: string): Promise<Result<{ name: string; phone: string }>> {
  return callFunction('staff', 'revealContact', { ticketNo })
}

/** The supervisors' visits in the account's scope (巡查发现): failed ones unless onlyFailed is false. */
export function observations(input: { cursor?: string; onlyFailed?: boolean } = {}): Promise<Result<Page<StaffObservationItem>>> {
  return callFunction('staff', 'observations', input)
}
