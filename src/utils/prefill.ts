// The detail page's 举报该机构 hands the institution to the report tab through storage (switchTab takes no query).
import Taro from '@tarojs/taro'
import { ROUTES } from './routes'

export const REPORT_PREFILL_KEY = 'report:prefill'

export interface ReportPrefill {
  id: string
  name: string
}

export function setReportPrefill(prefill: ReportPrefill): void {
  Taro.setStorageSync(REPORT_PREFILL_KEY, prefill)
}

export function getReportPrefill(): ReportPrefill | null {
  try {
    const value = Taro.getStorageSync(REPORT_PREFILL_KEY) as ReportPrefill | ''
    return value && typeof value === 'object' && value.name ? value : null
  } catch {
    return null
  }
}

export function clearReportPrefill(): void {
  Taro.removeStorageSync(REPORT_PREFILL_KEY)
}

/** 举报无证培训 from an empty search or a failed verification: no institution to name, so drop any stale one. */
export function openReportForUnlicensed(): void {
  clearReportPrefill()
  Taro.switchTab({ url: ROUTES.report })
}
