// Pages hand a report's starting point to the report tab through storage (switchTab takes no query): the detail page's
// 举报该机构 names the institution; the fee checker's 举报超额预收费 adds the category and the figures the parent typed.
import Taro from '@tarojs/taro'
import type { ViolationType } from '@/domain/content'
import { ROUTES } from './routes'

export const REPORT_PREFILL_KEY = 'report:prefill'

/** The institution a report is about (the original shape: readers that know only this keep working). */
export interface ReportPrefill {
  id: string
  name: string
}

/** Everything a report may start from; every field optional, the institution's id and name as before. */
export interface ReportDraft {
  id?: string
  name?: string
  category?: ViolationType
  amountYuan?: number
  hours?: number
  months?: number
  /** false: paid to a personal or other account; undefined: the parent did not know. */
  intoEscrow?: boolean
  viaLoan?: boolean
}

export function setReportPrefill(prefill: ReportDraft): void {
  Taro.setStorageSync(REPORT_PREFILL_KEY, prefill)
}

function read(): ReportDraft | null {
  try {
    const value = Taro.getStorageSync(REPORT_PREFILL_KEY) as ReportDraft | ''
    return value && typeof value === 'object' ? value : null
  } catch {
    return null
  }
}

/** The institution to report, when the prefill names one. */
export function getReportPrefill(): ReportPrefill | null {
  const value = read()
  return value && value.name ? { ...value, id: value.id ?? '', name: value.name } : null
}

/** The whole prefill: an institution, a category, figures — whatever the page that opened the report knew. */
export function getReportDraft(): ReportDraft | null {
  const value = read()
  return value && (value.name || value.category) ? value : null
}

export function clearReportPrefill(): void {
  Taro.removeStorageSync(REPORT_PREFILL_KEY)
}

/** 举报无证培训 from an empty search or a failed verification: no institution to name, so drop any stale one. */
export function openReportForUnlicensed(): void {
  clearReportPrefill()
  Taro.switchTab({ url: ROUTES.report })
}

/** 举报该机构 (detail page, verify result, payment advice): the report tab with this institution filled in. */
export function openReportFor(inst: { id: string; name: string }): void {
  setReportPrefill({ id: inst.id, name: inst.name })
  Taro.switchTab({ url: ROUTES.report })
}
