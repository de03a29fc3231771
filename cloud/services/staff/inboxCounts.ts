// The inbox's numbers: tickets per status for the tabs (the open ones always, and the chosen status) and the overdue
// count, for the scope and filters in force. All exact and cheap whatever the years of history:
// - scope, district, category (and the overdue filter): the per-status counts come from complaint_counts, kept by a
//   trigger (a few rows); "overdue" is open minus not yet due, and the tickets not yet due are the last few weeks'
//   intake, counted from the open tickets' index;
// - a search by name: one pass over the matching open tickets, grouped by status, listed institutions and places
//   not on the list each from their own index (it grows with the backlog, not with the history).
// Only a closed tab under a search and a bare ticket-number prefix ("XM2026", a whole year) are counted live, and stop
// at COUNT_CAP ("1000+").
//
// The numbers are one query whose rows `tabCounts` reads, so the inbox can ask for them in the same statement as
// the page (one round trip, one snapshot).
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { OPEN_STATUSES, type ComplaintStatus } from '../../../src/domain/complaints'
import type { InboxInput } from '../../../src/domain/staff'
import type { Database } from '../../store/schema'
import { filtered, openTicket, searchKind, type Q, type SearchHalf } from './inboxFilters'

/** Live counts stop here. */
export const COUNT_CAP = 1000

type Scope = { department?: string; district?: string | null }

/**
 * A row of the numbers' query. kind: 'kept' (complaint_counts), 'waiting' (open, not yet due), 'open' (open tickets
 * that match a search, with how many are overdue), 'closed' (the chosen closed tab under a search, capped).
 */
export interface CountRow {
  kind: 'kept' | 'waiting' | 'open' | 'closed'
  status: ComplaintStatus
  n: number
  overdue: number
}

export interface TabCounts {
  counts: Partial<Record<ComplaintStatus, number>>
  countsCapped: ComplaintStatus[]
  overdue: number
  overdueCapped: boolean
}

const isOpen = (st: ComplaintStatus) => OPEN_STATUSES.includes(st)

/** The one query behind the numbers, for the scope and filters; read its rows with `tabCounts`. */
export function countsQuery(db: Kysely<Database>, scope: Scope, i: InboxInput, today: string): RawBuilder<CountRow> {
  if (searchKind(i) === 'none') {
    // Without a search: kept counts, and the open tickets not yet due (overdue = open − not yet due).
    const statuses = [...new Set([...OPEN_STATUSES, ...(i.status ? [i.status] : [])])]
    let kept = db
      .selectFrom('complaint_counts')
      .select([sql<string>`'kept'`.as('kind'), 'status', (eb) => sql<number>`${eb.fn.sum<number>('n')}::int`.as('n'), sql<number>`0`.as('overdue')])
      .where('status', 'in', statuses)
    if (i.category) kept = kept.where('category', '=', i.category)
    if (scope.department) kept = kept.where('department', '=', scope.department as never)
    // Staff of one district only ever see that district; a district asked for on top of it narrows or empties.
    for (const d of [scope.district, i.district]) if (d) kept = kept.where('district', '=', d as never)
    const waiting = filtered(db, scope, { ...i, overdue: undefined }, today)
      .where(openTicket)
      .where('complaints.due_on', '>=', today)
      .select([sql<string>`'waiting'`.as('kind'), 'complaints.status', sql<number>`count(*)::int`.as('n'), sql<number>`0`.as('overdue')])
      .groupBy('complaints.status')
    return sql<CountRow>`${kept.groupBy('status')} UNION ALL ${waiting}`
  }
  const closedChosen = i.status && !isOpen(i.status) ? i.status : undefined
  // The chosen closed tab, counted up to the cap in each half of a name search (each from its own index).
  const closedUpTo = (status: ComplaintStatus, half: SearchHalf) =>
    sql`(SELECT count(*)::int FROM (${filtered(db, scope, i, today, half).where('complaints.status', '=', status).select(sql`1`.as('one')).limit(COUNT_CAP + 1)}) AS capped)`
  const closedHalves: SearchHalf[] = searchKind(i) === 'name' ? ['listed', 'unlisted'] : ['both']
  const closed = closedChosen ? sql`UNION ALL SELECT 'closed', ${closedChosen}::text, ${sql.join(closedHalves.map((h) => closedUpTo(closedChosen, h)), sql` + `)}, 0` : sql``
  const base = filtered(db, scope, i, today)
  if (searchKind(i) === 'ticket') {
    // A ticket-number prefix can match a whole year; real searches name one ticket. Up to COUNT_CAP + 1, grouped.
    const matches = base.where(openTicket).select(['complaints.status', 'complaints.due_on']).limit(COUNT_CAP + 1)
    return sql<CountRow>`SELECT 'open' AS kind, m.status, count(*)::int AS n, (count(*) FILTER (WHERE m.due_on < ${today}::date))::int AS overdue FROM (${matches}) AS m GROUP BY m.status ${closed}`
  }
  const grouped = (q: Q) =>
    q
      .where(openTicket)
      .select([sql<string>`'open'`.as('kind'), 'complaints.status', sql<number>`count(*)::int`.as('n'), sql<number>`(count(*) FILTER (WHERE complaints.due_on < ${today}::date))::int`.as('overdue')])
      .groupBy('complaints.status')
  return sql<CountRow>`${grouped(filtered(db, scope, i, today, 'listed'))} UNION ALL ${grouped(filtered(db, scope, i, today, 'unlisted'))} ${closed}`
}

/** The numbers from the query's rows. */
export function tabCounts(i: InboxInput, rows: CountRow[]): TabCounts {
  const sum = (kind: CountRow['kind'], field: 'n' | 'overdue' = 'n') => {
    const by = new Map<ComplaintStatus, number>()
    for (const r of rows) if (r.kind === kind) by.set(r.status, (by.get(r.status) ?? 0) + Number(r[field]))
    return by
  }
  const counts: TabCounts['counts'] = {}
  if (searchKind(i) === 'none') {
    const waiting = sum('waiting')
    let overdue = 0
    for (const [status, n] of sum('kept')) {
      // Two counts of a moving queue: never let a ticket in flight make one negative.
      const late = isOpen(status) ? Math.max(0, n - (waiting.get(status) ?? 0)) : 0
      overdue += late
      const shown = i.overdue ? late : n
      if (shown > 0) counts[status] = shown
    }
    return { counts, countsCapped: [], overdue, overdueCapped: false }
  }
  const open = sum('open')
  const overdue = [...sum('open', 'overdue').values()].reduce((a, b) => a + b, 0)
  // Only the ticket-prefix count can reach the cap (a name search counts exactly).
  const capped = searchKind(i) === 'ticket' && [...open.values()].reduce((a, b) => a + b, 0) > COUNT_CAP
  const countsCapped: ComplaintStatus[] = []
  for (const [status, n] of open) {
    if (n > 0) counts[status] = n
    if (capped && n > 0) countsCapped.push(status)
  }
  for (const [status, n] of sum('closed')) {
    if (n > COUNT_CAP) countsCapped.push(status)
    if (n > 0) counts[status] = Math.min(n, COUNT_CAP)
  }
  return { counts, countsCapped, overdue, overdueCapped: capped && overdue > 0 }
}
