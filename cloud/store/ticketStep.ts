// A step on a ticket written as one statement, on condition that the ticket is still as it was read: the change,
// and the rows that must land with it (timeline event, audit line, notice), or nothing at all.
//
// Why not "lock, check, write, commit": that is six round trips with the ticket's row — and the tab counts' hot rows
// its trigger updates — locked from the first write to the commit. Measured on the workbench (bench §7): a
// transition spent most of its time waiting for its turn on those round trips. Here the service reads the ticket,
// judges the step on what it read, and writes on condition that what it judged on (status, review, department,
// district) is unchanged; when another step came first, nothing is written and the service reads and judges again.
// One statement is one transaction: the rows land together or not at all.
import { sql, type ExpressionBuilder, type Insertable, type Kysely, type SelectQueryBuilder, type Updateable } from 'kysely'
import type { ComplaintRow } from './complaintRepo'
import { preparedQuery, type PreparedStatements } from './preparedStatements'
import type { ComplaintTable, Database } from './schema'

/** A row to write with the change, into any table. */
export type RowInto = { [T in keyof Database]: { into: T; values: Insertable<Database[T]> } }[keyof Database]

export type TicketChange = Omit<Updateable<ComplaintTable>, 'id' | 'updated_at'>

/**
 * Writes `change` (if any) and `rows` if the ticket's status, review flag, department and district are still those of
 * `read`; answers the ticket as written, or undefined when it had moved on (nothing written). `alongside`, a read of
 * one row, runs in the same statement and comes back as `alongside`: it sees the database as the statement began, so
 * not the rows written here (the caller adds what it wrote) — one round trip instead of a read after the write.
 */
export async function writeIfUnchanged<A = never>(
  db: Kysely<Database>,
  read: ComplaintRow,
  change: TicketChange | undefined,
  rows: RowInto[],
  o: { now?: Date; alongside?: SelectQueryBuilder<any, any, A>; prepared?: PreparedStatements } = {},
): Promise<{ ticket: ComplaintRow; alongside?: A } | undefined> {
  const now = o.now ?? new Date()
  const asRead = (eb: ExpressionBuilder<Database, 'complaints'>) =>
    eb.and([
      eb('id', '=', read.id),
      eb('status', '=', read.status),
      eb('reviewed', '=', read.reviewed),
      eb('department', '=', read.department),
      read.district === null ? eb('district', 'is', null) : eb('district', '=', read.district),
    ])
  // A step that changes nothing on the ticket (a note) still takes the row's share lock for its one statement, so a
  // transfer cannot slip between the check and the note.
  const ticket = change
    ? db.updateTable('complaints').set({ ...change, updated_at: now }).where(asRead).returningAll()
    : db.selectFrom('complaints').selectAll().where(asRead).forShare()
  // Each row: INSERT … SELECT <values> WHERE the ticket was written. Parameters take their types from the columns.
  const inserts = rows.map((r, k) => {
    const values = r.values as Record<string, unknown>
    const columns = Object.keys(values)
    return sql`${sql.raw(`w${k}`)} AS (INSERT INTO ${sql.table(r.into)} (${sql.join(columns.map((c) => sql.ref(c)))}) SELECT ${sql.join(columns.map((c) => sql`${values[c]}`))} WHERE EXISTS (SELECT 1 FROM ticket))`
  })
  const select = o.alongside ? sql`SELECT ticket.*, to_json(alongside) AS alongside FROM ticket CROSS JOIN (${o.alongside}) AS alongside` : sql`SELECT * FROM ticket`
  // A handful of shapes (one per kind of step), each planned once per connection when `prepared` is given: the plan
  // (the ticket by id, inserts, the page's reads by key) does not depend on the values.
  const statement = sql<ComplaintRow & { alongside?: A }>`WITH ticket AS (${ticket})${inserts.length ? sql`, ${sql.join(inserts)}` : sql``} ${select}`
  const [first] = await preparedQuery(o.prepared, db, statement.compile(db))
  if (!first) return undefined
  const { alongside, ...ticketRow } = first
  return { ticket: ticketRow as ComplaintRow, ...(o.alongside ? { alongside } : {}) }
}
