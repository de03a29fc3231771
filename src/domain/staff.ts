// The department workbench (staff.*): what each action takes and answers, and which permission it needs. The
// function entry is typed against STAFF_ACTION_ACCESS, so an action cannot exist without its row, and the access
// matrix test (test/api/staffAccess.test.ts) is generated from the same rows.
import * as v from 'valibot'
import type { Permission } from './access'
import { DEPARTMENTS, DISTRICTS, type Department, type District } from './catalog'
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, type ComplaintCategory, type ComplaintStatus, type ComplaintView } from './complaints'
import { typeMessage } from './inputMessages'
import { calendarDate } from './calendarDate'
import { CHECKLIST_ITEMS, SUPERVISOR_KINDS, type ChecklistItem, type SupervisorKind } from './checklist'

export const STAFF_ACTIONS = [
  'inbox',
  'complaint',
  'transition',
  'revealContact',
  'publishCase',
  'setInstitutionStatus',
  'importInstitutions',
  'invite',
  'supervisors',
  'campaigns',
  'saveCampaign',
  'stats',
  'audit',
  'observations',
] as const
export type StaffAction = (typeof STAFF_ACTIONS)[number]

/**
 * The permission each action needs somewhere (the service then checks it against the record it touches). The
 * matrix test calls every action as every kind of account and expects exactly what `can()` says for this row.
 */
export const STAFF_ACTION_ACCESS: Readonly<Record<StaffAction, Permission>> = {
  inbox: 'complaint.view',
  complaint: 'complaint.view',
  transition: 'complaint.transition',
  revealContact: 'complaint.revealContact',
  publishCase: 'case.publish',
  setInstitutionStatus: 'institution.setStatus',
  importInstitutions: 'institution.import',
  invite: 'supervisor.invite',
  supervisors: 'supervisor.invite',
  campaigns: 'campaign.edit',
  saveCampaign: 'campaign.edit',
  stats: 'complaint.view',
  audit: 'audit.read',
  observations: 'observation.view',
}

// ---------------------------------------------------------------------------------------------
// Inputs

const TICKET_NO = v.pipe(v.string(typeMessage('缺少举报编号', '举报编号应为文字')), v.regex(/^XM\d{8}-\d{4,12}$/, '举报编号格式不正确'))

const text = (field: string, min: number, max: number) =>
  v.pipe(
    v.string(typeMessage(`请填写${field}`, `${field}应为文字`)),
    v.trim(),
    v.minLength(min, min <= 1 ? `请填写${field}` : `${field}至少${min}个字`),
    v.maxLength(max, `${field}不能超过${max}个字`),
  )
const optionalText = (field: string, max: number) => v.optional(v.pipe(v.string(`${field}应为文字`), v.trim(), v.maxLength(max, `${field}不能超过${max}个字`)))

export const InboxSchema = v.strictObject(
  {
    status: v.optional(v.picklist(COMPLAINT_STATUSES, '未知的办理状态')),
    category: v.optional(v.picklist(COMPLAINT_CATEGORIES, '未知的举报类别')),
    district: v.optional(v.picklist(DISTRICTS, '未知的行政区')),
    overdue: v.optional(v.boolean('“只看超期”应为是或否')),
    q: v.optional(v.pipe(v.string('搜索词应为文字'), v.trim(), v.maxLength(50, '搜索词不能超过50个字'))),
    cursor: v.optional(v.pipe(v.string('翻页标记应为文字'), v.maxLength(80, '翻页标记无效'))),
  },
  '不支持的参数',
)
export type InboxInput = v.InferOutput<typeof InboxSchema>

export const StaffTicketSchema = v.strictObject({ ticketNo: TICKET_NO }, '不支持的参数')

/** A public reply (the reporter reads it) is at least this long: "已处理" answers nobody. */
export const REPLY_MIN = 10
export const REPLY_MAX = 2000
/** An internal note: the department's own record, never shown to the reporter. */
const internalNote = optionalText('内部备注', 1000)

