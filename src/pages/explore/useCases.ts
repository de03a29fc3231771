// The case board: filters, 20 cases a page, more on scroll (usePagedList drops stale replies).
import { useCallback, useEffect, useState } from 'react'
import * as content from '@/api/content'
import type { District } from '@/domain/catalog'
import type { ViolationType } from '@/domain/content'
import { usePagedList } from '@/hooks/usePagedList'

export interface CaseFilters {
  district?: District
  type?: ViolationType
  year?: number
}

/** `active`: the board is on screen; nothing is fetched until it first is. */
export function useCases(active: boolean) {
  const [filters, setFilters] = useState<CaseFilters>({})
  const [started, setStarted] = useState(active)

  useEffect(() => {
    if (active) setStarted(true)
  }, [active])

  const fetchPage = useCallback((cursor?: string) => content.cases(cursor ? { ...filters, cursor } : filters), [filters])
  const { items, total, phase, more, loadMore, reload } = usePagedList(fetchPage, started)

  return { filters, setFilters, items, total, phase, more, loadMore, retry: reload }
}
