// The fee checker's form state and its translation into the domain's PrepaidInput.
import type { PrepaidInput, PrepaidInputProblem } from '@/domain/prepaid'

export type Escrow = 'escrow' | 'other' | 'unknown'

export interface PrepaidForm {
  amount: string
  hours: string
  months: string
  escrow: Escrow
  loan: boolean
}

export const EMPTY_FORM: PrepaidForm = { amount: '', hours: '', months: '', escrow: 'unknown', loan: false }

export const ESCROW_OPTIONS: { value: Escrow; label: string; hint?: string }[] = [
  { value: 'escrow', label: '机构的预收费监管专户', hint: '户名与机构名称一致，开在监管银行' },
  { value: 'other', label: '个人账户或其他', hint: '老师或负责人的微信、支付宝、银行卡，或其他公司' },
  { value: 'unknown', label: '不清楚' },
]

/** "12,000" and "12000元" read as 12000; blank is "not given"; anything else is NaN for the domain to name. */
export function parseAmount(text: string): number | undefined {
  const cleaned = text.replace(/[\s,，元¥￥]/g, '')
  if (!cleaned) return undefined
  return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN
}

export function toInput(form: PrepaidForm): PrepaidInput {
  return {
    amountYuan: parseAmount(form.amount) ?? Number.NaN,
    hours: parseAmount(form.hours),
    months: parseAmount(form.months),
    intoEscrow: form.escrow === 'unknown' ? undefined : form.escrow === 'escrow',
    viaLoan: form.loan,
  }
}

/** The first problem of each field, keyed by field, to show next to it. */
export function problemsByField(problems: PrepaidInputProblem[]): Partial<Record<keyof PrepaidInput, string>> {
  const out: Partial<Record<keyof PrepaidInput, string>> = {}
  for (const p of problems) out[p.field] ??= p.message
  return out
}
