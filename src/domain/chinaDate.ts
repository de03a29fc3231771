// Every date and time this app shows or reasons with is Xiamen's (China Standard Time), whatever the zone of the
// phone, the browser or the server: a ticket numbered XM20261202-… was submitted on 12-02, also for a reader in UTC.
// Platform-free: used by src/ (weapp and H5) and by cloud/.
//
// Why a fixed +08:00 and not dayjs/plugin/timezone with 'Asia/Shanghai': that plugin asks Intl.DateTimeFormat for the
// zone's offset, and WeChat's JS engine on older phones ships Intl without time-zone data (or without Intl), where it
// throws or falls back to the device zone. China has kept UTC+8 without daylight saving since 1991, so
// dayjs/plugin/utc's utcOffset(480) gives the same answer for every instant this app can hold, with nothing but
// arithmetic.
import dayjs, { type Dayjs } from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/** Minutes east of UTC: China Standard Time, no daylight saving. */
export const CHINA_OFFSET_MINUTES = 480

const LAST_FOUR_DIGIT_YEAR_MS = Date.UTC(10000, 0, 1)
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/

type Instant = Date | string | number

/** The instant seen on a clock in China; undefined for something that is not a time. */
function inChina(at: Instant): Dayjs | undefined {
  const d = dayjs(at instanceof Date || typeof at === 'number' ? at : new Date(at))
  return d.isValid() ? d.utcOffset(CHINA_OFFSET_MINUTES) : undefined
}

/** The calendar day in China (YYYY-MM-DD) at an instant. */
export function chinaDate(at: Instant = new Date()): string {
  // An instant already held as a number (1970 to 9999) is shifted by arithmetic alone: the inbox asks every request.
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : NaN
  const shifted = ms + CHINA_OFFSET_MINUTES * 60_000
  if (shifted >= 0 && shifted < LAST_FOUR_DIGIT_YEAR_MS) return new Date(shifted).toISOString().slice(0, 10)
  return inChina(at)?.format('YYYY-MM-DD') ?? ''
}

/** Today in China (YYYY-MM-DD): the latest day a report may name, the day in a ticket number. */
export function chinaToday(now: Date = new Date()): string {
  return chinaDate(now)
}

/** The first instant of a China day (YYYY-MM-DD), for "since the start of today" counts. */
export function chinaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`)
}

/** 2026-12-01T17:30:00Z → 2026-12-02 01:30: an instant as a China date and time (minutes). */
export function formatChinaDateTime(at: string | undefined): string {
  if (!at) return ''
  return inChina(at)?.format('YYYY-MM-DD HH:mm') ?? at
}

/**
 * A day for people to read (YYYY-MM-DD). A calendar date (publication, 发生日期, a due date) is already a China day and
 * stays as it is; an instant (submittedAt, a timeline event) becomes the China day it fell on — never its UTC day.
 */
export function formatChinaDate(value: string | undefined): string {
  if (!value) return ''
  if (DATE_ONLY.test(value)) return value
  return chinaDate(value) || value
}

/** A near day, short: 12-03 within the current China year, 2027-01-05 beyond it. */
export function formatShortDay(day: string, now: Date = new Date()): string {
  const d = formatChinaDate(day)
  if (!DATE_ONLY.test(d)) return d
  return d.slice(0, 4) === chinaToday(now).slice(0, 4) ? d.slice(5) : d
}

/** The China year now (the last year a list of cases can go up to). */
export function chinaYear(now: Date = new Date()): number {
  return Number(chinaToday(now).slice(0, 4))
}
