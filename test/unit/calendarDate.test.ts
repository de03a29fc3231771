// The one date check of the API (issue 8, point 2): real calendar days, in a plausible range.
import * as v from 'valibot'
import { addCalendarDays, calendarDate, isCalendarDate } from '../../src/domain/calendarDate'
import { chinaDate } from '../../src/domain/chinaDate'

describe('calendar dates', () => {
  it('when a date exists, then it is a calendar date; when it only looks like one, then it is not', () => {
    for (const d of ['2024-02-29', '2000-02-29', '2026-12-31', '2026-01-01', '0001-01-01']) expect(isCalendarDate(d)).toBe(true)
    for (const d of ['2025-02-30', '2023-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '0000-01-01', '2026-1-1', '20260101', '2026-01-01T00:00', ' 2026-01-01'])
      expect(isCalendarDate(d)).toBe(false)
  })

  it('when days are added, then months and leap years roll over', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addCalendarDays('2025-12-31', 1)).toBe('2026-01-01')
    expect(addCalendarDays('2026-12-02', 366)).toBe('2027-12-03')
  })

  it('when a field is checked, then each problem has its own Chinese message and today passes', () => {
    const schema = calendarDate('发生日期')
    const msg = (input: unknown) => v.safeParse(schema, input, { abortPipeEarly: true }).issues?.[0].message
    expect(msg(chinaDate(new Date()))).toBeUndefined()
    expect(msg('2025-02-30')).toBe('发生日期不是真实存在的日期')
    expect(msg('1999-12-31')).toBe('发生日期不能早于 2000-01-01')
    expect(msg(addCalendarDays(chinaDate(new Date()), 367))).toBe('发生日期超出合理范围')
    expect(msg(20260101)).toBe('发生日期应为文字')
    expect(msg(undefined)).toBe('请选择发生日期')
  })
})
