// Data minimisation: once a ticket has been closed (resolved, rejected or withdrawn) for longer than the retention
// period, the reporter's sealed name and phone number are removed. The ticket and its timeline stay.
import { sql, type Kysely } from 'kysely'
import { CLOSED_STATUSES } from '../../../src/domain/complaints'
import type { Database } from '../../store/schema'
import { appendEvents } from '../../store/complaintRepo'
import { inTransaction } from '../../store/transaction'

export async function purgeClosedContacts(db: Kysely<Database>, retentionDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000)
  return inTransaction(db, async (trx) => {
    const due = await trx
      .selectFrom('complaints as c')
      .select(['c.id', 'c.status'])
      .where('c.status', 'in', [...CLOSED_STATUSES])
      .where('c.contact_name_enc', 'is not', null)
      // Closed since: the first event of the last run in its current status — the closing itself. Later entries
      // in that status (a rating, a note from the system) do not restart the retention clock.
      .where(
        sql<Date>`(SELECT min(e.at) FROM complaint_events e WHERE e.complaint_id = c.id AND e.status = c.status
          AND e.at > coalesce((SELECT max(p.at) FROM complaint_events p WHERE p.complaint_id = c.id AND p.status <> c.status), '-infinity'::timestamptz))`,
        '<',
        cutoff,
      )
      .forUpdate()
      .execute()
    if (!due.length) return 0
    await trx
      .updateTable('complaints')
      .set({ contact_name_enc: null, contact_phone_enc: null, contact_purged_at: now, updated_at: now })
      .where('id', 'in', due.map((d) => d.id))
      .execute()
    await appendEvents(trx, due.map((d) => ({ complaintId: d.id, status: d.status, note: '已按保存期限删除举报人联系方式', by: 'system', actorId: null, at: now })))
    return due.length
  })
}
