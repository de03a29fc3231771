/** 850 米 under a kilometre, 1.2 公里 beyond, whole kilometres past 100. */
export function formatDistance(metres: number): string {
  if (!Number.isFinite(metres) || metres < 0) return ''
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} 米`
  const km = metres / 1000
  return km >= 100 ? `${Math.round(km)} 公里` : `${km.toFixed(1)} 公里`
}

/** 2023-06-12T00:00:00Z → 2023-06-12; dates are shown as the day they were published. */
export function formatDate(value: string | undefined): string {
  if (!value) return ''
  return value.slice(0, 10)
}
