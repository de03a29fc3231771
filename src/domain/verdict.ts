// The one rule on money for every verdict: which statuses may be paid, and what a parent who already paid should do.
// The detail page, the verify result and the verdict card all read it from here, so a bad verdict can never be shown
// beside an invitation to pay (issue 8, point 12).
import type { InstitutionStatus } from './catalog'

/** What a look-up can conclude: one of the statuses, or that no such institution is on record. */
export type VerdictKind = InstitutionStatus | 'not_found'

export type AdviceStepKind = 'keep' | 'refund' | 'escrow' | 'report' | 'hotline' | 'fees'

/** One thing to do, in order. `report` is shown as a link into the report flow; the others are plain text. */
export interface AdviceStep {
  kind: AdviceStepKind
  text: string
}

export interface PaymentAdvice {
  /** Only an approved (white-listed) institution may be paid, and only into its supervised escrow account. */
  invitesPayment: boolean
  /** The warning in large words, absent when payment is allowed. */
  warning?: '请勿报名缴费' | '暂缓报名缴费'
  /** Why, in one sentence. */
  why: string
  /** What to do if already paid; empty when payment is allowed. */
  ifPaid: AdviceStep[]
}

export const HOTLINE_GENERAL = '12345'
export const HOTLINE_FEES = '12315'

const KEEP: AdviceStep = { kind: 'keep', text: '保留好收据、合同、聊天记录和转账记录。' }
const REPORT: AdviceStep = { kind: 'report', text: '在本程序举报，我们会转交主管部门处理。' }
const HOTLINE: AdviceStep = { kind: 'hotline', text: `拨打 ${HOTLINE_GENERAL} 政务服务便民热线反映。` }
const FEES: AdviceStep = { kind: 'fees', text: `退费、收费方面的纠纷，可拨打 ${HOTLINE_FEES} 向市场监管部门投诉。` }

/** Not on record, or on the black list: nothing protects the money, so the advice is the same for both. */
const UNPROTECTED: PaymentAdvice = {
  invitesPayment: false,
  warning: '请勿报名缴费',
  why: '该机构不在监管范围内，所交费用没有监管账户保障。',
  ifPaid: [KEEP, { kind: 'refund', text: '尽快要求对方退还全部费用，不再续费、不办理“培训贷”。' }, REPORT, HOTLINE, FEES],
}

/** Suspended or revoked: it once had an escrow account, so unused fees may still be traced there. */
const WAS_LICENSED: AdviceStep[] = [
  KEEP,
  { kind: 'refund', text: '要求机构退还未上课时的费用。' },
  { kind: 'escrow', text: '费用已缴入监管账户的，可凭合同向监管银行查询未消课资金。' },
  REPORT,
  HOTLINE,
  FEES,
]

const ADVICE: Record<VerdictKind, PaymentAdvice> = {
  approved: { invitesPayment: true, why: '已列入白名单，培训费须缴入机构的预收费监管账户。', ifPaid: [] },
  pending: {
    invitesPayment: false,
    warning: '暂缓报名缴费',
    why: '审批尚未完成，列入白名单之前不得招生收费。',
    ifPaid: [KEEP, { kind: 'refund', text: '要求机构退还已收费用，等列入白名单后再报名。' }, REPORT, HOTLINE, FEES],
  },
  suspended: {
    invitesPayment: false,
    warning: '请勿报名缴费',
    why: '整改期间不得招生收费，此时缴费没有保障。',
    ifPaid: WAS_LICENSED,
  },
  revoked: {
    invitesPayment: false,
    warning: '请勿报名缴费',
    why: '机构已没有办学资格，此时缴费没有任何保障。',
    ifPaid: WAS_LICENSED,
  },
  blacklisted: UNPROTECTED,
  not_found: UNPROTECTED,
}

export function paymentAdvice(verdict: VerdictKind): PaymentAdvice {
  return ADVICE[verdict]
}

export function invitesPayment(verdict: VerdictKind): boolean {
  return ADVICE[verdict].invitesPayment
}
