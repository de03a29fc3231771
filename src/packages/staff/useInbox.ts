// The inbox's filters and pages: status tab, category, district, 只看超期 and a search word; each change reloads
// from the first page (usePagedList drops late answers for old filters). Counts for the tabs come with the first
// page; the few that stop at the server's cap say so (shown as 1000+).
import { useCallback, useState } from 'react'
import * as staff from '@/api/staff'
import type { Result } from '@/api/transport'
import type { Page } from '@/domain/api'
import type { InboxInput, InboxItem, InboxPage } from '@/domain/staff'
import { usePagedList } from '@/hooks/usePagedList'

export type InboxFilters = Omit<InboxInput, 'cursor'>
export type InboxRow = InboxItem & { id: string }

export function useInbox(enabled: boolean) {
  const [filters, setFilters] = useState<InboxFilters>({})
  const [counts, setCounts] = useState<Required<Pick<InboxPage, 'counts' | 'overdue'>> & Pick<InboxPage, 'countsCapped' | 'overdueCapped'>>({ counts: {}, overdue: 0 })
  const fetchPage = useCallback(
    async (cursor?: string): Promise<Result<Page<InboxRow>>> => {
      const input: InboxInput = { ...filters, ...(cursor ? { cursor } : {}) }
      const res = await staff.inbox(input)
      if (!res.ok) return res
      // The tab counts follow the filters other than status: the first page's are the ones for this query.
      // (A later page carries no numbers: the list keeps the first page's.)
      const { counts = {}, countsCapped, overdue = 0, overdueCapped, total = 0, totalCapped, nextCursor } = res.data
      if (!cursor) setCounts({ counts, countsCapped, overdue, overdueCapped })
      const items = res.data.items.map((item) => ({ ...item, id: item.ticketNo }))
      return { ok: true, data: { items, total, totalCapped, nextCursor } }
    },
    [filters],
  )
  const list = usePagedList(fetchPage, enabled)
  /** Sets one filter (undefined clears it); the same value again changes nothing. */
  const set = useCallback(<K extends keyof InboxFilters>(key: K, value: InboxFilters[K]) => {
    setFilters((prev) => {
      if (prev[key] === value) return prev
      const next = { ...prev }
      if (value === undefined || value === false || value === '') delete next[key]
      else next[key] = value
      return next
    })
  }, [])
  return { filters, set, ...counts, ...list }
}
