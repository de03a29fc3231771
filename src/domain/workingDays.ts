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

/** Working days from `from` to `to` (exclusive of from, inclusive of to); 0 when `to` is not after `from`. */
export function workingDaysBetween(from: string, to: string, cal: Calendar): number {
  let n = 0
  const d = new Date(`${from}T00:00:00Z`)
  const end = new Date(`${to}T00:00:00Z`)
  while (d < end) {
    d.setUTCDate(d.getUTCDate() + 1)
    if (isWorkingDay(iso(d), cal)) n++
  }
  return n
}
