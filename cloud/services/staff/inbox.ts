// The workbench's inbox: the tickets routed to the account's scope, by the deadline that applies now, overdue ones
// marked in working days, counts per status for the tabs, similar reports counted, search by ticket or institution.
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { scopeFilter } from '../../../src/domain/access'
import { isCalendarDate } from '../../../src/domain/calendarDate'
import { chinaToday } from '../../../src/domain/chinaDate'
import { OPEN_STATUSES, type ComplaintStatus } from '../../../src/domain/complaints'
import { InboxSchema, type InboxInput, type InboxItem, type InboxPage } from '../../../src/domain/staff'
import { escapeLike } from '../../store/institutionRepo'
import { termGrams } from '../../store/searchText'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'
import type { ReferenceSource } from '../complaints/referenceData'
import { badCursor, keysetCursor, readKeyset } from '../paging'
import { parseInput } from '../validate'
import { overdueDays } from './handling'

const PAGE = 20
/** Tab counts stop here (see the counts below). */
export const COUNT_CAP = 1000
const CURSOR_SHAPES = [/^\d{4}-\d{2}-\d{2}$/, /^[0-9a-f-]{36}$/]
const TICKET_LIKE = /^xm[\d-]*$/i

type Q = SelectQueryBuilder<Database, 'complaints', object>

/** Scope and filters, except the status (the tabs count across statuses) and the cursor. */
function filtered(db: Kysely<Database>, scope: { department?: string; district?: string | null }, i: InboxInput, today: string): Q {
  let q: Q = db.selectFrom('complaints')
  if (scope.department) q = q.where('complaints.department', '=', scope.department as never)
  if (scope.district) q = q.where('complaints.district', '=', scope.district as never)
  if (i.category) q = q.where('complaints.category', '=', i.category)
  if (i.district) q = q.where('complaints.district', '=', i.district)
  if (i.overdue) q = q.where('complaints.is_open', '=', true).where('complaints.due_on', '<', today)
  if (i.q) {
    const term = i.q.trim()
    if (TICKET_LIKE.test(term)) q = q.where('complaints.ticket_no', 'like', `${escapeLike(term.toUpperCase())}%`)
    else {
      // Institutions by name as search finds them (2-character slices from the GIN index, then a real substring
      // test), or a place not on the list by the name on its sign.
      const like = `%${escapeLike(term.toLowerCase())}%`
      const grams = termGrams(term)
      q = q.where((eb: ExpressionBuilder<Database, 'complaints'>) =>
        eb.or([
          eb(
            'complaints.institution_id',
            'in',
            eb
              .selectFrom('institutions')
              .select('id')
              .where(sql<boolean>`name_grams @> ${sql.val(grams)}::text[]`)
              .where(sql<string>`lower(name)`, 'like', like),
          ),
          eb.and([eb('complaints.institution_id', 'is', null), eb(sql<string>`lower(complaints.place->>'name')`, 'like', like)]),
        ]),
      )
    }
  }
  return q
}

/** The default list is the open tickets: what still needs the department. */
function withStatus(q: Q, status: ComplaintStatus | undefined): Q {
  return status ? q.where('complaints.status', '=', status) : q.where('complaints.is_open', '=', true)
}

