// The case board: filters, 20 cases a page, more on scroll. Stale replies are dropped by sequence number.
import { useCallback, useEffect, useRef, useState } from 'react'
import * as content from '@/api/content'
import type { ClientError } from '@/api/transport'
import type { District } from '@/domain/catalog'
import type { ViolationCase, ViolationType } from '@/domain/content'
import type { LoadMoreState } from '@/components'

export interface CaseFilters {
  district?: District
  type?: ViolationType
  year?: number
}

type Phase = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; error: ClientError }

/** `active`: the board is on screen; nothing is fetched until it first is. */
export function useCases(active: boolean) {
  const [filters, setFilters] = useState<CaseFilters>({})
  const [items, setItems] = useState<ViolationCase[]>([])
  const [total, setTotal] = useState(0)
  const [cursor, setCursor] = useState<string | undefined>()
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' })
  const [more, setMore] = useState<LoadMoreState>('idle')
  const [refreshKey, setRefreshKey] = useState(0)
  const [started, setStarted] = useState(active)
  const seq = useRef(0)

  useEffect(() => {
    if (active) setStarted(true)
  }, [active])

  useEffect(() => {
    if (!started) return
    const id = ++seq.current
    setPhase({ kind: 'loading' })
    setMore('idle')
    content.cases(filters).then((res) => {
      if (id !== seq.current) return
      if (!res.ok) {
        setPhase({ kind: 'error', error: res.error })
        return
      }
      setItems(res.data.items)
      setTotal(res.data.total)
      setCursor(res.data.nextCursor)
      setMore(res.data.nextCursor ? 'idle' : 'end')
      setPhase({ kind: 'ready' })
    })
  }, [started, filters, refreshKey])

  const loadMore = useCallback(() => {
    if (phase.kind !== 'ready' || !cursor || more === 'loading') return
    const id = seq.current
    setMore('loading')
    content.cases({ ...filters, cursor }).then((res) => {
      if (id !== seq.current) return
      if (!res.ok) {
        setMore('error')
        return
      }
      setItems((prev) => {
        const seen = new Set(prev.map((c) => c.id))
        return prev.concat(res.data.items.filter((c) => !seen.has(c.id)))
      })
      setCursor(res.data.nextCursor)
      setMore(res.data.nextCursor ? 'idle' : 'end')
    })
  }, [phase.kind, cursor, more, filters])

  const retry = useCallback(() => setRefreshKey((k) => k + 1), [])

  return { filters, setFilters, items, total, phase, more, loadMore, retry }
}
