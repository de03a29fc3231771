// The status changes the machine allows from where an institution stands, in the words the desk offers them. Pure.
import type { InstitutionStatus } from '../../domain/catalog'
import { INSTITUTION_MACHINE, type InstitutionAction } from '../../domain/institutionStatus'
import { actionsFrom } from '../../domain/statusMachine'

export interface StatusOption {
  action: InstitutionAction
  to: InstitutionStatus
  label: string
}

/**
 * The machine's verb, where it already says where the record goes (责令停业整改, 注销, 列入黑名单); otherwise the
 * destination too: "approve" out of 停业整改 is a restoration, not a first approval, and a new application waits.
 */
function words(action: InstitutionAction, from: InstitutionStatus): string {
  if (action === 'approve') return from === 'suspended' ? '整改完成，恢复白名单' : '审批通过，列入白名单'
  if (action === 'reapply') return '重新申请（改为审批中）'
  return INSTITUTION_MACHINE.actions[action].words
}

export function statusOptions(from: InstitutionStatus): StatusOption[] {
  return actionsFrom(INSTITUTION_MACHINE, from).map((action) => ({
    action,
    to: INSTITUTION_MACHINE.actions[action].from[from]!,
    label: words(action, from),
  }))
}
