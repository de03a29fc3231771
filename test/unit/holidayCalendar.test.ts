import fs from 'node:fs'
import path from 'node:path'
import { parseCalendarFile } from '../../cloud/services/complaints/holidayCalendar'
import { addWorkingDays, isWorkingDay, type Calendar } from '../../src/domain/workingDays'

const dir = path.join(__dirname, '../../content/calendar')
const y2026 = parseCalendarFile(fs.readFileSync(path.join(dir, '2026.yaml'), 'utf8'), '2026.yaml')
const cal: Calendar = {
  holidays: new Set(y2026.days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
  workdays: new Set(y2026.days.filter((d) => d.kind === 'workday').map((d) => d.date)),
}

const file = (festivals: string, year = '2026') => `year: ${year}\nsource: 测试用的放假通知\nprovisional: false\nfestivals:\n${festivals}`
const refusal = (source: string) => {
  try {
    parseCalendarFile(source, 'x.yaml')
  } catch (e) {
    return (e as Error).message
  }
  return 'accepted'
}

describe('the 2026 holiday calendar (State Council notice of 2025-11-04)', () => {
  it('when the file is read, then it has the 33 days off and the 6 make-up working days of the notice', () => {
    expect(cal.holidays.size).toBe(3 + 9 + 3 + 5 + 3 + 3 + 7)
    expect([...cal.workdays].sort()).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])
    expect(y2026.provisional).toBe(false)
  })
  it('when a report comes the day before National Day, then the seven days off are skipped and the make-up Saturday counts', () => {
    expect(addWorkingDays('2026-09-30', 2, cal)).toBe('2026-10-09')
    expect(addWorkingDays('2026-09-30', 15, cal)).toBe('2026-10-27')
    expect(isWorkingDay('2026-10-10', cal)).toBe(true)
    expect(isWorkingDay('2026-10-05', cal)).toBe(false)
  })
  it('when a report comes the Friday before Spring Festival, then the make-up Saturday is day one and the nine days off do not count', () => {
    expect(addWorkingDays('2026-02-13', 2, cal)).toBe('2026-02-24')
  })
  it('when 2027 is not announced yet, then its file is marked provisional and holds only the fixed statutory days', () => {
    const y2027 = parseCalendarFile(fs.readFileSync(path.join(dir, '2027.yaml'), 'utf8'), '2027.yaml')
    expect(y2027.provisional).toBe(true)
    expect(y2027.days.map((d) => d.date)).toEqual(['2027-01-01', '2027-05-01', '2027-05-02', '2027-10-01', '2027-10-02', '2027-10-03'])
  })
})

describe('a calendar file with mistakes', () => {
  it('when a day is in another year, then it is refused with the festival named', () => {
    expect(refusal(file('  - name: 元旦\n    off: [2027-01-01, 2027-01-01]\n'))).toMatch(/元旦：2027-01-01 不在 2026 年/)
  })
  it('when a make-up working day is a weekday, then it is refused', () => {
    expect(refusal(file('  - name: 元旦\n    off: [2026-01-01, 2026-01-03]\n    workdays: [2026-01-05]\n'))).toMatch(/2026-01-05 不是周末/)
  })
  it('when a day appears twice, then both festivals are named', () => {
    expect(refusal(file('  - name: 甲节\n    off: [2026-01-01, 2026-01-02]\n  - name: 乙节\n    off: [2026-01-02, 2026-01-03]\n'))).toMatch(/2026-01-02 同时出现在「甲节」和「乙节」/)
  })
  it('when a date does not exist or the range runs backwards, then it is refused', () => {
    expect(refusal(file('  - name: 春节\n    off: [2026-02-27, 2026-02-30]\n'))).toMatch(/春节：放假起止日期不对/)
    expect(refusal(file('  - name: 春节\n    off: [2026-02-23, 2026-02-15]\n'))).toMatch(/春节：放假起止日期不对/)
  })
  it('when a field is unknown or missing, then the path is named', () => {
    expect(refusal(file('  - name: 元旦\n    of: [2026-01-01, 2026-01-01]\n'))).toMatch(/festivals/)
    expect(refusal('year: 2026\nfestivals: []\n')).not.toBe('accepted')
  })
})
