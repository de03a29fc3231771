// Which status changes an institution's record may go through. Pure: returns the verdict, saves nothing.
import { INSTITUTION_STATUSES, STATUS_BADGE, type InstitutionStatus } from './catalog'
import { change, defineMachine, type ChangeVerdict } from './statusMachine'

export type InstitutionAction = 'approve' | 'suspend' | 'revoke' | 'blacklist' | 'reapply'

/** Every change is made by the approving department's staff (institution.setStatus) or a published list it imports. */
export const INSTITUTION_MACHINE = defineMachine<InstitutionStatus, InstitutionAction, never>({
  noun: '机构',
  statuses: INSTITUTION_STATUSES,
  label: STATUS_BADGE,
  actions: {
    // An application is approved; a suspended one that rectified goes back on the white list.
    approve: { from: { pending: 'approved', suspended: 'approved' }, permission: 'institution.setStatus', words: '审批通过' },
    suspend: { from: { approved: 'suspended' }, permission: 'institution.setStatus', words: '责令停业整改' },
    // An application refused is recorded as revoked.
    revoke: { from: { pending: 'revoked', approved: 'revoked', suspended: 'revoked' }, permission: 'institution.setStatus', words: '注销' },
    blacklist: { from: { pending: 'blacklisted', approved: 'blacklisted', suspended: 'blacklisted', revoked: 'blacklisted' }, permission: 'institution.setStatus', words: '列入黑名单' },
    // A closed or blacklisted operator may apply anew; nobody goes straight back to the white list.
    reapply: { from: { revoked: 'pending', blacklisted: 'pending' }, permission: 'institution.setStatus', words: '重新申请' },
  },
  // Which statuses a parent may pay under is the one rule in ./verdict (paymentAdvice), not a group here.
  groups: {},
})

export type StatusChangeVerdict = ChangeVerdict

export function checkStatusChange(from: InstitutionStatus, to: InstitutionStatus): StatusChangeVerdict {
  return change(INSTITUTION_MACHINE, from, to)
}

// Whether a status may be paid, and what to tell a parent otherwise, lives in ./verdict (paymentAdvice).
