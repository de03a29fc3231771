// The report form's checks, step by step, and its translation into the contract's ComplaintSubmitInput. Pure.
import * as v from 'valibot'
import { ComplaintSubmitSchema, PHONE_PATTERN, TICKET_REASON_MAX, TICKET_REASON_MIN } from '@/domain/complaintSchemas'
import type { ComplaintSubmitInput, PrepaidDetails } from '@/domain/complaints'
import type { EvidenceItem, ReportFlowDraft } from '@/utils/reportDraft'

export const DESCRIPTION_MIN = 10
export const DESCRIPTION_MAX = 2000
// One source for the evidence limits: the server checks the same numbers.
export { MAX_PHOTOS as MAX_IMAGES, MAX_VIDEOS, MAX_VIDEO_SECONDS } from '@/domain/media'

/** Field key (the server's `fields` keys use the same paths) → Chinese message. */
export type FieldErrors = Record<string, string>

/** Which step holds a field, so a server's complaint about it can take the person there. */
export function stepOfField(field: string): number {
  const head = field.split(/[.[]/)[0]
  if (head === 'category') return 0
  if (head === 'institutionId' || head === 'institution' || head === 'place') return 1
  if (head === 'description' || head === 'happenedOn' || head === 'details') return 2
  if (head === 'evidence') return 3
  return 4
}

function count(text: string): number {
  return text.trim().length
}

function numberProblem(text: string, what: string): string | undefined {
  const cleaned = text.replace(/[\s,，元¥￥]/g, '')
  if (!cleaned) return undefined
  if (!/^\d+(\.\d+)?$/.test(cleaned) || Number(cleaned) <= 0) return `${what}请填写大于0的数字`
  return undefined
}

export function parseNumber(text: string): number | undefined {
  const cleaned = text.replace(/[\s,，元¥￥]/g, '')
  return /^\d+(\.\d+)?$/.test(cleaned) && Number(cleaned) > 0 ? Number(cleaned) : undefined
}

export function validateStep(d: ReportFlowDraft, step: number, now: string): FieldErrors {
  const e: FieldErrors = {}
  if (step === 0 && !d.category) e.category = '请选择要举报的问题'
  if (step === 1) {
    if (d.notListed) {
      if (count(d.place.name) < 2) e['place.name'] = '请填写招牌上的名称（至少2个字）'
      if (count(d.place.address) < 5) e['place.address'] = '请填写地址，写到门牌号或楼层更好找'
    } else if (!d.institution) {
      e.institutionId = '请搜索并选择机构；名单上查不到时，请选“不在名单上”'
    }
  }
  if (step === 2) {
    const n = count(d.description)
    if (n < DESCRIPTION_MIN) e.description = `请至少写 ${DESCRIPTION_MIN} 个字，说明发生了什么`
    else if (n > DESCRIPTION_MAX) e.description = `最多 ${DESCRIPTION_MAX} 个字，请精简一些`
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d.happenedOn)) e.happenedOn = '请选择发生日期'
    else if (d.happenedOn > now) e.happenedOn = '发生日期不能晚于今天'
    if (d.category === 'prepaid_fees') {
      const amount = numberProblem(d.prepaid.amount, '金额')
      const hours = numberProblem(d.prepaid.hours, '课时数')
      const months = numberProblem(d.prepaid.months, '月数')
      if (amount) e['details.amountYuan'] = amount
      if (hours) e['details.hours'] = hours
      if (months) e['details.months'] = months
    }
  }
  if (step === 3) {
    const problem = evidenceProblem(d.evidence)
    if (problem) e.evidence = problem
  }
  if (step === 4) {
    if (!d.contact) e.contact = '请选择实名或匿名'
    if (d.contact === 'named') {
      const name = d.name.trim()
      if (!name) e['contact.name'] = '请填写姓名，方便处理部门联系您'
      else if (name.length > 30) e['contact.name'] = '姓名最多 30 个字'
      const phone = d.phone.replace(/\s|-/g, '')
      if (!phone) e['contact.phone'] = '请填写手机号'
      else if (!PHONE_PATTERN.test(phone)) e['contact.phone'] = '请填写 11 位手机号，以 1 开头'
    }
  }
  return e
}

export function evidenceProblem(items: EvidenceItem[]): string | undefined {
  if (items.some((i) => i.status === 'uploading')) return '证据还在上传，请稍候'
  const failed = items.filter((i) => i.status === 'failed').length
  if (failed) return `有 ${failed} 个文件没有上传成功，请点“重试”或删除后再继续`
  return undefined
}

/** A reason for 撤回 or 申请复核, named by its label (撤回原因, 复核理由); the limits are the server's. */
export function reasonProblem(label: string, text: string): string | undefined {
  const n = count(text)
  if (n === 0) return `请填写${label}`
  if (n < TICKET_REASON_MIN) return `${label}至少写 ${TICKET_REASON_MIN} 个字`
  if (n > TICKET_REASON_MAX) return `${label}最多 ${TICKET_REASON_MAX} 个字，请精简一些`
  return undefined
}

/** Every step's problems; the first step with one is where the person goes. */
export function validateAll(d: ReportFlowDraft, now: string): { errors: FieldErrors; firstStep: number } {
  let errors: FieldErrors = {}
  let firstStep = -1
  for (let s = 0; s < 5; s++) {
    const e = validateStep(d, s, now)
    if (Object.keys(e).length && firstStep < 0) firstStep = s
    errors = { ...errors, ...e }
  }
  return { errors, firstStep }
}

export function toSubmitInput(d: ReportFlowDraft, requestId: string, subscribe: boolean): ComplaintSubmitInput {
  const input: ComplaintSubmitInput = {
    requestId,
    category: d.category!,
    description: d.description.trim(),
    happenedOn: d.happenedOn,
    contact: d.contact === 'named' ? { anonymous: false, name: d.name.trim(), phone: d.phone.replace(/\s|-/g, '') } : { anonymous: true },
    subscribe,
  }
  if (d.notListed) {
    input.place = { name: d.place.name.trim(), address: d.place.address.trim() }
    if (d.place.lat !== undefined && d.place.lng !== undefined) {
      input.place.lat = d.place.lat
      input.place.lng = d.place.lng
    }
  } else if (d.institution) {
    input.institutionId = d.institution.id
  }
  if (d.category === 'prepaid_fees') {
    const details: PrepaidDetails = {}
    const amount = parseNumber(d.prepaid.amount)
    const hours = parseNumber(d.prepaid.hours)
    const months = parseNumber(d.prepaid.months)
    if (amount !== undefined) details.amountYuan = amount
    if (hours !== undefined) details.hours = hours
    if (months !== undefined) details.months = months
    if (d.prepaid.escrow !== 'unknown') details.intoEscrow = d.prepaid.escrow === 'escrow'
    details.viaLoan = d.prepaid.loan
    input.details = details
  }
  const files = d.evidence.filter((i) => i.status === 'done' && i.fileId).map((i) => i.fileId!)
  if (files.length) input.evidence = files
  return input
}

/** The server's own schema, run before sending: whatever it would refuse is named here, next to its field. */
export function schemaProblems(input: ComplaintSubmitInput): FieldErrors {
  const result = v.safeParse(ComplaintSubmitSchema, input, { abortPipeEarly: true })
  if (result.success) return {}
  const fields: FieldErrors = {}
  for (const issue of result.issues) {
    const field = issue.path?.map((p) => String(p.key)).join('.') || 'category'
    fields[field] ??= issue.message
  }
  return fields
}
