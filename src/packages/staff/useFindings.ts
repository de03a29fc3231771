// The 巡查发现 list: supervisors' visits with failed items in the account's scope, newest first, a page at a time.
import { useCallback } from 'react'
import * as staff from '@/api/staff'
import { usePagedList } from '@/hooks/usePagedList'

export function useFindings(enabled: boolean) {
  const fetchPage = useCallback((cursor?: string) => staff.observations(cursor ? { cursor } : {}), [])
  return usePagedList(fetchPage, enabled)
}
