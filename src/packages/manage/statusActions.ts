// The status changes the machine allows from where an institution stands, in the words the desk offers them. Pure.
import type { InstitutionStatus } from '../../domain/catalog'
import { INSTITUTION_MACHINE, type InstitutionAction } from '../../domain/institutionStatus'
import { actionsFrom } from '../../domain/statusMachine'

export interface StatusOption {
  action: InstitutionAction
  to: InstitutionStatus
  label: string
}

/** "approve" out of 停业整改 is a restoration after rectification, not a first approval. */
function words(action: InstitutionAction, from: InstitutionStatus): string {
  if (action === 'approve' && from === 'suspended') return '整改完成，恢复白名单'
  return INSTITUTION_MACHINE.actions[action].words
}

export function statusOptions(from: InstitutionStatus): StatusOption[] {
  return actionsFrom(INSTITUTION_MACHINE, from).map((action) => ({
    action,
    to: INSTITUTION_MACHINE.actions[action].from[from]!,
    label: words(action, from),
  }))
}
