// The prepaid-fee rules a parent can check before paying (教育部等十三部门《关于规范面向中小学生的非学科类校外培训的意见》,
// 2022-12; 教监管函〔2021〕2号): one prepayment covers at most 3 months and at most 60 class hours, is at most ¥5,000,
// goes into the designated bank's supervised account, and is never financed by a training loan. Pure; no I/O.

export const PREPAID_LIMITS = { months: 3, hours: 60, amountYuan: 5000 } as const

export interface PrepaidInput {
  /** What the institution asks for at once, in yuan. */
  amountYuan: number
  /** Class hours the payment covers, if it is sold by hours. */
  hours?: number
  /** Months the payment covers, if it is sold by time (a term card counts by its validity). */
  months?: number
  /** Whether the money goes into the institution's supervised escrow account; undefined when the parent does not know. */
  intoEscrow?: boolean
  /** Whether the institution suggests paying through a loan or instalment product (培训贷). */
  viaLoan?: boolean
}

export type PrepaidRule = 'amount' | 'months' | 'hours' | 'escrow' | 'loan'

export interface PrepaidBreach {
  rule: PrepaidRule
  message: string
}

export type PrepaidVerdict =
  | { ok: true; breaches: PrepaidBreach[]; notes: string[] }
  | { ok: false; breaches: PrepaidBreach[]; notes: string[] }

export type PrepaidInputProblem = { field: keyof PrepaidInput; message: string }

const yuan = (n: number) => `¥${n.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}`

/** Numbers a person could mistype: negative, absurd or not numbers at all. */
export function prepaidInputProblems(i: PrepaidInput): PrepaidInputProblem[] {
  const out: PrepaidInputProblem[] = []
  const bad = (x: number) => typeof x !== 'number' || !Number.isFinite(x)
  if (bad(i.amountYuan) || i.amountYuan <= 0) out.push({ field: 'amountYuan', message: '请填写大于0的金额（元）' })
  else if (i.amountYuan > 1_000_000) out.push({ field: 'amountYuan', message: '金额超过100万元，请检查是否多输了0' })
  if (i.hours !== undefined) {
    if (bad(i.hours) || i.hours < 0) out.push({ field: 'hours', message: '课时数不能为负数' })
    else if (i.hours > 2000) out.push({ field: 'hours', message: '课时数超过2000，请检查是否输错' })
  }
  if (i.months !== undefined) {
    if (bad(i.months) || i.months < 0) out.push({ field: 'months', message: '月数不能为负数' })
    else if (i.months > 120) out.push({ field: 'months', message: '月数超过120（10年），请检查是否输错' })
  }
  if (i.hours === undefined && i.months === undefined) out.push({ field: 'hours', message: '请至少填写课时数或覆盖的月数' })
  return out
}

/** Checks an asked prepayment against every limit; each limit broken is named. Assumes prepaidInputProblems is empty. */
export function checkPrepaid(i: PrepaidInput): PrepaidVerdict {
  const breaches: PrepaidBreach[] = []
  const notes: string[] = []
  if (i.amountYuan > PREPAID_LIMITS.amountYuan) {
    breaches.push({ rule: 'amount', message: `一次预收 ${yuan(i.amountYuan)}，超过 ${yuan(PREPAID_LIMITS.amountYuan)} 的上限` })
  }
  if (i.months !== undefined && i.months > PREPAID_LIMITS.months) {
    breaches.push({ rule: 'months', message: `一次收取 ${i.months} 个月的费用，超过 3 个月的上限` })
  }
  if (i.hours !== undefined && i.hours > PREPAID_LIMITS.hours) {
    breaches.push({ rule: 'hours', message: `一次收取 ${i.hours} 课时的费用，超过 60 课时的上限` })
  }
  if (i.intoEscrow === false) {
    breaches.push({ rule: 'escrow', message: '预收费没有进入机构在银行开设的预收费监管专户（例如转到个人微信、支付宝或个人银行卡）' })
  } else if (i.intoEscrow === undefined) {
    notes.push('付款前请向机构确认收款账户是否为其预收费监管专户，并核对账户名称。')
  }
  if (i.viaLoan) breaches.push({ rule: 'loan', message: '通过“培训贷”或分期贷款缴纳培训费，这是明令禁止的' })
  if (breaches.length === 0) notes.push('按您填写的情况，这笔预收费没有超出规定。建议保存好合同和付款凭证。')
  return breaches.length ? { ok: false, breaches, notes } : { ok: true, breaches, notes }
}