/** Each step's own fields; `step` names it, because the event's `action` names the function's action. */
export const TransitionSchema = v.variant(
  'step',
  [
    v.strictObject({ ticketNo: TICKET_NO, step: v.literal('accept'), note: internalNote }, '不支持的参数'),
    v.strictObject(
      {
        ticketNo: TICKET_NO,
        step: v.literal('transfer'),
        department: v.picklist(DEPARTMENTS, typeMessage('请选择转往的部门', '未知的部门')),
        /** Absent or null: the department's city level. */
        district: v.optional(v.nullable(v.picklist(DISTRICTS, '未知的行政区'))),
        reason: text('转办理由', 4, 500),
      },
      '不支持的参数',
    ),
    v.strictObject({ ticketNo: TICKET_NO, step: v.literal('askInfo'), question: text('需要补充的内容', REPLY_MIN, 1000), note: internalNote }, '不支持的参数'),
    v.strictObject({ ticketNo: TICKET_NO, step: v.literal('start'), note: internalNote }, '不支持的参数'),
    v.strictObject({ ticketNo: TICKET_NO, step: v.literal('reply'), reply: text('答复', REPLY_MIN, REPLY_MAX), note: internalNote }, '不支持的参数'),
    v.strictObject({ ticketNo: TICKET_NO, step: v.literal('resolve'), reason: text('办结说明', 4, 1000), note: internalNote }, '不支持的参数'),
    v.strictObject({ ticketNo: TICKET_NO, step: v.literal('reject'), reason: text('不予受理的理由', REPLY_MIN, 1000), note: internalNote }, '不支持的参数'),
    v.strictObject({ ticketNo: TICKET_NO, step: v.literal('answerReview'), reply: text('复核结论', REPLY_MIN, REPLY_MAX), note: internalNote }, '不支持的参数'),
    v.strictObject({ ticketNo: TICKET_NO, step: v.literal('note'), note: text('内部备注', 2, 1000) }, '不支持的参数'),
  ],
  typeMessage('请选择办理操作', '未知的办理操作'),
)
export type TransitionInput = v.InferOutput<typeof TransitionSchema>
export type StaffStep = TransitionInput['step']

export const STAFF_STEP_LABEL: Readonly<Record<StaffStep, string>> = {
  accept: '受理',
  transfer: '转办',
  askInfo: '请举报人补充材料',
  start: '开始办理',
  reply: '答复',
  resolve: '办结',
  reject: '不予受理',
  answerReview: '答复复核',
  note: '内部备注',
}

// ---------------------------------------------------------------------------------------------
// Answers

export interface InboxItem {
  ticketNo: string
  status: ComplaintStatus
  category: ComplaintCategory
  /** The institution's name, or the sign of a place not on the list. */
  subject: string
  department: Department
  district: District | null
  submittedAt: string
  /** The deadline that applies now: acceptance while 已提交, the reply after (YYYY-MM-DD). */
  dueAt: string
  /** Working days past dueAt (0 when on time); only open tickets are ever overdue. */
  overdueDays: number
  /** Other open reports of this category about this institution in the account's scope (similar reports). */
  similarOpen: number
  /** Shared by the similar reports of one group: the institution and category. */
  groupKey?: string
}

/**
 * One page of the inbox. The numbers — total, counts per status, overdue — come with the first page only (no cursor):
 * a later page answers its rows and the next cursor, since the list already shows the first page's numbers.
 */
export interface InboxPage {
  items: InboxItem[]
  /** Exact, except under a search for a closed tab or a bare ticket prefix, which stop at 1000 (totalCapped: "1000+"). */
  total?: number
  totalCapped?: boolean
  nextCursor?: string
  /** Tickets per status in the account's scope, for the tabs (filters other than status applied): every open status,
   *  and the chosen one; countsCapped lists those that stopped at 1000. */
  counts?: Partial<Record<ComplaintStatus, number>>
  countsCapped?: ComplaintStatus[]
  overdue?: number
  overdueCapped?: boolean
}

export interface StaffTimelineEntry {
  at: string
  status: ComplaintStatus
  by: 'reporter' | 'staff' | 'system'
  note?: string
  /** The department's own note: never part of the reporter's view. */
  internalNote?: string
  /** Who acted, for staff entries. */
  actorName?: string
}

