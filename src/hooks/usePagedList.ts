// A list fetched a page at a time by cursor: the first page whenever `fetchPage` changes (new query or filters),
// more on demand, the end of the list, an error with retry. Stale replies are dropped by sequence number, so a slow
// reply for an earlier query never overwrites the current one, and a "more" for an old query is not appended.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ClientError, Result } from '@/api/transport'
import type { Page } from '@/domain/api'
import type { LoadMoreState } from '@/components'

/** `idle`: not started yet (the list is not on screen). */
export type PagedPhase = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; error: ClientError }

/**
 * `fetchPage(cursor)` loads one page: no cursor for the first. Give it a stable identity (useCallback) whose
 * dependencies are what the list is of: each new identity reloads from the first page.
 * `enabled`: nothing is fetched while false; once true, the list loads (and reloads) as usual.
 */
export function usePagedList<T extends { id: string }>(fetchPage: (cursor?: string) => Promise<Result<Page<T>>>, enabled = true) {
  const [items, setItems] = useState<T[]>([])
  const [total, setTotal] = useState(0)
  /** The server stopped counting at its cap (search): `total` is a lower bound, shown as "1万+". */
  const [totalCapped, setTotalCapped] = useState(false)
  const [cursor, setCursor] = useState<string | undefined>()
  const [phase, setPhase] = useState<PagedPhase>(enabled ? { kind: 'loading' } : { kind: 'idle' })
  const [more, setMore] = useState<LoadMoreState>('idle')
  const [refreshKey, setRefreshKey] = useState(0)
  const seq = useRef(0)

  useEffect(() => {
    if (!enabled) return
    const id = ++seq.current
    setPhase({ kind: 'loading' })
    setMore('idle')
    fetchPage().then((res) => {
      if (id !== seq.current) return
      if (!res.ok) {
        setPhase({ kind: 'error', error: res.error })
        return
      }
      setItems(res.data.items)
      setTotal(res.data.total)
      setTotalCapped(res.data.totalCapped === true)
      setCursor(res.data.nextCursor)
      setMore(res.data.nextCursor ? 'idle' : 'end')
      setPhase({ kind: 'ready' })
    })
  }, [enabled, fetchPage, refreshKey])

  /** The next page, appended without repeats; does nothing before the first page, at the end, or while loading. */
  const loadMore = useCallback(() => {
    if (phase.kind !== 'ready' || !cursor || more === 'loading') return
    const id = seq.current
    setMore('loading')
    fetchPage(cursor).then((res) => {
      if (id !== seq.current) return
      if (!res.ok) {
        setMore('error')
        return
      }
      setItems((prev) => {
        const seen = new Set(prev.map((item) => item.id))
        return prev.concat(res.data.items.filter((item) => !seen.has(item.id)))
      })
      setCursor(res.data.nextCursor)
      setMore(res.data.nextCursor ? 'idle' : 'end')
    })
  }, [phase.kind, cursor, more, fetchPage])

  /** Loads the first page again (retry after an error, or a search confirmed with the same text). */
  const reload = useCallback(() => setRefreshKey((k) => k + 1), [])

  return { items, total, totalCapped, phase, more, loadMore, reload }
}
