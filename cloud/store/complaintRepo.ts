// Complaint tickets and their insert-only timeline: the reads and writes the ticket services share. Row types stay
// here; services map them to domain shapes (view.ts).
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely'
import type { ComplaintStatus } from '../../src/domain/complaints'
import type { ComplaintEventTable, ComplaintTable, Database } from './schema'

export type ComplaintRow = Selectable<ComplaintTable>
export type ComplaintEventRow = Selectable<ComplaintEventTable>

export function findTicket(db: Kysely<Database>, ticketNo: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom('complaints').selectAll().where('ticket_no', '=', ticketNo).executeTakeFirst()
}

/**
 * Locks the ticket for the rest of the transaction and reads it again, so two actions on one ticket cannot both
 * pass a status check made on what they read before.
 */
export function lockTicket(trx: Kysely<Database>, id: string): Promise<ComplaintRow> {
  if (!trx.isTransaction) throw new Error('lockTicket needs a transaction')
  return trx.selectFrom('complaints').selectAll().where('id', '=', id).forUpdate().executeTakeFirstOrThrow()
}

export function updateTicket(trx: Kysely<Database>, id: string, set: Omit<Updateable<ComplaintTable>, 'id' | 'updated_at'>, now = new Date()): Promise<ComplaintRow> {
  return trx
    .updateTable('complaints')
    .set({ ...set, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
}

export interface NewComplaintEvent {
  complaintId: string
  /** The status after the event (unchanged for additions, ratings and notes). */
  status: ComplaintStatus
  note?: string | null
  by: ComplaintEventRow['by_role']
  actorId: string | null
  /** The department's own note; never in the reporter's view. */
  internalNote?: string | null
  at?: Date
}

/** Appends to the timeline; the table refuses updates and deletes. */
/** A timeline event as a row, for appendEvents and for a statement that writes it beside its change (ticketStep.ts). */
export function eventRow(e: NewComplaintEvent): Insertable<ComplaintEventTable> {
  return {
    complaint_id: e.complaintId,
    status: e.status,
    note: e.note ?? null,
    by_role: e.by,
    actor_account_id: e.actorId,
    internal_note: e.internalNote ?? null,
    ...(e.at ? { at: e.at } : {}),
  }
}

export async function appendEvents(db: Kysely<Database>, events: readonly NewComplaintEvent[]): Promise<void> {
  if (!events.length) return
  await db.insertInto('complaint_events').values(events.map(eventRow)).execute()
}

export const appendEvent = (db: Kysely<Database>, event: NewComplaintEvent) => appendEvents(db, [event])

export function ticketEvents(db: Kysely<Database>, complaintId: string): Promise<ComplaintEventRow[]> {
  return db.selectFrom('complaint_events').selectAll().where('complaint_id', '=', complaintId).orderBy('id').execute()
}

/** The timeline with the name of each acting account, for the handling staff. */
export function ticketEventsWithActors(db: Kysely<Database>, complaintId: string) {
  return db
    .selectFrom('complaint_events as e')
    .leftJoin('accounts as a', 'a.id', 'e.actor_account_id')
    .selectAll('e')
    .select('a.name as actor_name')
    .where('e.complaint_id', '=', complaintId)
    .orderBy('e.id')
    .execute()
}

export function ticketEvidence(db: Kysely<Database>, complaintId: string) {
  return db
    .selectFrom('complaint_evidence as e')
    .innerJoin('files as f', 'f.id', 'e.file_id')
    .select(['e.file_id', 'f.sha256', 'f.mime', 'f.size', 'f.store_ref'])
    .where('e.complaint_id', '=', complaintId)
    .orderBy('e.added_at')
    .orderBy('e.file_id')
    .execute()
}

/** Other reports of the same category about the same institution within `windowDays` either side of this one. */
export function similarTickets(db: Kysely<Database>, row: Pick<ComplaintRow, 'id' | 'institution_id' | 'category' | 'created_at'>, windowDays: number) {
  const at = new Date(row.created_at).getTime()
  return db
    .selectFrom('complaints')
    .select(['ticket_no', 'status', 'created_at'])
    .where('institution_id', '=', row.institution_id)
    .where('category', '=', row.category)
    .where('id', '<>', row.id)
    .where('created_at', '>=', new Date(at - windowDays * 86_400_000))
    .where('created_at', '<=', new Date(at + windowDays * 86_400_000))
    .orderBy('created_at')
    .limit(50)
    .execute()
}

/** One page of a reporter's tickets, newest first, with the institution's name, and how many there are. */
export async function reporterTickets(db: Kysely<Database>, accountId: string, page: { offset: number; limit: number }) {
  const base = db.selectFrom('complaints').where('account_id', '=', accountId)
  const [rows, count] = await Promise.all([
    base
      .leftJoin('institutions as i', 'i.id', 'complaints.institution_id')
      .selectAll('complaints')
      .select('i.name as institution_name')
      .orderBy('complaints.created_at', 'desc')
      .orderBy('complaints.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(count.n) }
}
