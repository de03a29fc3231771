// One cursor rule for every list the server pages (institutions.search, content.cases, complaints.mine, and the
// workbench's lists next): the cursor is `o` + the offset of the next page, opaque to clients, at most MAX_OFFSET
// deep. Anything else is invalid_input naming `cursor`.
import type { Page } from '../../src/domain/api'
import { AppError } from '../../src/domain/errors'

/** Deeper than this a list asks for a narrower query instead of another page. */
export const MAX_OFFSET = 10_000

const BAD_CURSOR = '翻页标记无效，请从第一页重新加载'

/** The one answer to a cursor a list cannot read (search reads keyset cursors of its own, src/domain/query.ts). */
export const badCursor = () => new AppError('invalid_input', BAD_CURSOR, { cursor: BAD_CURSOR })

/** The offset a cursor names; 0 without one. */
export function readCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0
  const m = /^o(\d{1,5})$/.exec(cursor)
  const offset = m ? Number(m[1]) : NaN
  if (!Number.isInteger(offset) || offset > MAX_OFFSET) throw badCursor()
  return offset
}

/** A page of `items` that began at `offset`, with the cursor of the next one while there is more within reach. */
export function pageOf<T>(items: T[], total: number, offset: number): Page<T> {
  const next = offset + items.length
  return next < total && next <= MAX_OFFSET && items.length > 0 ? { items, total, nextCursor: `o${next}` } : { items, total }
}

/**
 * Keyset cursors for lists ordered by a few columns (the inbox: due day, id): `k` + the last row's values joined by
 * `|`. `shapes` are the patterns each value must match; a cursor that does not fit is badCursor().
 */
export function keysetCursor(values: readonly string[]): string {
  return `k${values.join('|')}`
}

export function readKeyset(cursor: string | undefined, shapes: readonly RegExp[]): string[] | undefined {
  if (cursor === undefined || cursor === '') return undefined
  const parts = cursor.startsWith('k') ? cursor.slice(1).split('|') : []
  if (parts.length !== shapes.length || parts.some((p, i) => !shapes[i].test(p))) throw badCursor()
  return parts
}
