// The workbench's inbox: the tickets routed to the account's scope, by the deadline that applies now, overdue ones
// marked in working days, counts per status for the tabs, similar reports counted, search by ticket or institution.
import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { scopeFilter } from '../../../src/domain/access'
import { isCalendarDate } from '../../../src/domain/calendarDate'
import { chinaToday } from '../../../src/domain/chinaDate'
import type { ComplaintStatus } from '../../../src/domain/complaints'
import { InboxSchema, type InboxInput, type InboxItem, type InboxPage } from '../../../src/domain/staff'
import { escapeLike } from '../../store/institutionRepo'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'
import type { ReferenceSource } from '../complaints/referenceData'
import { badCursor, keysetCursor, readKeyset } from '../paging'
import { parseInput } from '../validate'
import { overdueDays } from './handling'

const PAGE = 20
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
      const like = `%${escapeLike(term.toLowerCase())}%`
      q = q.where((eb: ExpressionBuilder<Database, 'complaints'>) =>
        eb.or([
          eb('complaints.institution_id', 'in', eb.selectFrom('institutions').select('id').where(sql<string>`lower(name)`, 'like', like)),
          eb(sql<string>`lower(complaints.place->>'name')`, 'like', like),
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

  const [rows, total, counts, overdue, ref] = await Promise.all([
    page.execute(),
    listed.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    base.select(['complaints.status', (eb) => eb.fn.countAll<string>().as('n')]).groupBy('complaints.status').execute(),
    base.where('complaints.is_open', '=', true).where('complaints.due_on', '<', today).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    reference(),
  ])
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
    total: Number(total.n),
    ...(rows.length > PAGE && last ? { nextCursor: keysetCursor([last.due_on, last.id]) } : {}),
    counts: Object.fromEntries(counts.map((c) => [c.status, Number(c.n)])),
    overdue: Number(overdue.n),
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
