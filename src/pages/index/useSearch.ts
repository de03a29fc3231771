// The look-up's state: query, filters, location, pages of results. Stale answers are dropped (usePagedList),
// so a slow reply for "舞" never overwrites the reply for "舞蹈".
import { useCallback, useEffect, useState } from 'react'
import * as institutions from '@/api/institutions'
import type { InstitutionSearchInput } from '@/domain/api'
import type { Category, District, InstitutionStatus } from '@/domain/catalog'
import { usePagedList } from '@/hooks/usePagedList'

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

export function useSearch() {
  const [query, setQuery] = useState('')
  const [submitted, setSubmitted] = useState('')
  const [filters, setFilters] = useState<Filters>({})
  const [position, setPosition] = useState<Position | null>(null)

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

  const fetchPage = useCallback((cursor?: string) => institutions.search(input(cursor ? { cursor } : {})), [input])
  const { items, total, totalCapped, phase, more, loadMore, reload } = usePagedList(fetchPage)

  /** Confirm on the keyboard: search now, even if the text did not change. */
  const submit = useCallback(() => {
    setSubmitted(query.trim())
    reload()
  }, [query, reload])

  return { query, setQuery, submitted, filters, setFilters, position, setPosition, items, total, totalCapped, phase, more, loadMore, submit, retry: reload }
}
