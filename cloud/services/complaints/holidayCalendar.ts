// The holiday calendar behind working-day deadlines, kept as one YAML file per year in content/calendar (the State
// Council publishes each year's schedule in November). Loading replaces a year's rows in one transaction, so the
// table always mirrors the files and a bad file changes nothing.
import fs from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import * as v from 'valibot'
import type { Kysely } from 'kysely'
import { AppError } from '../../../src/domain/errors'
import type { Database } from '../../store/schema'

const DateString = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD'))

const CalendarFileSchema = v.strictObject({
  year: v.pipe(v.string(), v.regex(/^20\d{2}$/, 'year 应为四位年份')),
  source: v.pipe(v.string(), v.minLength(4, '请注明依据的通知')),
  provisional: v.picklist(['true', 'false'], 'provisional 应为 true 或 false'),
  festivals: v.pipe(
    v.array(
      v.strictObject({
        name: v.pipe(v.string(), v.minLength(2, '缺少节日名称')),
        /** First and last day off, inclusive. */
        off: v.tuple([DateString, DateString], 'off 应为 [第一天, 最后一天]'),
        /** Weekend days that are working days (调休上班). */
        workdays: v.optional(v.array(DateString)),
      }),
    ),
    v.minLength(1, '至少列出一个节日'),
  ),
})

export interface CalendarDay {
  date: string
  kind: 'holiday' | 'workday'
  name: string
}

export interface CalendarYear {
  year: number
  source: string
  /** True while only the fixed statutory days are known (the year's notice is not out yet). */
  provisional: boolean
  days: CalendarDay[]
}

const bad = (file: string, message: string) => new AppError('invalid_input', `${file}：${message}`, { calendar: message })

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

export function parseCalendarFile(source: string, file: string): CalendarYear {
  let raw: unknown
  try {
    // failsafe keeps 2026-10-01 a string instead of a Date, and true a string we check ourselves.
    raw = parseYaml(source, { schema: 'failsafe' })
  } catch (e) {
    throw bad(file, `不是有效的 YAML（${(e as Error).message}）`)
  }
  const checked = v.safeParse(CalendarFileSchema, raw)
  if (!checked.success) {
    const issue = checked.issues[0]
    const where = v.getDotPath(issue)
    throw bad(file, where ? `${where}：${issue.message}` : issue.message)
  }
  const f = checked.output
  const year = Number(f.year)
  const seen = new Map<string, string>()
  const days: CalendarDay[] = []
  const add = (date: string, kind: CalendarDay['kind'], name: string) => {
    if (!isRealDate(date)) throw bad(file, `${name}：${date} 不是有效日期`)
    if (!date.startsWith(f.year)) throw bad(file, `${name}：${date} 不在 ${f.year} 年`)
    if (seen.has(date)) throw bad(file, `${date} 同时出现在「${seen.get(date)}」和「${name}」`)
    seen.set(date, name)
    days.push({ date, kind, name })
  }
  for (const festival of f.festivals) {
    const [first, last] = festival.off
    if (!isRealDate(first) || !isRealDate(last) || first > last) throw bad(file, `${festival.name}：放假起止日期不对`)
    const d = new Date(`${first}T00:00:00Z`)
    for (let n = 0; d.toISOString().slice(0, 10) <= last; n++) {
      if (n > 15) throw bad(file, `${festival.name}：放假超过 15 天，请检查起止日期`)
      add(d.toISOString().slice(0, 10), 'holiday', festival.name)
      d.setUTCDate(d.getUTCDate() + 1)
    }
    for (const w of festival.workdays ?? []) {
      const dow = new Date(`${w}T00:00:00Z`).getUTCDay()
      if (dow !== 0 && dow !== 6) throw bad(file, `${festival.name}：调休上班日 ${w} 不是周末`)
      add(w, 'workday', `${festival.name}调休上班`)
    }
  }
  return { year, source: f.source, provisional: f.provisional === 'true', days }
}

export function readCalendarDir(dir: string): CalendarYear[] {
  if (!fs.existsSync(dir)) return []
  const years = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const year = parseCalendarFile(fs.readFileSync(path.join(dir, file), 'utf8'), file)
      if (file !== `${year.year}.yaml`) throw bad(file, `文件名应为 ${year.year}.yaml`)
      return year
    })
  return years
}

/** Replaces the rows of every year that has a file; years without a file are left as they are. */
export async function loadCalendar(db: Kysely<Database>, dir: string): Promise<CalendarYear[]> {
  const years = readCalendarDir(dir)
  if (!years.length) return years
  await db.transaction().execute(async (trx) => {
    for (const y of years) {
      await trx.deleteFrom('holidays').where('date', '>=', `${y.year}-01-01`).where('date', '<=', `${y.year}-12-31`).execute()
      await trx.insertInto('holidays').values(y.days).execute()
    }
  })
  return years
}

/** One line for the start-up log: which years deadlines know, and which are still provisional. */
export function describeCalendar(years: CalendarYear[]): string {
  return years.map((y) => (y.provisional ? `${y.year}（仅公历固定的法定节日，待国务院通知）` : `${y.year}`)).join('、')
}
