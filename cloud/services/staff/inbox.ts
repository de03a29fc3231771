// The workbench's inbox: the tickets routed to the account's scope, by the deadline that applies now, overdue ones
// marked in working days, counts per status for the tabs, similar reports counted, search by ticket or institution.
import { sql, type Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { scopeFilter } from '../../../src/domain/access'
import { isCalendarDate } from '../../../src/domain/calendarDate'
import { chinaToday } from '../../../src/domain/chinaDate'
import { OPEN_STATUSES, type ComplaintStatus } from '../../../src/domain/complaints'
import { InboxSchema, type InboxItem, type InboxPage } from '../../../src/domain/staff'
import { preparedQuery, type PreparedStatements } from '../../store/preparedStatements'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'
import type { ReferenceSource } from '../complaints/referenceData'
import { badCursor, keysetCursor, readKeyset } from '../paging'
import { parseInput } from '../validate'
import { overdueDays } from './handling'
import { countsQuery, tabCounts, type CountRow, type TabCounts } from './inboxCounts'
import { filtered, openTicket, searchKind, type Q, type SearchHalf } from './inboxFilters'

const PAGE = 20
/** Written into the statement, not sent as a parameter: a prepared plan that cannot see the limit plans for 10 % of the table. */
const PAGE_PLUS_ONE = sql.lit(PAGE + 1)
const CURSOR_SHAPES = [/^\d{4}-\d{2}-\d{2}$/, /^[0-9a-f-]{36}$/]

/** The default list is the open tickets: what still needs the department. */
function withStatus(q: Q, status: ComplaintStatus | undefined): Q {
  return status ? q.where('complaints.status', '=', status) : q.where(openTicket)
}

export async function inbox(db: Kysely<Database>, reference: ReferenceSource, actor: Account | undefined, input: unknown, prepared?: PreparedStatements): Promise<InboxPage> {
  const a = requireCan(actor, 'complaint.view')
  const i = parseInput(InboxSchema, input)
  const scope = scopeFilter(a, 'complaint.view') ?? {}
  const after = readKeyset(i.cursor, CURSOR_SHAPES)
  if (after && !isCalendarDate(after[0])) throw badCursor()
  const today = chinaToday()
  const base = filtered(db, scope, i, today)
  // Open tickets of the same institution and category within the scope, counted beside each row (from the open
  // tickets' index) rather than in a second round trip after the page.
  const sameScope = [
    ...(scope.department ? [sql`AND s.department = ${scope.department}`] : []),
    ...(scope.district ? [sql`AND s.district = ${scope.district}`] : []),
  ]
  const similarOpen = sql<number>`(SELECT count(*)::int FROM complaints AS s WHERE s.is_open AND s.institution_id = complaints.institution_id AND s.category = complaints.category ${sql.join(sameScope, sql` `)})`
  // The page's ids from the index alone (every filter column is in it), then only those rows from the table.
  const pageOf = (q: Q) => {
    const ids = withStatus(q, i.status).orderBy('complaints.due_on').orderBy('complaints.id').limit(PAGE_PLUS_ONE)
    return after ? ids.where(sql<boolean>`(complaints.due_on, complaints.id) > (${after[0]}::date, ${after[1]})`) : ids
  }
  // A search by name takes a page from each half (listed institutions, places not on the list), each from its own
  // index, and keeps the first of both: one condition over both halves would walk the whole open queue in order.
  const halfPage = (half: SearchHalf) => pageOf(filtered(db, scope, i, today, half)).select(['complaints.id', 'complaints.due_on'])
  const ids =
    searchKind(i) === 'name'
      ? db
          .selectFrom(sql<{ id: string; due_on: string }>`((${halfPage('listed')}) UNION ALL (${halfPage('unlisted')}))`.as('halves'))
          .select('halves.id')
          .orderBy('halves.due_on')
          .orderBy('halves.id')
          .limit(PAGE_PLUS_ONE)
      : pageOf(base).select('complaints.id')
  const page = db
    .selectFrom('complaints')
    .where('complaints.id', 'in', ids)
    .leftJoin('institutions as inst', 'inst.id', 'complaints.institution_id')
    .select(['complaints.ticket_no', 'complaints.status', 'complaints.category', 'complaints.department', 'complaints.district', 'complaints.created_at', 'complaints.due_on', 'complaints.is_open', 'complaints.institution_id', 'inst.name as institution_name', sql<string | null>`complaints.place->>'name'`.as('place_name')])
    .select(similarOpen.as('similar_open'))
    .orderBy('complaints.due_on')
    .orderBy('complaints.id')
    .select('complaints.id')

  // A later page is rows only: the client already shows the first page's numbers. The first page asks for its rows
  // and its numbers in one statement (one round trip, one snapshot), the rows as JSON.
  type PageRow = Awaited<ReturnType<typeof page.execute>>[number]
  // One plan suits every value of a filter or a name search (equalities, a date bound, a name's slices), so those
  // statements are prepared once per connection. A ticket-number prefix is planned each time: its index range is
  // only used by a plan that sees the prefix.
  const reads = searchKind(i) === 'ticket' ? undefined : prepared
  const read = async (): Promise<{ rows: PageRow[]; tabs?: TabCounts }> => {
    if (after) return { rows: await preparedQuery(reads, db, page.compile()) }
    const [both] = await preparedQuery(
      reads,
      db,
      sql<{ page: PageRow[]; counts: CountRow[] }>`
      SELECT (SELECT coalesce(json_agg(p ORDER BY p.due_on, p.id), '[]'::json) FROM (${page}) AS p) AS page,
             (SELECT coalesce(json_agg(c), '[]'::json) FROM (${countsQuery(db, scope, i, today)}) AS c) AS counts`.compile(db),
    )
    return { rows: both.page, tabs: tabCounts(i, both.counts) }
  }
  const [{ rows, tabs }, ref] = await Promise.all([read(), reference()])
  const shown = rows.slice(0, PAGE)

  const items: InboxItem[] = shown.map((r) => {
    const key = r.institution_id ? `${r.institution_id}:${r.category}` : undefined
    const others = key ? Number(r.similar_open) - (r.is_open ? 1 : 0) : 0
    return {
      ticketNo: r.ticket_no,
      status: r.status,
      category: r.category,
      subject: r.institution_name ?? r.place_name ?? '',
      department: r.department,
      district: r.district,
      submittedAt: new Date(r.created_at).toISOString(),
      dueAt: r.due_on,
      overdueDays: r.is_open ? overdueDays(r.due_on, today, ref.calendar) : 0,
      similarOpen: Math.max(0, others),
      ...(key && others > 0 ? { groupKey: key } : {}),
    }
  })
  const last = shown[shown.length - 1]
  const nextCursor = rows.length > PAGE && last ? keysetCursor([last.due_on, last.id]) : undefined
  if (!tabs) return { items, ...(nextCursor ? { nextCursor } : {}) }
  const listedStatuses = i.status ? [i.status] : OPEN_STATUSES
  const total = listedStatuses.reduce((sum, st) => sum + (tabs.counts[st] ?? 0), 0)
  const totalCapped = listedStatuses.some((st) => tabs.countsCapped.includes(st))
  return {
    items,
    total,
    ...(totalCapped ? { totalCapped: true } : {}),
    ...(nextCursor ? { nextCursor } : {}),
    counts: tabs.counts,
    ...(tabs.countsCapped.length ? { countsCapped: tabs.countsCapped } : {}),
    overdue: tabs.overdue,
    ...(tabs.overdueCapped ? { overdueCapped: true } : {}),
  }
}
