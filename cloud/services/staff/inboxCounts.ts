// The inbox's numbers: tickets per status for the tabs (the open ones always, and the chosen status) and the overdue
// count, for the scope and filters in force. All exact and cheap whatever the years of history:
// - scope, district, category (and the overdue filter): the per-status counts come from complaint_counts, kept by a
//   trigger (a few rows); "overdue" is open minus not yet due, and the tickets not yet due are the last few weeks'
//   intake, counted from the open tickets' index;
// - a search by name: one pass over the matching open tickets, grouped by status, listed institutions and places
//   not on the list each from their own index (it grows with the backlog, not with the history).
// Only a closed tab under a search and a bare ticket-number prefix ("XM2026", a whole year) are counted live, and stop
// at COUNT_CAP ("1000+").
import { sql, type Kysely } from 'kysely'
import { OPEN_STATUSES, type ComplaintStatus } from '../../../src/domain/complaints'
import type { InboxInput } from '../../../src/domain/staff'
import type { Database } from '../../store/schema'
import { filtered, TICKET_LIKE, type Q } from './inboxFilters'

/** Live counts stop here. */
export const COUNT_CAP = 1000

type Scope = { department?: string; district?: string | null }
type Row = { status: ComplaintStatus; n: number; overdue: number }

export interface TabCounts {
  counts: Partial<Record<ComplaintStatus, number>>
  countsCapped: ComplaintStatus[]
  overdue: number
  overdueCapped: boolean
}

const isOpen = (st: ComplaintStatus) => OPEN_STATUSES.includes(st)

export async function tabCounts(db: Kysely<Database>, scope: Scope, i: InboxInput, today: string): Promise<TabCounts> {
  const closedChosen = i.status && !isOpen(i.status) ? i.status : undefined
  if (!i.q) return fromKept(db, scope, i, today)
  const byTicket = TICKET_LIKE.test(i.q.trim())
  const base = filtered(db, scope, i, today)
  const [open, closed] = await Promise.all([
    byTicket ? cappedOpen(db, base, today) : searchedOpen(db, scope, i, today),
    closedChosen ? cappedCount(db, base.where('complaints.status', '=', closedChosen)) : undefined,
  ])
  const counts: TabCounts['counts'] = {}
  const countsCapped: ComplaintStatus[] = []
  for (const r of open.rows) {
    if (r.n > 0) counts[r.status] = r.n
    if (open.capped && r.n > 0) countsCapped.push(r.status)
  }
  if (closedChosen && closed !== undefined) {
    if (closed > COUNT_CAP) countsCapped.push(closedChosen)
    if (closed > 0) counts[closedChosen] = Math.min(closed, COUNT_CAP)
  }
  const overdue = open.rows.reduce((sum, r) => sum + r.overdue, 0)
  return { counts, countsCapped, overdue, overdueCapped: open.capped && overdue > 0 }
}

/** Without a search: kept counts, less the tickets not yet due where only the overdue ones are wanted. */
async function fromKept(db: Kysely<Database>, scope: Scope, i: InboxInput, today: string): Promise<TabCounts> {
  const statuses = [...new Set([...OPEN_STATUSES, ...(i.status ? [i.status] : [])])]
  const unfiltered = filtered(db, scope, { ...i, overdue: undefined }, today)
  // One statement, so one round trip and one snapshot: the kept counts, then the open tickets not yet due.
  const notYetDue = unfiltered
    .where('complaints.is_open', '=', true)
    .where('complaints.due_on', '>=', today)
    .select([sql<string>`'waiting'`.as('kind'), 'complaints.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('complaints.status')
  const rows = await keptCounts(db, scope, i, statuses).unionAll(notYetDue).execute()
  const kept = new Map(rows.filter((r) => r.kind === 'kept').map((r) => [r.status, Number(r.n)]))
  const waiting = new Map(rows.filter((r) => r.kind === 'waiting').map((r) => [r.status, Number(r.n)]))
  const counts: TabCounts['counts'] = {}
  let overdue = 0
  for (const [status, n] of kept) {
    const late = isOpen(status) ? Math.max(0, n - (waiting.get(status) ?? 0)) : 0
    overdue += late
    const shown = i.overdue ? late : n
    if (shown > 0) counts[status] = shown
  }
  return { counts, countsCapped: [], overdue, overdueCapped: false }
}

/** Exact counts from the trigger-kept table: scope, district and category. */
function keptCounts(db: Kysely<Database>, scope: Scope, i: InboxInput, statuses: ComplaintStatus[]) {
  let q = db
    .selectFrom('complaint_counts')
    .select([sql<string>`'kept'`.as('kind'), 'status', (eb) => sql<number>`${eb.fn.sum<number>('n')}::int`.as('n')])
    .where('status', 'in', statuses)
  if (i.category) q = q.where('category', '=', i.category)
  if (scope.department) q = q.where('department', '=', scope.department as never)
  // Staff of one district only ever see that district; a district asked for on top of it narrows or empties.
  for (const d of [scope.district, i.district]) if (d) q = q.where('district', '=', d as never)
  return q.groupBy('status')
}

const grouped = (q: Q, today: string) =>
  q
    .where('complaints.is_open', '=', true)
    .select(['complaints.status', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`count(*) FILTER (WHERE complaints.due_on < ${today}::date)`.as('overdue')])
    .groupBy('complaints.status')

/** A search by name: the open tickets about matching institutions, plus those about matching unlisted places. */
async function searchedOpen(db: Kysely<Database>, scope: Scope, i: InboxInput, today: string): Promise<{ rows: Row[]; capped: boolean }> {
  const rows = await grouped(filtered(db, scope, i, today, 'listed'), today).unionAll(grouped(filtered(db, scope, i, today, 'unlisted'), today)).execute()
  const sum = new Map<ComplaintStatus, Row>()
  for (const r of rows) {
    const got = sum.get(r.status) ?? { status: r.status, n: 0, overdue: 0 }
    sum.set(r.status, { status: r.status, n: got.n + Number(r.n), overdue: got.overdue + Number(r.overdue) })
  }
  return { rows: [...sum.values()], capped: false }
}

/** A ticket-number prefix: up to COUNT_CAP + 1 matching open tickets, grouped. */
async function cappedOpen(db: Kysely<Database>, base: Q, today: string): Promise<{ rows: Row[]; capped: boolean }> {
  const matches = base.where('complaints.is_open', '=', true).select(['complaints.status', 'complaints.due_on']).limit(COUNT_CAP + 1)
  const rows = await db
    .selectFrom(matches.as('m'))
    .select(['m.status', (eb) => eb.fn.countAll<number>().as('n'), sql<number>`count(*) FILTER (WHERE m.due_on < ${today}::date)`.as('overdue')])
    .groupBy('m.status')
    .execute()
  const out = rows.map((r) => ({ status: r.status, n: Number(r.n), overdue: Number(r.overdue) }))
  return { rows: out, capped: out.reduce((n, r) => n + r.n, 0) > COUNT_CAP }
}

async function cappedCount(db: Kysely<Database>, q: Q): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM (${q.select(sql`1`.as('one')).limit(COUNT_CAP + 1)}) AS capped`.execute(db)
  return Number(r.rows[0].n)
}
