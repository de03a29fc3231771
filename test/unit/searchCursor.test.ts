import { countLabel, decodeCursor, encodeCursor, type ListCursor } from '../../src/domain/query'

describe('search cursors and counts', () => {
  it.each<ListCursor>([
    { kind: 'offset', offset: 40 },
    { kind: 'uscc', uscc: '91350203MA12345678' },
    { kind: 'key', rank: 0, id: '0b5c7f9e-1234-4abc-9def-0123456789ab', name: '厦门市思明区舞蹈.培训中心' },
  ])('when a cursor is handed out (%o), then it reads back the same', (c) => {
    expect(decodeCursor(encodeCursor(c), 10_000)).toEqual(c)
  })

  it.each(['o10001', 'x1', 'k9.', 'k1.a b.name', 'uabc', ''])('when %p is sent as a cursor, then it is refused', (t) => {
    expect(decodeCursor(t, 10_000)).toBeUndefined()
  })

  it('when the count stopped at the cap, then it reads 1万+', () => {
    expect(countLabel(10_000, true)).toBe('1万+')
    expect(countLabel(9_500)).toBe('9500')
    expect(countLabel(10_000)).toBe('10000')
  })
})
