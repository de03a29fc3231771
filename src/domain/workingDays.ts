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
  const { weekdaysOff, weekendsOn } = exceptionsOf(cal)
  return n - countIn(weekdaysOff, f, t) + countIn(weekendsOn, f, t)
}

interface Exceptions {
  /** Holidays that fall on a weekday (and are not also make-up days), as sorted day numbers. */
  weekdaysOff: number[]
  /** Make-up working days that fall on a weekend, as sorted day numbers. */
  weekendsOn: number[]
}

// Worked out once per calendar (the inbox asks for every row it shows, with the same calendar).
const exceptionsByCalendar = new WeakMap<Calendar, Exceptions>()

function exceptionsOf(cal: Calendar): Exceptions {
  let e = exceptionsByCalendar.get(cal)
  if (!e) {
    const sorted = (days: Iterable<string>, keep: (d: string, n: number) => boolean) =>
      [...days]
        .map((d) => [d, dayNumber(d)] as const)
        .filter(([d, n]) => Number.isFinite(n) && keep(d, n))
        .map(([, n]) => n)
        .sort((a, b) => a - b)
    e = {
      weekdaysOff: sorted(cal.holidays, (d, n) => !cal.workdays.has(d) && !isWeekend(n)),
      weekendsOn: sorted(cal.workdays, (_, n) => isWeekend(n)),
    }
    exceptionsByCalendar.set(cal, e)
  }
  return e
}

/** How many of the sorted day numbers lie in (from, to]. */
function countIn(days: number[], from: number, to: number): number {
  return firstAbove(days, to) - firstAbove(days, from)
}

function firstAbove(days: number[], x: number): number {
  let lo = 0
  let hi = days.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (days[mid] <= x) lo = mid + 1
    else hi = mid
  }
  return lo
}
