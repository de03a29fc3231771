// What handling staff do with one ticket: read it (with the department's own notes), take a step through the
// complaint machine, reveal a named reporter's phone. Each step writes the ticket, one timeline event, the
// reporter's notice (outbox) and one audit line in the caller's transaction: all of them or none.
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { can } from '../../../src/domain/access'
import { departmentName } from '../../../src/domain/catalog'
import { chinaToday } from '../../../src/domain/chinaDate'
import { nextComplaintStatus, type ComplaintAction } from '../../../src/domain/complaints'
import { AppError } from '../../../src/domain/errors'
import { StaffTicketSchema, TransitionSchema, STAFF_STEP_LABEL, type StaffComplaintView, type StaffStep, type TransitionInput } from '../../../src/domain/staff'
import { workingDaysBetween, type Calendar } from '../../../src/domain/workingDays'
import { auditRow, recordAudit } from '../../store/auditRepo'
import { eventRow, findTicket, relatedFromJson, relatedQuery, ticketRelated, type ComplaintRow, type TicketRelated } from '../../store/complaintRepo'
import type { PreparedStatements } from '../../store/preparedStatements'
import type { Database } from '../../store/schema'
import { writeIfUnchanged, type RowInto } from '../../store/ticketStep'
import { inTransaction } from '../../store/transaction'
import { requireAccount, requireCan } from '../access'
import type { ReferenceSource } from '../complaints/referenceData'
import { SIMILAR_WINDOW_DAYS, ticketTarget, view, type TicketDeps } from '../complaints/tickets'
import { statusNoticeRow } from '../notifications/outbox'
import { parseInput } from '../validate'

export interface HandlingDeps extends TicketDeps {
  reference: ReferenceSource
  /** Named statements for what runs outside a transaction (cloud/store/preparedStatements.ts); none on PGlite. */
  prepared?: PreparedStatements
}

const notFound = () => new AppError('not_found', '没有找到这件举报，或它不在您的管辖范围内')

/** The steps the desk offers, in this order; `note` is always possible for whoever may act. */
const STEP_ORDER: readonly StaffStep[] = ['accept', 'start', 'reply', 'answerReview', 'askInfo', 'resolve', 'reject', 'transfer', 'note']

/** Working days past `due` on `today` (0 when not past). */
export function overdueDays(due: string, today: string, calendar: Calendar): number {
  return today > due ? Math.max(1, workingDaysBetween(due, today, calendar)) : 0
}

/** A ticket the account may handle; anything else is "not found", so a ticket outside the scope is not even confirmed. */
async function loadInScope(db: Kysely<Database>, actor: Account, ticketNo: string, prepared?: PreparedStatements): Promise<ComplaintRow> {
  const row = await findTicket(db, ticketNo, prepared)
  if (!row || !can(actor, 'complaint.view', ticketTarget(row))) throw notFound()
  return row
}

/**
 * The ticket's page for handling staff; read outside any transaction (through `deps.prepared` when there is one),
 * unless the step that just wrote it read it alongside (`related`).
 */
export async function staffView(db: Kysely<Database>, deps: HandlingDeps, actor: Account, row: ComplaintRow, read?: TicketRelated): Promise<StaffComplaintView> {
  const [related, ref] = await Promise.all([read ?? ticketRelated(db, row, { similarWindowDays: SIMILAR_WINDOW_DAYS, prepared: deps.prepared }), deps.reference()])
  const base = await view(db, deps, row, { revealContact: false, similar: true }, { related })
  const events = related.events
  const today = chinaToday()
  const target = ticketTarget(row)
  const mayAct = can(actor, 'complaint.transition', target)
  const open = row.is_open
  const steps = mayAct ? STEP_ORDER.filter((s) => s === 'note' || nextComplaintStatus(row.status, s, row.reviewed).ok) : []
  const { timeline: _reporterTimeline, ...rest } = base
  return {
    ...rest,
    departmentCode: row.department,
    district: row.district,
    acceptOverdueDays: row.status === 'submitted' ? overdueDays(row.accept_due, today, ref.calendar) : 0,
    overdueDays: open ? overdueDays(row.due_on, today, ref.calendar) : 0,
    steps,
    canRevealContact: !row.anonymous && !row.contact_purged_at && can(actor, 'complaint.revealContact', target),
    timeline: events.map((e) => ({
      at: new Date(e.at).toISOString(),
      status: e.status,
      by: e.by_role,
      ...(e.note ? { note: e.note } : {}),
      ...(e.internal_note ? { internalNote: e.internal_note } : {}),
      // Staff see which colleague acted; a reporter is never named here (the contact block says who they are).
      ...(e.by_role === 'staff' && e.actor_name ? { actorName: e.actor_name } : {}),
    })),
  }
}

