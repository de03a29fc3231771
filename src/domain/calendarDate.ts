// Dates people and files give us (YYYY-MM-DD): a real day of the calendar, within a range that makes sense for
// the field. valibot's isoDate checks only the pattern, so 2025-02-30 and 0000-01-01 used to reach a `date`
// column and fail there (22008) as a 500.
import * as v from 'valibot'
import { chinaDate } from './chinaDate'
import { typeMessage } from './inputMessages'

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** True for a YYYY-MM-DD that exists: month 1–12, day within the month (29 February in leap years only). */
export function isCalendarDate(s: string): boolean {
  const m = PATTERN.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  return d <= (mo === 2 && leap ? 29 : DAYS[mo - 1])
}

/** `day` plus `days` calendar days (day is a real YYYY-MM-DD). */
export function addCalendarDays(day: string, days: number): string {
  const [y, mo, d] = day.split('-').map(Number)
  const at = new Date(Date.UTC(2000, 0, 1))
  at.setUTCFullYear(y, mo - 1, d + days)
  return at.toISOString().slice(0, 10)
}

export interface DateRange {
  /** Earliest accepted day (inclusive). */
  min: string
  /** Latest accepted day: this many days after today in China. */
  maxDaysAhead: number
}

export const DEFAULT_DATE_RANGE: DateRange = { min: '2000-01-01', maxDaysAhead: 366 }

/** The one date check of the API's inputs: `field` is the Chinese name used in every message. */
export function calendarDate(field: string, range: DateRange = DEFAULT_DATE_RANGE) {
  return v.pipe(
    v.string(typeMessage(`请选择${field}`, `${field}应为文字`)),
    v.regex(PATTERN, `${field}格式应为 YYYY-MM-DD`),
    v.check(isCalendarDate, `${field}不是真实存在的日期`),
    v.check((s) => s >= range.min, `${field}不能早于 ${range.min}`),
    v.check((s) => s <= addCalendarDays(chinaDate(new Date()), range.maxDaysAhead), `${field}超出合理范围`),
  )
}
