// How reports were handled, counted one way for everyone: the workbench's figures (staff.stats, by department and
// district) and the public open-figures page (content.stats, the city's total) read this; the page also counts
// supervisors' visits here. A report counts in the period it was received. Days are working days (holiday calendar); deadlines are the ones set at submit.
import { sql, type Kysely } from 'kysely'
import { DISTRICTS, type Department, type District } from '../../src/domain/catalog'
import { lastMonths } from '../../src/domain/content'
import { addCalendarDays } from '../../src/domain/calendarDate'
import { chinaToday } from '../../src/domain/chinaDate'
import type { HandlingFigures } from '../../src/domain/staff'
import { workingDaysBetween, type Calendar } from '../../src/domain/workingDays'
import type { Database } from '../store/schema'

export interface FiguresScope {
  department?: Department
  district?: District | null
}

interface TicketFacts {
  department: Department
  district: District | null
  received_on: string
  accept_due: string
  reply_due: string
  due_on: string
  is_open: boolean
  /** China day of the department's first step (accept, transfer, refusal …). */
  handled_on: string | null
  /** China day of the first answer (reply, or a refusal). */
  answered_on: string | null
}

const empty = (): HandlingFigures & { days: number[] } => ({ received: 0, acceptedOnTime: 0, repliedOnTime: 0, replied: 0, overdue: 0, medianReplyDays: null, days: [] })

function median(values: number[]): number | null {
  if (!values.length) return null
  const s = [...values].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

function add(into: ReturnType<typeof empty>, t: TicketFacts, today: string, calendar: Calendar) {
  into.received++
  if (t.handled_on && t.handled_on <= t.accept_due) into.acceptedOnTime++
  if (t.answered_on) {
    into.replied++
    if (t.answered_on <= t.reply_due) into.repliedOnTime++
    into.days.push(workingDaysBetween(t.received_on, t.answered_on, calendar))
  }
  if (t.is_open && t.due_on < today) into.overdue++
}

const finish = ({ days, ...f }: ReturnType<typeof empty>): HandlingFigures => ({ ...f, medianReplyDays: median(days) })

/** Figures for the reports received in the last `days` days (China days, today included), per department and district. */
export async function handlingFigures(db: Kysely<Database>, calendar: Calendar, opts: { days: number; scope?: FiguresScope; today?: string }) {
  const to = opts.today ?? chinaToday()
  const from = addCalendarDays(to, -(opts.days - 1))
  const scope = opts.scope ?? {}
  const rows = (
    await sql<TicketFacts>`
      SELECT c.department, c.district, (c.created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS received_on,
             c.accept_due::text AS accept_due, c.reply_due::text AS reply_due, c.due_on::text AS due_on, c.is_open,
             (SELECT (min(e.at) AT TIME ZONE 'Asia/Shanghai')::date::text FROM complaint_events e
               WHERE e.complaint_id = c.id AND e.by_role = 'staff' AND e.status <> 'submitted') AS handled_on,
             (SELECT (min(e.at) AT TIME ZONE 'Asia/Shanghai')::date::text FROM complaint_events e
               WHERE e.complaint_id = c.id AND e.status IN ('replied', 'resolved', 'rejected') AND e.by_role <> 'reporter') AS answered_on
        FROM complaints c
       WHERE c.created_at >= (${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
         AND c.status <> 'withdrawn'
         ${scope.department ? sql`AND c.department = ${scope.department}` : sql``}
         ${scope.district ? sql`AND c.district = ${scope.district}` : sql``}`.execute(db)
  ).rows
  const groups = new Map<string, { department: Department; district: District | null; f: ReturnType<typeof empty> }>()
  const total = empty()
  for (const t of rows) {
    const key = `${t.department}|${t.district ?? ''}`
    const g = groups.get(key) ?? { department: t.department, district: t.district, f: empty() }
    groups.set(key, g)
    add(g.f, t, to, calendar)
    add(total, t, to, calendar)
  }
  const byGroup = [...groups.values()]
    .sort((a, b) => a.department.localeCompare(b.department) || (a.district ?? '').localeCompare(b.district ?? ''))
    .map((g) => ({ department: g.department, district: g.district, ...finish(g.f) }))
  return { from, to, rows: byGroup, total: finish(total) }
}

/** The open figures count supervisors' visits for this many months, the current one included. */
export const VISIT_MONTHS = 12

/**
 * Supervisors' visits per China month (by the visit's own time) and district, for the VISIT_MONTHS months ending
 * with `today`'s: counts only, every month and district present (content.stats shows them).
 */
export async function visitFigures(db: Kysely<Database>, today: string = chinaToday()): Promise<{ month: string; byDistrict: Record<District, number> }[]> {
  const months = lastMonths(today, VISIT_MONTHS)
  const from = `${months[0]}-01`
  // visited_at >= the month's first China midnight: a range on observations_by_visit (visited_at, district).
  const rows = (
    await sql<{ month: string; district: District; n: number }>`
      SELECT to_char(visited_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month, district, count(*)::int AS n
        FROM observations
       WHERE visited_at >= (${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
       GROUP BY 1, 2`.execute(db)
  ).rows
  const byMonth = new Map(months.map((m) => [m, Object.fromEntries(DISTRICTS.map((d) => [d, 0])) as Record<District, number>]))
  for (const r of rows) {
    const counts = byMonth.get(r.month)
    if (counts && r.district in counts) counts[r.district] += Number(r.n)
  }
  return months.map((month) => ({ month, byDistrict: byMonth.get(month)! }))
}
