// The look-up's state: query, filters, location, pages of results. Stale answers are dropped by sequence number,
// so a slow reply for "舞" never overwrites the reply for "舞蹈".
import { useCallback, useEffect, useRef, useState } from 'react'
import * as institutions from '@/api/institutions'
import type { ClientError } from '@/api/transport'
import type { InstitutionListItem, InstitutionSearchInput } from '@/domain/api'
import type { Category, District, InstitutionStatus } from '@/domain/catalog'
import type { LoadMoreState } from '@/components'

export const DEBOUNCE_MS = 250

export interface Filters {
  district?: District
  category?: Category
  status?: InstitutionStatus
}

export interface Position {
  lat: number
  lng: number
}

type Phase = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; error: ClientError }

export function useSearch() {
  const [query, setQuery] = useState('')
  const [submitted, setSubmitted] = useState('')
  const [filters, setFilters] = useState<Filters>({})
  const [position, setPosition] = useState<Position | null>(null)
  const [refreshKey, setRefreshKey] = useState(0)

  const [items, setItems] = useState<InstitutionListItem[]>([])
  const [total, setTotal] = useState(0)
  const [cursor, setCursor] = useState<string | undefined>()
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  const [more, setMore] = useState<LoadMoreState>('idle')
  const seq = useRef(0)

  // Search as you type, once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => setSubmitted(query.trim()), DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [query])

  const input = useCallback(
    (extra: Partial<InstitutionSearchInput> = {}): InstitutionSearchInput => ({
      ...(submitted ? { q: submitted } : {}),
      ...filters,
      ...(position ? { lat: position.lat, lng: position.lng, sort: 'distance' as const } : { sort: 'relevance' as const }),
      ...extra,
    }),
    [submitted, filters, position],
  )

  useEffect(() => {
    const id = ++seq.current
    setPhase({ kind: 'loading' })
    setMore('idle')
    institutions.search(input()).then((res) => {
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
  }, [input, refreshKey])

  const loadMore = useCallback(() => {
    if (phase.kind !== 'ready' || !cursor || more === 'loading') return
    const id = seq.current
    setMore('loading')
    institutions.search(input({ cursor })).then((res) => {
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
  }, [phase.kind, cursor, more, input])

  /** Confirm on the keyboard: search now, even if the text did not change. */
  const submit = useCallback(() => {
    setSubmitted(query.trim())
    setRefreshKey((k) => k + 1)
  }, [query])

  const retry = useCallback(() => setRefreshKey((k) => k + 1), [])

  return { query, setQuery, submitted, filters, setFilters, position, setPosition, items, total, phase, more, loadMore, submit, retry }
}
