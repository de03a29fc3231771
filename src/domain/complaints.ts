// Complaints (举报): what a citizen submits, the ticket they follow, and the rules of its life. Pure and shared.
import type { Permission } from './access'
import type { Department, District } from './catalog'
import { VIOLATION_LABEL, VIOLATION_TYPES, type ViolationType } from './content'
import { defineMachine, inGroup, step } from './statusMachine'

export const COMPLAINT_CATEGORIES = VIOLATION_TYPES
export type ComplaintCategory = ViolationType
export const COMPLAINT_CATEGORY_LABEL = VIOLATION_LABEL

/** One plain line per category, shown where the reporter chooses "what". */
export const COMPLAINT_CATEGORY_HINT: Record<ComplaintCategory, string> = {
  unlicensed: '没有办学许可证，或没有登记证书（营业执照、民办非企业单位登记证书等）就招生上课',
  disguised_academic: '挂着美术、思维、托管、研学等名义，实际在教语文、数学、外语、物理、化学等校内学科',
  prepaid_fees: '一次收超过3个月、60课时或5000元，钱没进监管账户，或让办培训贷',
  advertising: '在小区、学校周边、网上投放培训广告，或夸大效果、承诺提分',
  late_hours: '线下课晚于20:30结束，线上课晚于21:00结束，或占用在校时间',
  staff: '老师资质不明、与公示不符，或在职中小学教师有偿授课',
  refund: '要求退费被拖延拒绝，或机构突然停业、老板失联',
  safety: '消防通道堵塞、灭火器缺失、场所破旧或有安全隐患',
  scope: '在没审批的地点上课，或教的内容超出审批范围',
  competition: '未经批准组织竞赛、考级排名并收费',
  other: '以上都不是的其他问题',
}

export const COMPLAINT_STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'awaiting_info', 'replied', 'resolved', 'rejected', 'withdrawn'] as const
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number]

export const COMPLAINT_STATUS_LABEL: Record<ComplaintStatus, string> = {
  submitted: '已提交',
  accepted: '已受理',
  assigned: '已分派',
  in_progress: '办理中',
  awaiting_info: '待补充材料',
  replied: '已答复',
  resolved: '已办结',
  rejected: '不予受理',
  withdrawn: '已撤回',
}

export type ComplaintAction = 'accept' | 'transfer' | 'askInfo' | 'start' | 'reply' | 'resolve' | 'reject' | 'answerReview' | 'withdraw' | 'review' | 'supplyInfo'

/**
 * The life of a ticket. Staff act through complaint.transition, the reporter on their own ticket through
 * complaint.own (src/domain/access.ts). Groups: `open` while the department works on it; `answered` once it has
 * given its answer (the reporter may rate it and ask for one review); `closed` when handling is over (the contact's
 * retention clock runs from then).
 */
