// Writes the notification for a status change in the same transaction as the change itself.
import type { Insertable, Kysely, Transaction } from 'kysely'
import { COMPLAINT_STATUS_LABEL, type ComplaintStatus } from '../../../src/domain/complaints'
import type { Database, NotificationOutboxTable } from '../../store/schema'

type NoticeSubject = { id: string; account_id: string; ticket_no: string; department_name: string; subscribe: boolean }

/** The notice for a status change as an outbox row; none when the reporter did not allow subscribe messages. */
export function statusNoticeRow(c: NoticeSubject, status: ComplaintStatus, note: string | null): Insertable<NotificationOutboxTable> | undefined {
  if (!c.subscribe) return undefined
  return {
    complaint_id: c.id,
    account_id: c.account_id,
    status_after: status,
    payload: JSON.stringify({ ticketNo: c.ticket_no, statusLabel: COMPLAINT_STATUS_LABEL[status], department: c.department_name, ...(note ? { note: note.slice(0, 20) } : {}) }),
  }
}

export async function enqueueStatusNotice(trx: Transaction<Database> | Kysely<Database>, c: NoticeSubject, status: ComplaintStatus, note: string | null): Promise<void> {
  // Only reporters who allowed subscribe messages at submit are written to.
  const row = statusNoticeRow(c, status, note)
  if (row) await trx.insertInto('notification_outbox').values(row).execute()
}