/** What handling staff see of a ticket: the reporter's view (phone masked) plus the department's own record. */
export interface StaffComplaintView extends Omit<ComplaintView, 'timeline'> {
  timeline: StaffTimelineEntry[]
  departmentCode: Department
  district: District | null
  acceptOverdueDays: number
  overdueDays: number
  /** The steps this account may take now, in the order the desk offers them. */
  steps: StaffStep[]
  /** Whether the account may reveal a named reporter's whole phone number (a logged action). */
  canRevealContact: boolean
}

// ---------------------------------------------------------------------------------------------
// Supervisors, campaigns, figures, audit

export const INVITE_DAYS_DEFAULT = 14
export const INVITE_DAYS_MAX = 90

export const InviteSchema = v.strictObject(
  {
    district: v.picklist(DISTRICTS, typeMessage('请选择监督员所在的行政区', '未知的行政区')),
    kind: v.picklist(SUPERVISOR_KINDS, typeMessage('请选择监督员类别', '未知的监督员类别')),
    days: v.optional(v.pipe(v.number('有效天数应为数字'), v.integer('有效天数应为整数'), v.minValue(1, '有效天数至少1天'), v.maxValue(INVITE_DAYS_MAX, `有效天数不能超过${INVITE_DAYS_MAX}天`))),
  },
  '不支持的参数',
)

export const SupervisorsSchema = v.strictObject({ district: v.optional(v.picklist(DISTRICTS, '未知的行政区')) }, '不支持的参数')

export interface SupervisorItem {
  id: string
  name: string
  district: District
  kind: SupervisorKind
  visits: number
  lastVisitAt?: string
}

export interface InvitationItem {
  code: string
  district: District
  kind: SupervisorKind
  expiresAt: string
  usedAt?: string
}

export const CampaignsSchema = v.strictObject({}, '不支持的参数')

export const CampaignSchema = v.pipe(
  v.strictObject(
    {
      id: v.optional(v.pipe(v.string('专项行动编号应为文字'), v.regex(/^[0-9a-f-]{36}$/, '专项行动编号无效'))),
      name: text('行动名称', 2, 60),
      startsOn: calendarDate('开始日期'),
      endsOn: calendarDate('结束日期'),
      districts: v.pipe(v.array(v.picklist(DISTRICTS, '未知的行政区'), '行政区应为列表'), v.minLength(1, '请至少选择一个行政区'), v.maxLength(DISTRICTS.length, '行政区重复')),
      focus: v.pipe(v.array(v.picklist(CHECKLIST_ITEMS, '未知的检查项'), '重点检查项应为列表'), v.minLength(1, '请至少选择一个重点检查项'), v.maxLength(CHECKLIST_ITEMS.length, '重点检查项重复')),
    },
    '不支持的参数',
  ),
  v.forward(v.check((c) => c.endsOn >= c.startsOn, '结束日期不能早于开始日期'), ['endsOn']),
)

export interface Campaign {
  id: string
  name: string
  startsOn: string
  endsOn: string
  districts: District[]
  focus: ChecklistItem[]
  updatedAt: string
}

export const STATS_PERIODS = [30, 90, 365] as const
export const StatsSchema = v.strictObject(
  { days: v.optional(v.picklist(STATS_PERIODS, '统计周期应为30、90或365天')) },
  '不支持的参数',
)

export interface HandlingFigures {
  received: number
  /** Accepted (or transferred, or refused) by the acceptance deadline. */
  acceptedOnTime: number
  /** Answered (replied, resolved or refused) by the reply deadline. */
  repliedOnTime: number
  replied: number
  /** Open now and past the deadline that applies. */
  overdue: number
  /** Working days from submission to the first answer; null when nothing was answered. */
  medianReplyDays: number | null
}

export interface StaffStats {
  days: number
  from: string
  to: string
  rows: (HandlingFigures & { department: Department; district: District | null })[]
  total: HandlingFigures
}

export const AuditSchema = v.strictObject({ cursor: v.optional(v.pipe(v.string('翻页标记应为文字'), v.maxLength(40, '翻页标记无效'))) }, '不支持的参数')

export interface AuditItem {
  id: string
  at: string
  actorName: string
  actorRole: string
  action: string
  targetType: string
  targetId?: string
  detail: Record<string, unknown>
}