export async function complaint(db: Kysely<Database>, deps: HandlingDeps, actor: Account | undefined, input: unknown): Promise<StaffComplaintView> {
  const a = requireCan(actor, 'complaint.view')
  const { ticketNo } = parseInput(StaffTicketSchema, input)
  return staffView(db, deps, a, await loadInScope(db, a, ticketNo, deps.prepared))
}

/** What a step writes besides the status: the public note, the columns it changes, the audit detail. */
function effectOf(i: TransitionInput, row: ComplaintRow): { publicNote: string | null; set: Partial<Pick<ComplaintRow, 'reply' | 'department' | 'district' | 'department_name'>>; detail: Record<string, unknown> } {
  switch (i.step) {
    case 'transfer': {
      const district = i.district ?? null
      if (i.department === row.department && district === row.district) {
        throw new AppError('invalid_input', '这件举报已由该部门办理，请选择其他部门或行政区', { department: '请选择其他部门或行政区' })
      }
      const name = departmentName(i.department, district ?? undefined)
      return {
        publicNote: `转交${name}办理：${i.reason}`,
        set: { department: i.department, district, department_name: name },
        detail: { from: { department: row.department, district: row.district }, to: { department: i.department, district }, reason: i.reason },
      }
    }
    case 'askInfo':
      return { publicNote: `请补充：${i.question}`, set: {}, detail: {} }
    case 'reply':
      return { publicNote: i.reply, set: { reply: i.reply }, detail: {} }
    case 'answerReview':
      return { publicNote: `复核结论：${i.reply}`, set: { reply: i.reply }, detail: {} }
    case 'resolve':
    case 'reject':
      return { publicNote: i.reason, set: {}, detail: { reason: i.reason } }
    case 'accept':
    case 'start':
    case 'note':
      return { publicNote: null, set: {}, detail: {} }
  }
}

/** A staff step and the ticket's page as it leaves it. */
export async function transition(db: Kysely<Database>, deps: HandlingDeps, actor: Account | undefined, input: unknown): Promise<StaffComplaintView> {
  const { actor: a, row, related } = await takeStep(db, actor, input, deps.prepared)
  return staffView(db, deps, a, row, related)
}

/**
 * A staff step's writes — status, event, notice, audit line — as one statement, which also reads what the ticket's
 * page shows; answers the ticket as the step left it, with its related rows. No transaction is held across round
 * trips, so the ticket's row and the tab counts' rows (hot: one per department, district, category and status) are
 * locked for that one statement only.
 */
