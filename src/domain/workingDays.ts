// Working days for deadlines: weekends and public holidays are skipped, and the weekend days the State Council
// declares as make-up working days (调休上班) count. The calendar is data (table `holidays`), not code.

export interface Calendar {
  /** Dates (YYYY-MM-DD) that are public holidays. */
  holidays: ReadonlySet<string>
  /** Weekend dates (YYYY-MM-DD) that are working days. */
  workdays: ReadonlySet<string>
}

const iso = (d: Date) => d.toISOString().slice(0, 10)

export function isWorkingDay(date: string, cal: Calendar): boolean {
  if (cal.workdays.has(date)) return true
  if (cal.holidays.has(date)) return false
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay()
  return dow !== 0 && dow !== 6
}

/** The date `n` working days after `from` (the day of submission itself does not count). */
export function addWorkingDays(from: string, n: number, cal: Calendar): string {
  const d = new Date(`${from}T00:00:00Z`)
  let left = n
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1)
    if (isWorkingDay(iso(d), cal)) left--
  }
  return iso(d)
}

const DAY_MS = 86_400_000
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS
const isWeekend = (dayNo: number) => {
  const dow = (dayNo + 4) % 7 // 1970-01-01 was a Thursday
  return dow === 0 || dow === 6
}

/**
 * Working days from `from` to `to` (exclusive of from, inclusive of to); 0 when `to` is not after `from`. Counted by
 * whole weeks and then the calendar's exceptions, so a ticket two years overdue costs no more than one a day late
 * (the inbox works this out for every row it shows).
 */
export function workingDaysBetween(from: string, to: string, cal: Calendar): number {
  const f = dayNumber(from)
  const t = dayNumber(to)
  if (!(t > f)) return 0
  const span = t - f
  let n = Math.floor(span / 7) * 5
  for (let d = f + Math.floor(span / 7) * 7 + 1; d <= t; d++) if (!isWeekend(d)) n++
  for (const h of cal.holidays) if (h > from && h <= to && !cal.workdays.has(h) && !isWeekend(dayNumber(h))) n--
  for (const w of cal.workdays) if (w > from && w <= to && isWeekend(dayNumber(w))) n++
  return n
}
