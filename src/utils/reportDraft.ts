// The report being written, kept in Taro storage after every change so it survives closing the mini-program; cleared
// only after the server confirmed the ticket. The tab page reads it to offer 继续填写; the flow (packages/report) owns it.
import Taro from '@tarojs/taro'
import { chinaToday } from '@/domain/chinaDate'
import type { ComplaintCategory } from '@/domain/complaints'
import type { ReportDraft as Prefill } from './prefill'

export const REPORT_DRAFT_KEY = 'report:draft'
export const REPORT_STEPS = ['问题', '机构', '经过', '证据', '提交'] as const

export type Escrow = 'escrow' | 'other' | 'unknown'

export interface EvidenceItem {
  /** Local key; the server's fileId arrives only after the upload. */
  key: string
  kind: 'image' | 'video'
  /** chooseMedia's temp path (a blob: URL on H5). It may be gone after a restart; an uploaded file no longer needs it. */
  path: string
  thumb?: string
  size: number
  /** Seconds, for a video. */
  duration?: number
  status: 'uploading' | 'done' | 'failed'
  fileId?: string
  sha256?: string
  /** Why the upload failed, in Chinese. */
  error?: string
}

export interface ReportFlowDraft {
  /** One per draft, made before the first submit and kept for every retry (the server's idempotency key). */
  requestId?: string
  /** 0-based index into REPORT_STEPS. */
  step: number
  category?: ComplaintCategory
  institution?: { id: string; name: string }
  /** The place is not on the registry: described by its sign and address. */
  notListed: boolean
  place: { name: string; address: string; lat?: number; lng?: number }
  description: string
  happenedOn: string
  prepaid: { amount: string; hours: string; months: string; escrow: Escrow; loan: boolean }
  evidence: EvidenceItem[]
  contact?: 'named' | 'anonymous'
  name: string
  phone: string
  /** The answer to the subscribe-message prompt, once asked (weapp). */
  subscribe?: boolean
  updatedAt: string
}

/** Today in Xiamen as YYYY-MM-DD (a report's date may not be later; the server checks the same day). */
export function today(): string {
  return chinaToday()
}

export function emptyDraft(): ReportFlowDraft {
  return {
    step: 0,
    notListed: false,
    place: { name: '', address: '' },
    description: '',
    happenedOn: today(),
    prepaid: { amount: '', hours: '', months: '', escrow: 'unknown', loan: false },
    evidence: [],
    name: '',
    phone: '',
    updatedAt: new Date().toISOString(),
  }
}

/** What the detail page or the fee checker knew, laid over a draft; the flow then opens at the first open question. */
export function applyPrefill(draft: ReportFlowDraft, prefill: Prefill | null): ReportFlowDraft {
  if (!prefill) return draft
  const next: ReportFlowDraft = { ...draft, prepaid: { ...draft.prepaid } }
  if (prefill.name && prefill.id) {
    next.institution = { id: prefill.id, name: prefill.name }
    next.notListed = false
  } else if (prefill.name) {
    next.notListed = true
    next.place = { ...next.place, name: prefill.name }
  }
  if (prefill.category) next.category = prefill.category
  const num = (n?: number) => (typeof n === 'number' && Number.isFinite(n) ? String(n) : '')
  if (prefill.amountYuan !== undefined) next.prepaid.amount = num(prefill.amountYuan)
  if (prefill.hours !== undefined) next.prepaid.hours = num(prefill.hours)
  if (prefill.months !== undefined) next.prepaid.months = num(prefill.months)
  if (prefill.intoEscrow !== undefined) next.prepaid.escrow = prefill.intoEscrow ? 'escrow' : 'other'
  if (prefill.viaLoan !== undefined) next.prepaid.loan = prefill.viaLoan
  next.step = firstOpenStep(next)
  return next
}

function firstOpenStep(d: ReportFlowDraft): number {
  if (!d.category) return 0
  if (!d.institution && !(d.notListed && d.place.name)) return 1
  return 2
}

export function loadDraft(): ReportFlowDraft | null {
  try {
    const value = Taro.getStorageSync(REPORT_DRAFT_KEY) as ReportFlowDraft | ''
    if (!value || typeof value !== 'object' || !Array.isArray(value.evidence)) return null
    const base = emptyDraft()
    return {
      ...base,
      ...value,
      place: { ...base.place, ...value.place },
      prepaid: { ...base.prepaid, ...value.prepaid },
      // An upload cut off by closing the app did not finish: offer 重试 instead of a bar that never moves.
      evidence: value.evidence.map((e) => (e.status === 'uploading' ? { ...e, status: 'failed', error: '上传被中断' } : e)),
    }
  } catch {
    return null
  }
}

export function saveDraft(draft: ReportFlowDraft): void {
  try {
    Taro.setStorageSync(REPORT_DRAFT_KEY, { ...draft, updatedAt: new Date().toISOString() })
  } catch {
    // Storage full or unavailable: the flow still works, only resuming later does not.
  }
}

export function clearDraft(): void {
  try {
    Taro.removeStorageSync(REPORT_DRAFT_KEY)
  } catch {
    // nothing to clear
  }
}

/** Whether a stored draft holds anything a person typed or chose. */
export function draftHasContent(d: ReportFlowDraft): boolean {
  return !!(d.category || d.institution || d.place.name || d.description.trim() || d.evidence.length)
}