export const COMPLAINT_MACHINE = defineMachine<ComplaintStatus, ComplaintAction, 'open' | 'answered' | 'closed'>({
  noun: '举报',
  statuses: COMPLAINT_STATUSES,
  label: COMPLAINT_STATUS_LABEL,
  actions: {
    accept: { from: { submitted: 'accepted' }, permission: 'complaint.transition', words: '受理' },
    // To another department or district, which takes it from 已分派 (the sender's acceptance stands for it).
    transfer: {
      from: { submitted: 'assigned', accepted: 'assigned', assigned: 'assigned', in_progress: 'assigned', awaiting_info: 'assigned' },
      permission: 'complaint.transition',
      words: '转办',
    },
    // The department asks the reporter for more; their 补充材料 (supplyInfo) puts it back in hand.
    askInfo: { from: { accepted: 'awaiting_info', assigned: 'awaiting_info', in_progress: 'awaiting_info' }, permission: 'complaint.transition', words: '请举报人补充材料' },
    start: { from: { assigned: 'in_progress', accepted: 'in_progress' }, permission: 'complaint.transition', words: '开始办理' },
    reply: { from: { in_progress: 'replied' }, permission: 'complaint.transition', words: '答复' },
    resolve: { from: { replied: 'resolved' }, permission: 'complaint.transition', words: '办结' },
    reject: { from: { submitted: 'rejected', accepted: 'rejected', assigned: 'rejected' }, permission: 'complaint.transition', words: '不予受理' },
    // The answer to the one review (复核) is final: it closes the ticket.
    answerReview: { from: { in_progress: 'resolved' }, permission: 'complaint.transition', words: '答复复核' },
    withdraw: {
      from: { submitted: 'withdrawn', accepted: 'withdrawn', assigned: 'withdrawn', in_progress: 'withdrawn', awaiting_info: 'withdrawn' },
      permission: 'complaint.own',
      words: '撤回',
    },
    // A review (复核) reopens the handling once, after an answer.
    review: { from: { replied: 'in_progress', resolved: 'in_progress', rejected: 'in_progress' }, permission: 'complaint.own', words: '申请复核' },
    supplyInfo: { from: { awaiting_info: 'in_progress' }, permission: 'complaint.own', words: '补充材料' },
  },
  groups: {
    open: ['submitted', 'accepted', 'assigned', 'in_progress', 'awaiting_info'],
    answered: ['replied', 'resolved', 'rejected'],
    closed: ['resolved', 'rejected', 'withdrawn'],
  },
})

export const OPEN_STATUSES: readonly ComplaintStatus[] = COMPLAINT_MACHINE.groups.open
/** After an answer the reporter may rate the handling, once per ticket (a later review does not reopen it). */
export const RATEABLE_STATUSES: readonly ComplaintStatus[] = COMPLAINT_MACHINE.groups.answered
export const CLOSED_STATUSES: readonly ComplaintStatus[] = COMPLAINT_MACHINE.groups.closed

/** Who may take each action (src/domain/access.ts): the handling staff, or the reporter on their own ticket. */
export const ACTION_PERMISSION = Object.fromEntries(
  Object.entries(COMPLAINT_MACHINE.actions).map(([action, a]) => [action, a.permission]),
) as Readonly<Record<ComplaintAction, Permission>>

export type TransitionVerdict = { ok: true; next: ComplaintStatus } | { ok: false; message: string }

/** The next status for an action, without saving anything. `reviewed` says whether the one review was used. */
export function nextComplaintStatus(current: ComplaintStatus, action: ComplaintAction, reviewed = false): TransitionVerdict {
  if (action === 'review' && reviewed) return { ok: false, message: '每件举报只能申请一次复核' }
  // While a review is open, the department's answer is the review's answer (final), not a second ordinary reply.
  if (current === 'in_progress' && action === 'reply' && reviewed) return { ok: false, message: '这件举报正在复核，请用“答复复核”给出复核结论' }
  if (action === 'answerReview' && !(current === 'in_progress' && reviewed)) return { ok: false, message: '只有举报人申请复核后，才能答复复核' }
  return step(COMPLAINT_MACHINE, current, action)
}

export function rateVerdict(status: ComplaintStatus, rated: boolean): { ok: true } | { ok: false; message: string } {
  if (rated) return { ok: false, message: '这件举报已经评价过了' }
  if (!inGroup(COMPLAINT_MACHINE, 'answered', status)) return { ok: false, message: '收到答复后才能评价' }
  return { ok: true }
}

/** How the reporter's additions (which leave the status as it is) begin their timeline note. */
export const EVENT_NOTE_PREFIX = { info: '补充说明：', evidence: '补充证据', rating: '评价：' } as const

export interface ComplaintPlace {
  /** The name on the sign. */
  name: string
  address: string
  lat?: number
  lng?: number
  district?: District
}

export interface PrepaidDetails {
  amountYuan?: number
  hours?: number
  months?: number
  intoEscrow?: boolean
  viaLoan?: boolean
}