export async function takeStep(db: Kysely<Database>, actor: Account | undefined, input: unknown, prepared?: PreparedStatements): Promise<{ actor: Account; row: ComplaintRow; related: TicketRelated }> {
  const a = requireCan(actor, 'complaint.transition')
  const i = parseInput(TransitionSchema, input)
  // Judged on the ticket as read and written only if it is still so (cloud/store/ticketStep.ts): two staff acting at
  // once are judged one after the other, the second on what the first left.
  for (let attempt = 1; ; attempt++) {
    // Read on the prepared connections: the write below checks the ticket is still as read, so a stale read is
    // judged again, never written.
    const row = await findTicket(db, i.ticketNo, prepared)
    if (!row || !can(a, 'complaint.view', ticketTarget(row))) throw notFound()
    requireCan(a, 'complaint.transition', ticketTarget(row), { forbidden: '这件举报不在您的办理范围内' })
    const internalNote = ('note' in i ? i.note?.trim() : undefined) || null
    const effect = effectOf(i, row)
    let next = row.status
    if (i.step !== 'note') {
      const verdict = nextComplaintStatus(row.status, i.step as ComplaintAction, row.reviewed)
      if (!verdict.ok) throw new AppError('conflict', verdict.message)
      next = verdict.next
    }
    const change = i.step !== 'note' ? { status: next, ...effect.set } : undefined
    // The reporter hears of every step the department takes (the notice goes out through the outbox).
    const notice = change ? statusNoticeRow({ ...row, ...effect.set }, next, effect.publicNote) : undefined
    const now = new Date()
    const event = eventRow({ complaintId: row.id, status: next, note: effect.publicNote, internalNote, by: 'staff', actorId: a.id, at: now })
    const rows: RowInto[] = [
      { into: 'complaint_events', values: event },
      {
        into: 'audit_log',
        values: auditRow(a, {
          action: 'staff.transition',
          targetType: 'complaint',
          targetId: row.ticket_no,
          detail: { step: i.step, label: STAFF_STEP_LABEL[i.step], from: row.status, to: next, ...effect.detail },
        }),
      },
      ...(notice ? [{ into: 'notification_outbox' as const, values: notice }] : []),
    ]
    const alongside = relatedQuery(db, row, SIMILAR_WINDOW_DAYS)
    const written = await writeIfUnchanged(db, row, change, rows, { now, alongside, prepared })
    if (written?.alongside) {
      // The page was read as the statement began: the event it wrote is the newest (its id was drawn after every
      // event that statement could see), so it goes last. A note another desk committed while this statement waited
      // for the ticket's row is in the timeline but not in this answer; the next read of the page shows it.
      const related = relatedFromJson(written.alongside)
      related.events.push({ id: '', complaint_id: row.id, status: next, note: effect.publicNote, by_role: 'staff', actor_account_id: a.id, internal_note: internalNote, at: now, actor_name: a.name })
      return { actor: a, row: written.ticket, related }
    }
    // Another step came first; a ticket that keeps moving under a step this often is reported as busy, not retried forever.
    if (attempt === MAX_ATTEMPTS) throw new AppError('conflict', '这件举报正被其他人同时处理，请刷新后再试')
  }
}

/** Reads and judgements of one step before it gives up on a ticket that keeps moving under it. */
const MAX_ATTEMPTS = 5

/** A named reporter's whole phone number, for a call back: allowed to the handling staff, and logged every time. */
export async function revealContact(db: Kysely<Database>, deps: HandlingDeps, actor: Account | undefined, input: unknown): Promise<{ name: string; phone: string }> {
  const a = requireAccount(actor)
  const { ticketNo } = parseInput(StaffTicketSchema, input)
  return inTransaction(db, async (trx) => {
    const row = await loadInScope(trx, requireCan(a, 'complaint.revealContact'), ticketNo)
    requireCan(a, 'complaint.revealContact', ticketTarget(row))
    if (row.anonymous) throw new AppError('conflict', '这是匿名举报，没有联系方式')
    if (!row.contact_name_enc || !row.contact_phone_enc) throw new AppError('conflict', '办结后联系方式已按规定删除')
    if (!deps.cipher) throw new AppError('unavailable', '联系方式解密未配置，请联系管理员')
    await recordAudit(trx, a, { action: 'staff.revealContact', targetType: 'complaint', targetId: row.ticket_no })
    return { name: deps.cipher.open(row.contact_name_enc), phone: deps.cipher.open(row.contact_phone_enc) }
  })
}

