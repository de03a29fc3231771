// The workbench's management actions (staff.*): cases, institution statuses, white-list imports, supervisors,
// campaigns, handling figures and the audit log. Inbox and ticket handling are in ./staff.
import type { Campaign, StaffStats } from '@/domain/staff'
import type { AuditPage, InviteAnswer, InviteInput, SaveCampaignInput, StatsPeriod, SupervisorsAnswer } from '@/domain/staffAdmin'
import type {
  ImportInstitutionsAnswer,
  ImportInstitutionsInput,
  PublishCaseAnswer,
  PublishCaseInput,
  SetInstitutionStatusAnswer,
  SetInstitutionStatusInput,
} from '@/domain/staffRecords'
import type { District } from '@/domain/catalog'
import { callFunction, type Result } from './transport'

/** `preview: true` answers what the public would see and saves nothing; otherwise the case is published. */
export function publishCase(input: PublishCaseInput): Promise<Result<PublishCaseAnswer>> {
  return callFunction('staff', 'publishCase', input)
}

export function setInstitutionStatus(input: SetInstitutionStatusInput): Promise<Result<SetInstitutionStatusAnswer>> {
  return callFunction('staff', 'setInstitutionStatus', input)
}

/** Without `confirm`, the row-by-row preview of what would change; with it, the change. */
export function importInstitutions(input: ImportInstitutionsInput): Promise<Result<ImportInstitutionsAnswer>> {
  return callFunction('staff', 'importInstitutions', input)
}

export function invite(input: InviteInput): Promise<Result<InviteAnswer>> {
  return callFunction('staff', 'invite', input)
}

export function supervisors(district?: District): Promise<Result<SupervisorsAnswer>> {
  return callFunction('staff', 'supervisors', district ? { district } : {})
}

export function campaigns(): Promise<Result<{ items: Campaign[] }>> {
  return callFunction('staff', 'campaigns', {})
}

export function saveCampaign(input: SaveCampaignInput): Promise<Result<Campaign>> {
  return callFunction('staff', 'saveCampaign', input)
}

export function stats(days: StatsPeriod): Promise<Result<StaffStats>> {
  return callFunction('staff', 'stats', { days })
}

export function audit(cursor?: string): Promise<Result<AuditPage>> {
  return callFunction('staff', 'audit', cursor ? { cursor } : {})
}
