// The workbench forms' checks before anything is sent: the server's own schemas (src/domain/staff, staffRecords) and
// its personal-data check, so a refusal from either side says the same words beside the same field (the keys are the
// server's `fields` paths). Pure.
import * as v from 'valibot'
import type { Category, Department, District } from '../../domain/catalog'
import type { ChecklistItem, SupervisorKind } from '../../domain/checklist'
import type { ViolationType } from '../../domain/content'
import { personalDataProblems } from '../../domain/personalData'
import { CampaignSchema, INVITE_DAYS_MAX, InviteSchema } from '../../domain/staff'
import type { SaveCampaignInput } from '../../domain/staffAdmin'
import { CASE_TEXT_LABEL, NoticeSchema, PublishCaseSchema, SetInstitutionStatusSchema, type NoticeFields, type PublishCaseInput } from '../../domain/staffRecords'

export type FieldErrors = Record<string, string>

/**
 * Runs a schema and answers field → its first message. An empty text or day is sent as undefined, so the schema says
 * what is missing (请填写…), not that a format is wrong; the key stays, because a strict object names a missing key
 * only as 不支持的参数.
 */
export function schemaProblems(schema: v.GenericSchema, input: Record<string, unknown>, prefix = ''): FieldErrors {
  const given = Object.fromEntries(Object.entries(input).map(([key, value]) => [key, value === '' ? undefined : value]))
  const result = v.safeParse(schema, given, { abortPipeEarly: true })
  if (result.success) return {}
  const e: FieldErrors = {}
  for (const issue of result.issues) {
    const key = prefix + (issue.path?.map((p) => String(p.key)).join('.') ?? '')
    e[key] ??= issue.message
  }
  return e
}

/** The errors in the order the fields stand on screen, so the first one focused is the first one seen. */
function inOrder(errors: FieldErrors, order: readonly string[]): FieldErrors {
  const rank = (k: string) => (order.indexOf(k) < 0 ? order.length : order.indexOf(k))
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)))
}

// ---------------------------------------------------------------------------------------------
// The notice a change rests on

export interface NoticeDraft {
  title: string
  issuer: string
  date: string
  docNo: string
  url: string
}

export const emptyNotice = (date: string): NoticeDraft => ({ title: '', issuer: '', date, docNo: '', url: '' })
const NOTICE_ORDER = ['notice.title', 'notice.issuer', 'notice.date', 'notice.docNo', 'notice.url']

/** The notice as the contract takes it: trimmed, empty optional parts left out. */
export function toNotice(n: NoticeDraft): NoticeFields {
  const out: NoticeFields = { title: n.title.trim(), date: n.date }
  if (n.issuer.trim()) out.issuer = n.issuer.trim()
  if (n.docNo.trim()) out.docNo = n.docNo.trim()
  if (n.url.trim()) out.url = n.url.trim()
  return out
}

export function noticeProblems(n: NoticeDraft): FieldErrors {
  return schemaProblems(NoticeSchema, { ...toNotice(n) }, 'notice.')
}

// ---------------------------------------------------------------------------------------------
// A case

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

const CASE_ORDER = ['entityName', 'institutionId', 'district', 'type', 'date', 'facts', 'outcome', 'department', ...NOTICE_ORDER]

/**
 * The schema's refusals, then personal data in the public text (a phone, an ID card, a ticket number, the
 * reporter's name when known), each beside its field.
 */
export function caseProblems(input: PublishCaseInput, asAdmin: boolean, reporterNames: readonly string[]): FieldErrors {
  const e = schemaProblems(PublishCaseSchema, { ...input, notice: { ...input.notice, title: input.notice.title || undefined } })
  if (asAdmin && !input.department) e.department = '请选择以哪个部门的名义发布'
  const personal = personalDataProblems(
    {
      entityName: { label: CASE_TEXT_LABEL.entityName, text: input.entityName },
      facts: { label: CASE_TEXT_LABEL.facts, text: input.facts },
      outcome: { label: CASE_TEXT_LABEL.outcome, text: input.outcome },
    },
    reporterNames,
  )
  for (const [key, message] of Object.entries(personal)) e[key] ??= message
  return inOrder(e, CASE_ORDER)
}

// ---------------------------------------------------------------------------------------------
// A status change

export function statusProblems(input: { institutionId: string; status?: string; reason: string; notice: NoticeDraft }): FieldErrors {
  return inOrder(
    schemaProblems(SetInstitutionStatusSchema, { ...input, reason: input.reason.trim(), notice: { ...toNotice(input.notice), title: input.notice.title.trim() || undefined } }),
    ['status', 'reason', ...NOTICE_ORDER],
  )
}

// ---------------------------------------------------------------------------------------------
// Campaigns and invitations

export interface CampaignDraft {
  id?: string
  name: string
  startsOn: string
  endsOn: string
  districts: District[]
  focus: ChecklistItem[]
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
  const whole = /^\d+$/.test(days)
  const e = schemaProblems(InviteSchema, { district: d.district, kind: d.kind, days: whole ? Number(days) : undefined })
  if (!whole) e.days = `有效天数请填写1到${INVITE_DAYS_MAX}之间的整数`
  return e
}
