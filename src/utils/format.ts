/** 850 米 under a kilometre, 1.2 公里 beyond, whole kilometres past 100. */
export function formatDistance(metres: number): string {
  if (!Number.isFinite(metres) || metres < 0) return ''
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} 米`
  const km = metres / 1000
  return km >= 100 ? `${Math.round(km)} 公里` : `${km.toFixed(1)} 公里`
}

/**
 * A day as people in Xiamen read it (YYYY-MM-DD): a calendar date stays as it is, an instant becomes its China day
 * (2026-12-01T17:30:00Z → 2026-12-02), whatever the device's zone. See src/domain/chinaDate.ts.
 */
export { formatChinaDate as formatDate, formatChinaDateTime as formatDateTime, formatShortDay } from '../domain/chinaDate'
