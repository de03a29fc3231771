// What happens next to a ticket, and by when: the last line of its timeline ("待受理：12-03 前 · 答复：12-23 前"), so
// the reporter reads more than "已提交". Pure; the due days are the ones set at submit (working days, China calendar).
import { formatShortDay } from './chinaDate'
import { nextComplaintStatus, type ComplaintStatus, type ComplaintView } from './complaints'

export interface NextStep {
  /** The steps still to come, each with the China day it is due by when there is one. */
  steps: { label: string; due?: string; overdue: boolean }[]
  /** "待受理：12-03 前 · 答复：12-23 前"; empty when nothing more is due. */
  line: string
  /** One plain sentence: what happens next, or what the reporter may still do. */
  note: string
}

type TicketState = Pick<ComplaintView, 'status' | 'acceptDueAt' | 'dueAt' | 'reviewed'>

const OVERDUE_NOTE = '已超过期限，可拨打 12345 反映，或在下方补充材料。'

/**
 * Per status: the steps to come and what the reporter can do. `today` is the China day (chinaToday()); a due day
 * before it is overdue. A ticket reopened by 申请复核 has no new deadline of its own, so none is promised.
 */
export function complaintNextStep(t: TicketState, today: string, now: Date = new Date()): NextStep {
  const step = (label: string, due?: string) => ({ label, ...(due ? { due } : {}), overdue: !!due && due < today })
  const reopened = t.status === 'in_progress' && t.reviewed
  const mayReview = nextComplaintStatus(t.status, 'review', t.reviewed).ok
  const review = mayReview ? '如对结果有异议，可以申请一次复核。' : ''
  const plan: Record<ComplaintStatus, { steps: NextStep['steps']; note: string }> = {
    submitted: { steps: [step('待受理', t.acceptDueAt), step('答复', t.dueAt)], note: '处理部门会先受理，再核查并答复。' },
    accepted: { steps: [step('待答复', t.dueAt)], note: '已受理，处理部门会核查后答复。' },
    assigned: { steps: [step('待答复', t.dueAt)], note: '已交承办人员核查，核查后答复。' },
    in_progress: reopened
      ? { steps: [step('待复核答复')], note: '您申请的复核正在办理，处理部门会重新核查并再次答复。' }
      : { steps: [step('待答复', t.dueAt)], note: '处理部门正在核查，会在期限内答复。' },
    awaiting_info: { steps: [step('待您补充材料'), step('答复', t.dueAt)], note: '处理部门请您补充材料，见办理经过中的说明；请在下方“补充材料”提交，提交后继续办理。' },
    replied: { steps: [step('待办结')], note: `处理部门已答复，见上方“部门答复”。${review}` },
    resolved: { steps: [], note: `已办结。${review}` },
    rejected: { steps: [], note: `处理部门决定不予受理，理由见办理经过。${review}` },
    withdrawn: { steps: [], note: '您已撤回这件举报，处理部门不再办理。' },
  }
  const { steps, note } = plan[t.status]
  const line = steps.map((s) => (s.due ? `${s.label}：${formatShortDay(s.due, now)} 前${s.overdue ? '（已超期）' : ''}` : s.label)).join(' · ')
  return { steps, line, note: steps.some((s) => s.overdue) ? `${note}${OVERDUE_NOTE}` : note }
}