export async function inbox(db: Kysely<Database>, reference: ReferenceSource, actor: Account | undefined, input: unknown): Promise<InboxPage> {
  const a = requireCan(actor, 'complaint.view')
  const i = parseInput(InboxSchema, input)
  const scope = scopeFilter(a, 'complaint.view') ?? {}
  const after = readKeyset(i.cursor, CURSOR_SHAPES)
  if (after && !isCalendarDate(after[0])) throw badCursor()
  const today = chinaToday()
  const base = filtered(db, scope, i, today)
  const listed = withStatus(base, i.status)
  let page = listed
    .leftJoin('institutions as inst', 'inst.id', 'complaints.institution_id')
    .select(['complaints.ticket_no', 'complaints.status', 'complaints.category', 'complaints.department', 'complaints.district', 'complaints.created_at', 'complaints.due_on', 'complaints.is_open', 'complaints.institution_id', 'inst.name as institution_name', sql<string | null>`complaints.place->>'name'`.as('place_name')])
    .orderBy('complaints.due_on')
    .orderBy('complaints.id')
    .select('complaints.id')
    .limit(PAGE + 1)
  if (after) page = page.where(sql<boolean>`(complaints.due_on, complaints.id) > (${after[0]}::date, ${after[1]})`)

  // Counts per status for the tabs: the open ones always (the default list), and the chosen status; the list's total
  // is read from them. Scope and district alone are answered exactly from complaint_counts (kept by a trigger); with
  // a category, a search or the overdue filter each count is made live and stops at COUNT_CAP ("1000+"), so an
  // inbox costs about the same at 100 open tickets or 100,000.
  const countedStatuses = [...new Set([...OPEN_STATUSES, ...(i.status ? [i.status] : [])])]
  const capped = (q: Q) => sql<number>`(SELECT count(*)::int FROM (${q.select(sql`1`.as('one')).limit(COUNT_CAP + 1)}) AS capped)`
  const countsQuery = sql<{ status: ComplaintStatus; n: number }>`${sql.join(
    countedStatuses.map((status) => sql`SELECT ${status}::text AS status, ${capped(base.where('complaints.status', '=', status))} AS n`),
    sql` UNION ALL `,
  )}`
  const exact = !i.category && !i.q && !i.overdue
  const [rows, counts, overdue, ref] = await Promise.all([
    page.execute(),
    exact ? keptCounts(db, scope, i.district, countedStatuses) : countsQuery.execute(db),
    i.overdue ? undefined : sql<{ n: number }>`SELECT ${capped(base.where('complaints.is_open', '=', true).where('complaints.due_on', '<', today))} AS n`.execute(db),
    reference(),
  ])
  const byStatus: Partial<Record<ComplaintStatus, number>> = {}
  const cappedStatuses: ComplaintStatus[] = []
  for (const c of counts.rows) {
    const n = Number(c.n)
    if (!exact && n > COUNT_CAP) cappedStatuses.push(c.status)
    if (n > 0) byStatus[c.status] = exact ? n : Math.min(n, COUNT_CAP)
  }
  const listedStatuses = i.status ? [i.status] : OPEN_STATUSES
  const total = listedStatuses.reduce((sum, st) => sum + (byStatus[st] ?? 0), 0)
  const totalCapped = listedStatuses.some((st) => cappedStatuses.includes(st))
  const overdueN = overdue ? Number(overdue.rows[0].n) : total
  const shown = rows.slice(0, PAGE)
  const similar = await similarOpenCounts(db, scope, shown)

  const items: InboxItem[] = shown.map((r) => {
    const key = r.institution_id ? `${r.institution_id}:${r.category}` : undefined
    const others = key ? (similar.get(key) ?? 0) - (r.is_open ? 1 : 0) : 0
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
  return {
    items,
    total,
    ...(totalCapped ? { totalCapped: true } : {}),
    ...(rows.length > PAGE && last ? { nextCursor: keysetCursor([last.due_on, last.id]) } : {}),
    counts: byStatus,
    ...(cappedStatuses.length ? { countsCapped: cappedStatuses } : {}),
    // With the overdue filter on, every open ticket listed is overdue.
    overdue: Math.min(overdueN, COUNT_CAP),
    ...(overdueN > COUNT_CAP || (i.overdue && totalCapped) ? { overdueCapped: true } : {}),
  }
}

/** Open tickets per institution and category within the scope, for the page's institutions. */
async function similarOpenCounts(db: Kysely<Database>, scope: { department?: string; district?: string | null }, rows: { institution_id: string | null }[]) {
  const ids = [...new Set(rows.map((r) => r.institution_id).filter((id): id is string => !!id))]
  const counts = new Map<string, number>()
  if (!ids.length) return counts
  let q = db
    .selectFrom('complaints')
    .select(['institution_id', 'category', (eb) => eb.fn.countAll<string>().as('n')])
    .where('institution_id', 'in', ids)
    .where('is_open', '=', true)
  if (scope.department) q = q.where('department', '=', scope.department as never)
  if (scope.district) q = q.where('district', '=', scope.district as never)
  for (const r of await q.groupBy(['institution_id', 'category']).execute()) counts.set(`${r.institution_id}:${r.category}`, Number(r.n))
  return counts
}

/** Exact counts from the trigger-kept table, for a scope narrowed at most by district. */
async function keptCounts(db: Kysely<Database>, scope: { department?: string; district?: string | null }, district: string | undefined, statuses: ComplaintStatus[]) {
  let q = db.selectFrom('complaint_counts').select(['status', (eb) => eb.fn.sum<string>('n').as('n')]).where('status', 'in', statuses)
  if (scope.department) q = q.where('department', '=', scope.department as never)
  // Staff of one district only ever see that district; a district asked for on top of it narrows or empties.
  for (const d of [scope.district, district]) if (d) q = q.where('district', '=', d as never)
  return { rows: (await q.groupBy('status').execute()).map((r) => ({ status: r.status, n: Number(r.n) })) }
}
