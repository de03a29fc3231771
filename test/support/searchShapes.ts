// Generated searches of every shape (filters without text, text with filters, nearby with and without either), for
// the tests that hold the in-memory index to the SQL path and to itself after changes.
import { CATEGORIES, DISTRICTS, INSTITUTION_STATUSES } from '../../src/domain/catalog'
import { mulberry32 } from '../../content/sample/random'
import { classifyQuery } from '../../src/domain/query'
import type { IndexQuery } from '../../cloud/services/search/memoryIndex'

export function searchShapes(points: { lat: number; lng: number }[], seed = 5): Record<string, unknown>[] {
  const r = mulberry32(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
  const maybe = <T>(xs: readonly T[]) => (r() < 0.5 ? pick(xs) : undefined)
  const filters = () => {
    const f = { district: maybe(DISTRICTS), category: maybe(CATEGORIES), status: maybe(INSTITUTION_STATUSES) }
    return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined))
  }
  const point = () => {
    const at = pick(points)
    return { lat: Number((at.lat + (r() * 2 - 1) * 0.03).toFixed(5)), lng: Number((at.lng + (r() * 2 - 1) * 0.03).toFixed(5)) }
  }
  const out: Record<string, unknown>[] = []
  for (let i = 0; i < 25; i++) out.push({ ...filters(), limit: pick([5, 20, 50]), ...(r() < 0.3 ? { cursor: `o${pick([20, 50, 200])}` } : {}) })
  for (let i = 0; i < 15; i++) out.push({ q: pick(['培训', '艺术', '舞', 'peixun', 'ys']), ...filters() })
  for (let i = 0; i < 25; i++) out.push({ ...point(), sort: 'distance', ...(r() < 0.6 ? filters() : {}), ...(r() < 0.3 ? { cursor: `o${pick([20, 60])}` } : {}) })
  for (let i = 0; i < 10; i++) out.push({ ...point(), sort: 'distance', q: pick(['培训', '舞', 'wudao', '9135']) })
  // A point far from every institution: the grid walk runs out of rings and scores every match.
  out.push({ lat: 30.1, lng: 121.5, sort: 'distance' }, { lat: 24.9, lng: 117.6, sort: 'distance', status: 'approved' })
  return out
}

/** A generated search as the in-memory index takes it (MemoryIndex.search): what the service parses from the same
 *  event, with `cursor: 'oN'` read as an offset of N. */
export function indexQueryOf(ev: Record<string, unknown>, defaultLimit = 20): IndexQuery {
  return {
    query: classifyQuery(String(ev.q ?? '')),
    district: ev.district as never,
    category: ev.category as never,
    status: ev.status as never,
    near: ev.lat !== undefined ? { lat: ev.lat as number, lng: ev.lng as number } : undefined,
    sortByDistance: ev.sort === 'distance',
    after: typeof ev.cursor === 'string' ? { kind: 'offset', offset: Number(ev.cursor.slice(1)) } : undefined,
    limit: (ev.limit as number) ?? defaultLimit,
  }
}
