// An observation with failed items becomes a complaint in one step, through the complaint pipeline (routing,
// deadlines, the reporter's ticket), linked both ways, in one transaction. Asked twice, it answers the same ticket.
import type { Kysely, Selectable } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { can } from '../../../src/domain/access'
import { CHECKLIST_LABEL, type ChecklistItem } from '../../../src/domain/checklist'
import { chinaDate } from '../../../src/domain/chinaDate'
import type { ComplaintCategory, ComplaintReceipt } from '../../../src/domain/complaints'
import { AppError } from '../../../src/domain/errors'
import { EscalateSchema } from '../../../src/domain/observations'
import type { ContentChecker } from '../../platform/contentCheck'
import type { Database, ObservationTable } from '../../store/schema'
import { inTransaction } from '../../store/transaction'
import { requireAccount, requireCan } from '../access'
import { checkedAlready, checkReportText, reportText, submitComplaint, type SubmitDeps } from '../complaints/submit'
import { parseInput } from '../validate'

/** The complaint category a failed checklist item points to; the first failed item decides. */
export const ITEM_CATEGORY: Readonly<Record<ChecklistItem, ComplaintCategory>> = {
  licence_displayed: 'unlicensed',
  prices_posted: 'prepaid_fees',
  prepaid_within_limits: 'prepaid_fees',
  scope_no_academic: 'disguised_academic',
  hours_by_2030: 'late_hours',
  staff_qualified: 'staff',
  fire_safety: 'safety',
  premises_match: 'scope',
  advertising: 'advertising',
  materials: 'other',
  contract_model: 'prepaid_fees',
}

const notFound = () => new AppError('not_found', '没有找到这条巡查记录，或您无权查看')

type ObservationRow = Selectable<ObservationTable>

const targetOf = (o: ObservationRow) => ({ department: o.department, district: o.district, reporterId: o.supervisor_id })

/** The complaint's description: the failed items with the supervisor's notes on each. */
function escalationText(o: ObservationRow): string {
  const failed = o.failed as ChecklistItem[]
  const notes = o.item_notes as Partial<Record<ChecklistItem, string>>
  return [`巡查发现（${chinaDate(new Date(o.visited_at))}）：`, ...failed.map((item, k) => `${k + 1}. ${CHECKLIST_LABEL[item]}：${notes[item] ?? '不符合'}`), ...(o.notes ? [`备注：${o.notes}`] : [])]
    .join('\n')
    .slice(0, 2000)
}

/**
 * The content check of the complaint an escalation would make, run before its transaction opens: the check asks
 * WeChat, and waiting for it inside would hold the observation's lock and a connection (on PGlite the only one, so
 * every other request would wait too). Answers the checker for the transaction, which knows this text has passed.
 * Whatever escalate refuses or answers without a new complaint is left to it.
 */
export async function checkEscalation(db: Kysely<Database>, deps: SubmitDeps, actor: Account | undefined, input: unknown): Promise<ContentChecker> {
  const a = requireAccount(actor)
  const i = parseInput(EscalateSchema, input)
  const o = await db.selectFrom('observations').selectAll().where('id', '=', i.id).executeTakeFirst()
  if (!o || o.complaint_id || !(o.failed as ChecklistItem[]).length || !can(a, 'observation.escalate', targetOf(o))) return deps.checker
  // The very text submitComplaint will check (reportText), so checkedAlready recognises it there.
  const text = reportText({ description: escalationText(o) })
  await checkReportText(db, deps.checker, a.id, text)
  return checkedAlready(text, deps.checker)
}

/** Run in the entry's transaction, with the checker checkEscalation answered. */
export async function escalate(db: Kysely<Database>, deps: SubmitDeps, actor: Account | undefined, input: unknown): Promise<ComplaintReceipt & { observationId: string }> {
  const a = requireAccount(actor)
  const i = parseInput(EscalateSchema, input)
  return inTransaction(db, async (trx) => {
    // Locked: two taps on 转为举报 make one complaint.
    const o = await trx.selectFrom('observations').selectAll().where('id', '=', i.id).forUpdate().executeTakeFirst()
    if (!o) throw notFound()
    const target = targetOf(o)
    // Whoever may not see the record does not learn it exists.
    if (!can(a, 'observation.view', target)) throw notFound()
    requireCan(a, 'observation.escalate', target, { forbidden: '您不能把这条巡查记录转为举报' })
    if (o.complaint_id) {
      const c = await trx.selectFrom('complaints').select(['ticket_no', 'status', 'department_name', 'reply_due']).where('id', '=', o.complaint_id).executeTakeFirstOrThrow()
      return { ticketNo: c.ticket_no, status: c.status, department: c.department_name, dueAt: c.reply_due, similarOpen: 0, observationId: o.id }
    }
    const failed = o.failed as ChecklistItem[]
    if (!failed.length) throw new AppError('conflict', '这条巡查记录没有不符合项，不需要转为举报')
    const evidence = (await trx.selectFrom('observation_evidence').select('file_id').where('observation_id', '=', o.id).execute()).map((e) => e.file_id)
    const receipt = await submitComplaint(trx, deps, a, {
      requestId: i.requestId,
      category: ITEM_CATEGORY[failed[0]],
      institutionId: o.institution_id,
      description: escalationText(o),
      happenedOn: chinaDate(new Date(o.visited_at)),
      // The supervisor's own photos, which the complaint pipeline checks again (owner, kinds, counts).
      ...(evidence.length && a.id === o.supervisor_id ? { evidence } : {}),
      contact: { anonymous: true },
    })
    const complaint = await trx.selectFrom('complaints').select('id').where('ticket_no', '=', receipt.ticketNo).executeTakeFirstOrThrow()
    await trx.updateTable('complaints').set({ observation_id: o.id }).where('id', '=', complaint.id).execute()
    await trx.updateTable('observations').set({ complaint_id: complaint.id }).where('id', '=', o.id).execute()
    return { ...receipt, observationId: o.id }
  })
}
