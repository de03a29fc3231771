// Complaint tickets and their insert-only timeline: the reads and writes the ticket services share. Row types stay
// here; services map them to domain shapes (view.ts).
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely'
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'
import type { ComplaintStatus } from '../../src/domain/complaints'
import { preparedQuery, type PreparedStatements } from './preparedStatements'
import type { ComplaintEventTable, ComplaintTable, Database } from './schema'

export type ComplaintRow = Selectable<ComplaintTable>
export type ComplaintEventRow = Selectable<ComplaintEventTable>

/** `prepared` only outside a transaction (those connections do not see its writes). */
export async function findTicket(db: Kysely<Database>, ticketNo: string, prepared?: PreparedStatements): Promise<ComplaintRow | undefined> {
  const [row] = await preparedQuery(prepared, db, db.selectFrom('complaints').selectAll().where('ticket_no', '=', ticketNo).compile())
  return row
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

/** A timeline event with the name of the acting account (the workbench shows which colleague acted). */
export type TicketEvent = ComplaintEventRow & { actor_name: string | null }
export interface TicketEvidence {
  file_id: string
  sha256: string
  mime: string
  size: number
  store_ref: string | null
}
export interface SimilarTicket {
  ticket_no: string
  status: ComplaintStatus
  created_at: Date
}
/** Everything a ticket's page shows besides the ticket's own row. */
export interface TicketRelated {
  events: TicketEvent[]
  evidence: TicketEvidence[]
  institution?: { id: string; name: string }
  /** Only when asked for (handling staff): the same category about the same institution within the window. */
  similar?: SimilarTicket[]
}

type RelatedOf = Pick<ComplaintRow, 'id' | 'institution_id' | 'category' | 'created_at'>

/**
 * A ticket's timeline (with actors' names), evidence, institution and similar reports as one read: four reads were
 * four round trips, each on a connection of its own (bench §7: a page is read after every staff step). The parts
 * come back as JSON (relatedFromJson types them again). A staff step reads it inside its own write
 * (ticketStep.ts); `similarWindowDays` only for handling staff.
 */
export function relatedQuery(db: Kysely<Database>, row: RelatedOf, similarWindowDays?: number) {
  const at = new Date(row.created_at).getTime()
  return db.selectNoFrom((eb) => [
    jsonArrayFrom(
      eb
        .selectFrom('complaint_events as e')
        .leftJoin('accounts as a', 'a.id', 'e.actor_account_id')
        .selectAll('e')
        .select('a.name as actor_name')
        .where('e.complaint_id', '=', row.id)
        .orderBy('e.id'),
    ).as('events'),
    jsonArrayFrom(
      eb
        .selectFrom('complaint_evidence as v')
        .innerJoin('files as f', 'f.id', 'v.file_id')
        .select(['v.file_id', 'f.sha256', 'f.mime', 'f.size', 'f.store_ref'])
        .where('v.complaint_id', '=', row.id)
        .orderBy('v.added_at')
        .orderBy('v.file_id'),
    ).as('evidence'),
    row.institution_id
      ? jsonObjectFrom(eb.selectFrom('institutions').select(['id', 'name']).where('id', '=', row.institution_id)).as('institution')
      : sql<{ id: string; name: string } | null>`null`.as('institution'),
    similarWindowDays !== undefined && row.institution_id
      ? jsonArrayFrom(
          eb
            .selectFrom('complaints as s')
            .select(['s.ticket_no', 's.status', 's.created_at'])
            .where('s.institution_id', '=', row.institution_id)
            .where('s.category', '=', row.category)
            .where('s.id', '<>', row.id)
            .where('s.created_at', '>=', new Date(at - similarWindowDays * 86_400_000))
            .where('s.created_at', '<=', new Date(at + similarWindowDays * 86_400_000))
            .orderBy('s.created_at')
            .limit(50),
        ).as('similar')
      : sql<{ ticket_no: string; status: ComplaintStatus; created_at: Date }[] | null>`null`.as('similar'),
  ])
}

export type RelatedJson = ReturnType<typeof relatedQuery> extends { execute(): Promise<(infer R)[]> } ? R : never

/** JSON carries timestamps as text and bigints as numbers: back to the row types the services expect. */
export function relatedFromJson(r: RelatedJson): TicketRelated {
  const related: TicketRelated = {
    events: (r.events as unknown as (TicketEvent & { at: string; id: string | number })[]).map((e) => ({ ...e, id: String(e.id), at: new Date(e.at) })),
    evidence: r.evidence.map((e) => ({ ...e, size: Number(e.size) })),
  }
  if (r.institution) related.institution = { id: String(r.institution.id), name: r.institution.name }
  if (r.similar) related.similar = (r.similar as unknown as (SimilarTicket & { created_at: string })[]).map((s) => ({ ...s, created_at: new Date(s.created_at) }))
  return related
}

/** The ticket's related rows as one read; through `prepared` only outside a transaction (it does not see its writes). */
export async function ticketRelated(db: Kysely<Database>, row: RelatedOf, o: { similarWindowDays?: number; prepared?: PreparedStatements }): Promise<TicketRelated> {
  const [r] = await preparedQuery(o.prepared, db, relatedQuery(db, row, o.similarWindowDays).compile())
  return relatedFromJson(r)
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
