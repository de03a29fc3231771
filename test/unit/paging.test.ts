import { MAX_OFFSET, pageOf, readCursor } from '../../cloud/services/paging'
import { AppError } from '../../src/domain/errors'

describe('the one cursor rule', () => {
  it('when no cursor is given, then the list starts at the top', () => {
    expect(readCursor(undefined)).toBe(0)
    expect(readCursor('')).toBe(0)
  })

  it('when a cursor the server handed out comes back, then it names the same offset', () => {
    const page = pageOf(Array.from({ length: 20 }, (_, i) => i), 45, 20)
    expect(page.nextCursor).toBe('o40')
    expect(readCursor(page.nextCursor)).toBe(40)
  })

  it('when the last page is reached, or the list would go deeper than allowed, then there is no next cursor', () => {
    expect(pageOf([1, 2, 3, 4, 5], 45, 40)).toEqual({ items: [1, 2, 3, 4, 5], total: 45 })
    expect(pageOf([], 45, 45)).toEqual({ items: [], total: 45 })
    expect(pageOf([1], 100_000, MAX_OFFSET)).toEqual({ items: [1], total: 100_000 })
    expect(pageOf([1], 100_000, MAX_OFFSET - 1).nextCursor).toBe(`o${MAX_OFFSET}`)
  })

  it.each(['o', 'O20', 'o-1', 'o1.5', 'o 20', '20', 'o123456', `o${MAX_OFFSET + 1}`, 'DROP TABLE', 'o20\n', 'ｏ20'])(
    'when the cursor is %j, then it is invalid_input naming cursor, in Chinese',
    (cursor) => {
      let error: unknown
      try {
        readCursor(cursor)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('invalid_input')
      expect((error as AppError).fields).toEqual({ cursor: '翻页标记无效，请从第一页重新加载' })
    },
  )
})
