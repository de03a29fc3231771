// The audit log: every staff action, insert-only (a trigger refuses UPDATE and DELETE). Written in the same
// transaction as the change it records, so a change without its line (or a line without its change) cannot exist.
import type { Insertable, Kysely } from 'kysely'
import type { Account } from '../../src/domain/api'
import type { AuditLogTable, Database } from './schema'

export interface AuditEntry {
  /** `staff.transition`, `staff.revealContact` … : function and action. */
  action: string
  /** What it was done to: complaint, case, institution, invitation, campaign. */
  targetType: string
  targetId?: string | null
  /** What changed, in a few fields (never a reporter's contact). */
  detail?: Record<string, unknown>
}

/** An audit line as a row, for recordAudit and for a statement that writes it beside its change (ticketStep.ts). */
export function auditRow(actor: Account, entry: AuditEntry): Insertable<AuditLogTable> {
  return {
    actor_account_id: actor.id,
    actor_role: actor.role,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId ?? null,
    detail: JSON.stringify(entry.detail ?? {}),
  }
}

export async function recordAudit(db: Kysely<Database>, actor: Account, entry: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(actor, entry)).execute()
}
