// The workbench forms' own checks, run before anything is sent, with the server's limits (the staff API contract).
// Keys are the server's `fields` paths, so a refusal from either side lands beside the same field. Pure.
import * as v from 'valibot'
import type { Category, Department, District } from '@/domain/catalog'
import type { ChecklistItem, SupervisorKind } from '@/domain/checklist'
import type { ViolationType } from '@/domain/content'
import { CampaignSchema, INVITE_DAYS_MAX, InviteSchema } from '@/domain/staff'
import type { NoticeInput, SaveCampaignInput } from '@/domain/staffAdmin'

export type FieldErrors = Record<string, string>

export interface NoticeDraft {
  title: string
  issuer: string
  date: string
  docNo: string
  url: string
}

export const emptyNotice = (date: string): NoticeDraft => ({ title: '', issuer: '', date, docNo: '', url: '' })

const DAY = /^\d{4}-\d{2}-\d{2}$/
const URL_PATTERN = /^https?:\/\/[^\s]+$/i

/** Empty, too short or too long: the message names the field. */
export function textProblem(label: string, text: string, min: number, max: number): string | undefined {
  const n = text.trim().length
  if (n === 0) return `请填写${label}`
  if (n < min) return `${label}至少${min}个字`
  if (n > max) return `${label}不能超过${max}个字`
  return undefined
}

function optionalTooLong(label: string, text: string, max: number): string | undefined {
  return text.trim().length > max ? `${label}不能超过${max}个字` : undefined
}

function dayProblem(label: string, day: string, today: string): string | undefined {
  if (!DAY.test(day)) return `请选择${label}`
  if (day > today) return `${label}不能晚于今天`
  return undefined
}

function put(errors: FieldErrors, key: string, message: string | undefined) {
  if (message) errors[key] = message
}

export function noticeProblems(n: NoticeDraft, today: string): FieldErrors {
  const e: FieldErrors = {}
  put(e, 'notice.title', textProblem('通报标题', n.title, 4, 300))
  put(e, 'notice.issuer', optionalTooLong('发布机关', n.issuer, 200))
  put(e, 'notice.date', dayProblem('通报日期', n.date, today))
  put(e, 'notice.docNo', optionalTooLong('文号', n.docNo, 100))
  if (n.url.trim() && !URL_PATTERN.test(n.url.trim())) e['notice.url'] = '链接应以 http:// 或 https:// 开头'
  return e
}

/** The notice as the contract takes it: trimmed, empty optional parts left out. */
export function toNotice(n: NoticeDraft): NoticeInput {
  const out: NoticeInput = { title: n.title.trim(), date: n.date }
  if (n.issuer.trim()) out.issuer = n.issuer.trim()
  if (n.docNo.trim()) out.docNo = n.docNo.trim()
  if (n.url.trim()) out.url = n.url.trim()
  return out
}

export interface CaseDraft {
  date: string
  entityName: string
  /** A registry entry the case links to (its page lists the case). */
  institution?: { id: string; name: string; category: Category }
  district?: District
  /** Admin only: the department the case is published under. */
  department?: Department
  type?: ViolationType
  facts: string
  outcome: string
  notice: NoticeDraft
}

export function caseProblems(d: CaseDraft, today: string, asAdmin: boolean): FieldErrors {
  const e: FieldErrors = {}
  if (asAdmin && !d.department) e.department = '请选择以哪个部门的名义发布'
  put(e, 'entityName', textProblem('机构或经营者名称', d.entityName, 2, 100))
  if (!d.district) e.district = '请选择所在区'
  if (!d.type) e.type = '请选择违规类型'
  put(e, 'date', dayProblem('处理日期', d.date, today))
  put(e, 'facts', textProblem('违规事实', d.facts, 10, 2000))
  put(e, 'outcome', textProblem('处理结果', d.outcome, 4, 1000))
  return { ...e, ...noticeProblems(d.notice, today) }
}

export const REASON_MIN = 4
export const REASON_MAX = 500

export interface CampaignDraft {
  id?: string
  name: string
  startsOn: string
  endsOn: string
  districts: District[]
  focus: ChecklistItem[]
}

/**
 * The server's own schema, run before sending: whatever it would refuse is named here, beside its field, in its words.
 * An empty text or day is sent as undefined, so the schema says what is missing (请选择…), not that a format is wrong;
 * the key stays, because a strict object names a missing key only as 不支持的参数.
 */
export function schemaProblems(schema: v.GenericSchema, input: Record<string, unknown>): FieldErrors {
  const given = Object.fromEntries(Object.entries(input).map(([key, value]) => [key, value === '' ? undefined : value]))
  const result = v.safeParse(schema, given, { abortPipeEarly: true })
  if (result.success) return {}
  const e: FieldErrors = {}
  for (const issue of result.issues) {
    const key = issue.path?.map((p) => String(p.key)).join('.') || 'name'
    e[key] ??= issue.message
  }
  return e
}

export function toCampaignInput(d: CampaignDraft): SaveCampaignInput {
  const { id, ...rest } = d
  return { ...(id ? { id } : {}), ...rest, name: rest.name.trim() }
}

export function campaignProblems(d: CampaignDraft): FieldErrors {
  return schemaProblems(CampaignSchema, { ...toCampaignInput(d) })
}

export interface InviteDraft {
  district?: District
  kind?: SupervisorKind
  days: string
}

export function inviteProblems(d: InviteDraft): FieldErrors {
  const days = d.days.trim()
  const e = schemaProblems(InviteSchema, { district: d.district, kind: d.kind, days: /^\d+$/.test(days) ? Number(days) : undefined })
  if (!/^\d+$/.test(days)) e.days = `有效天数请填写1到${INVITE_DAYS_MAX}之间的整数`
  return e
}
