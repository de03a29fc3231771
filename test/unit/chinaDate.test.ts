// Dates and times are Xiamen's (UTC+8), whatever the zone of the device or the server: the same helper on both sides.
import { chinaDate, chinaDayStart, chinaToday, chinaYear, formatChinaDate, formatChinaDateTime, formatShortDay } from '../../src/domain/chinaDate'
import { formatDate, formatDateTime } from '../../src/utils/format'

const zones = ['UTC', 'America/Los_Angeles', 'Asia/Shanghai', 'Pacific/Kiritimati']
const original = process.env.TZ
afterAll(() => {
  process.env.TZ = original
})

describe.each(zones)('on a device set to %s', (zone) => {
  beforeAll(() => {
    // Node reads TZ again on change: Date's local getters now answer in this zone.
    process.env.TZ = zone
  })

  it('when it is 15:59:59 UTC, then in Xiamen it is still the same day; at 16:00 UTC it is the next', () => {
    expect(chinaDate(new Date('2026-12-01T15:59:59.999Z'))).toBe('2026-12-01')
    expect(chinaDate(new Date('2026-12-01T16:00:00.000Z'))).toBe('2026-12-02')
    expect(chinaToday(new Date('2026-12-01T16:00:00.000Z'))).toBe('2026-12-02')
    // New year's eve: the year turns at 16:00 UTC too.
    expect(chinaDate('2026-12-31T16:00:00Z')).toBe('2027-01-01')
    expect(chinaYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026)
    expect(chinaYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027)
  })

  it('when a ticket submitted at 01:30 in Xiamen (17:30 UTC the day before) is listed, then it shows the Xiamen day', () => {
    expect(formatDate('2026-12-01T17:30:00.000Z')).toBe('2026-12-02')
    expect(formatChinaDate('2026-12-01T17:30:00.000Z')).toBe('2026-12-02')
    expect(formatDate('2026-12-01T15:30:00.000Z')).toBe('2026-12-01')
  })

  it('when a timeline event is shown, then its time is the Xiamen clock', () => {
    expect(formatDateTime('2026-12-01T17:30:00.000Z')).toBe('2026-12-02 01:30')
    expect(formatChinaDateTime('2026-11-28T09:30:00.000Z')).toBe('2026-11-28 17:30')
    expect(formatChinaDateTime('2026-12-01T15:59:00+00:00')).toBe('2026-12-01 23:59')
  })

  it('when a calendar date (publication, 发生日期, a due date) is shown, then it stays the day it is', () => {
    expect(formatDate('2023-06-12')).toBe('2023-06-12')
    expect(formatDate(undefined)).toBe('')
    expect(formatChinaDateTime(undefined)).toBe('')
    // Something that is no date is shown as it came, never as "Invalid Date".
    expect(formatDate('不详')).toBe('不详')
    expect(formatChinaDateTime('不详')).toBe('不详')
  })

  it('when a due date is near, then it is short within the year and whole beyond it', () => {
    const now = new Date('2026-12-01T17:30:00Z')
    expect(formatShortDay('2026-12-03', now)).toBe('12-03')
    expect(formatShortDay('2027-01-05', now)).toBe('2027-01-05')
    // 16:30 UTC on 31 December is already 2027 in Xiamen.
    expect(formatShortDay('2027-01-05', new Date('2026-12-31T16:30:00Z'))).toBe('01-05')
  })

  it('when today starts in Xiamen, then its first instant is 16:00 UTC the day before', () => {
    expect(chinaDayStart('2026-12-02').toISOString()).toBe('2026-12-01T16:00:00.000Z')
  })
})
