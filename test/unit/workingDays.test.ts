import fc from 'fast-check'
import { addWorkingDays, isWorkingDay, workingDaysBetween, type Calendar } from '../../src/domain/workingDays'

// 2025 National Day and Mid-Autumn: 10-01 … 10-08 off; Sunday 09-28 and Saturday 10-11 are working days.
const cal: Calendar = {
  holidays: new Set(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08']),
  workdays: new Set(['2025-09-28', '2025-10-11']),
}
const none: Calendar = { holidays: new Set(), workdays: new Set() }

describe('working days', () => {
  it('when a report comes on a Friday, then 2 working days later is the Tuesday', () => {
    expect(addWorkingDays('2026-11-27', 2, none)).toBe('2026-12-01')
  })
  it('when a report comes on a Saturday, then the weekend does not count', () => {
    expect(addWorkingDays('2026-11-28', 1, none)).toBe('2026-11-30')
  })
  it('when 15 working days span two weekends, then the deadline is three weeks on', () => {
    expect(addWorkingDays('2026-11-30', 15, none)).toBe('2026-12-21')
  })
  it('when a deadline runs into the National Day holiday, then the holiday is skipped and the make-up Saturday counts', () => {
    expect(addWorkingDays('2025-09-30', 2, cal)).toBe('2025-10-10')
    expect(addWorkingDays('2025-09-30', 3, cal)).toBe('2025-10-11')
    expect(isWorkingDay('2025-09-28', cal)).toBe(true)
    expect(isWorkingDay('2025-10-03', cal)).toBe(false)
  })
  it('when counting the days between, then holidays and weekends are left out', () => {
    expect(workingDaysBetween('2025-09-26', '2025-10-13', cal)).toBe(7)
    expect(workingDaysBetween('2025-10-13', '2025-10-13', cal)).toBe(0)
  })
})

describe('the day in Xiamen', () => {
  it('when it is 19:30 UTC, then in Xiamen it is already the next day', async () => {
    const { chinaDate } = await import('../../src/domain/chinaDate')
    expect(chinaDate(new Date('2026-11-28T19:30:00Z'))).toBe('2026-11-29')
    expect(chinaDate(new Date('2026-11-28T15:59:59Z'))).toBe('2026-11-28')
  })

  it('when any two days and any calendar are counted, then whole weeks plus exceptions give what walking day by day gives', () => {
    const walk = (from: string, to: string, c: Calendar) => {
      let n = 0
      const d = new Date(`${from}T00:00:00Z`)
      const end = new Date(`${to}T00:00:00Z`)
      while (d < end) {
        d.setUTCDate(d.getUTCDate() + 1)
        if (isWorkingDay(d.toISOString().slice(0, 10), c)) n++
      }
      return n
    }
    const day = fc.integer({ min: 0, max: 1200 }).map((k) => new Date(Date.UTC(2024, 0, 1) + k * 86_400_000).toISOString().slice(0, 10))
    fc.assert(
      fc.property(day, day, fc.array(day, { maxLength: 40 }), fc.array(day, { maxLength: 10 }), (a, b, hol, work) => {
        const c: Calendar = { holidays: new Set(hol), workdays: new Set(work) }
        expect(workingDaysBetween(a, b, c)).toBe(walk(a, b, c))
      }),
      { numRuns: 500 },
    )
  })
})
