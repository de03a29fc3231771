// Writes the notification for a status change in the same transaction as the change itself.
import type { Kysely, Transaction } from 'kysely'
import { COMPLAINT_STATUS_LABEL, type ComplaintStatus } from '../../../src/domain/complaints'
import type { Database } from '../../store/schema'

export async function enqueueStatusNotice(
  trx: Transaction<Database> | Kysely<Database>,
  c: { id: string; account_id: string; ticket_no: string; department_name: string; subscribe: boolean },
  status: ComplaintStatus,
  note: string | null,
): Promise<void> {
  // Only reporters who allowed subscribe messages at submit are written to.
  if (!c.subscribe) return
  await trx
    .insertInto('notification_outbox')
    .values({
      complaint_id: c.id,
      account_id: c.account_id,
      status_after: status,
      payload: JSON.stringify({ ticketNo: c.ticket_no, statusLabel: COMPLAINT_STATUS_LABEL[status], department: c.department_name, ...(note ? { note: note.slice(0, 20) } : {}) }),
    })
    .execute()
}