/** The reporter's fee details in words, for the reporter's ticket and the staff view alike. */
export function prepaidWords(d: PrepaidDetails): string {
  const parts = [
    d.amountYuan !== undefined && `${d.amountYuan} 元`,
    d.hours !== undefined && `${d.hours} 课时`,
    d.months !== undefined && `${d.months} 个月`,
    d.intoEscrow === true && '交到监管专户',
    d.intoEscrow === false && '未进监管专户',
    d.viaLoan && '办了培训贷或分期',
  ].filter(Boolean)
  return parts.length ? parts.join('，') : '—'
}

export type ComplaintContact = { anonymous: true } | { anonymous: false; name: string; phone: string }

export interface ComplaintSubmitInput {
  /** Made by the client once per draft; a repeat returns the same ticket. */
  requestId: string
  category: ComplaintCategory
  /** An institution from search, or a place not on the list. */
  institutionId?: string
  place?: ComplaintPlace
  description: string
  /** When it happened (YYYY-MM-DD). */
  happenedOn: string
  details?: PrepaidDetails
  /** fileIds from POST /files: up to 9 images and 1 video. */
  evidence?: string[]
  contact: ComplaintContact
  /** The reporter allowed subscribe messages (wx.requestSubscribeMessage) for status changes. */
  subscribe?: boolean
}

export interface ComplaintReceipt {
  ticketNo: string
  status: ComplaintStatus
  /** Name of the handling department. */
  department: string
  /** Reply due (YYYY-MM-DD). */
  dueAt: string
  /** Open reports of the same category about the same institution in the last 30 days, before this one. */
  similarOpen: number
}

export interface ComplaintEvent {
  at: string
  status: ComplaintStatus
  /** Public words: a reason, a reply, an added note. */
  note?: string
  by: 'reporter' | 'staff' | 'system'
}

/** What the reporter (and the handling staff) see of a ticket. Never shown to anyone else. */
export interface ComplaintView {
  ticketNo: string
  status: ComplaintStatus
  category: ComplaintCategory
  institution?: { id: string; name: string }
  place?: ComplaintPlace
  description: string
  happenedOn: string
  details?: PrepaidDetails
  evidence: { fileId: string; sha256: string; mime: string; size: number; url: string }[]
  department: string
  acceptDueAt: string
  dueAt: string
  reviewed: boolean
  rating?: number
  /**
   * Absent when anonymous. The reporter sees their own number masked (138****1234); the handling staff see it whole,
   * because they call back — the reason the reporter gave it.
   */
  contact?: { name: string; phone: string }
  timeline: ComplaintEvent[]
  reply?: string
  /**
   * Handling staff only: the other reports of this category about this institution within 30 days either side, so
   * duplicates are handled together. Never in a reporter's view — those are other people's reports.
   */
  similar?: { ticketNo: string; status: ComplaintStatus; submittedAt: string }[]
}

export interface ComplaintListItem {
  ticketNo: string
  status: ComplaintStatus
  category: ComplaintCategory
  subject: string
  submittedAt: string
  dueAt: string
}

/**
 * The heading of each timeline entry: the status it moved the ticket to; but where the reporter acted without
 * changing the status (补充材料, 评价) or reopened it (申请复核), what they did — so the list does not read as if the
 * ticket was submitted twice, or as if the reporter put it back 办理中 themselves.
 */
export function timelineHeadings(events: readonly ComplaintEvent[]): string[] {
  return events.map((ev, i) => {
    const prev = i > 0 ? events[i - 1] : undefined
    if (!prev || ev.by !== 'reporter') return COMPLAINT_STATUS_LABEL[ev.status]
    if (prev.status === ev.status) return ev.note?.startsWith(EVENT_NOTE_PREFIX.rating) ? '评价' : '补充材料'
    if (COMPLAINT_MACHINE.actions.review.from[prev.status] === ev.status) return COMPLAINT_MACHINE.actions.review.words
    if (COMPLAINT_MACHINE.actions.supplyInfo.from[prev.status] === ev.status) return COMPLAINT_MACHINE.actions.supplyInfo.words
    return COMPLAINT_STATUS_LABEL[ev.status]
  })
}

export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '****'
}

export type { Department }
