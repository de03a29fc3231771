// The registry search as a form field uses it: typed words searched after a 300 ms pause, the first 10 matches, and
// only the answer to the latest words kept. Shared by the report flow's 举报哪家机构 and InstitutionFinder (workbench,
// supervisor's visit form).
import { useEffect, useRef, useState } from 'react'
import * as institutions from '@/api/institutions'
import type { InstitutionListItem } from '@/domain/api'

export type InstitutionSearch =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; items: InstitutionListItem[]; total: number }
  | { state: 'error'; message: string }

export function useInstitutionSearch(q: string, limit = 10): InstitutionSearch {
  const [search, setSearch] = useState<InstitutionSearch>({ state: 'idle' })
  const seq = useRef(0)
  useEffect(() => {
    const term = q.trim()
    if (!term) {
      seq.current++
      setSearch({ state: 'idle' })
      return
    }
    const mine = ++seq.current
    const timer = setTimeout(() => {
      setSearch({ state: 'loading' })
      institutions.search({ q: term, limit }).then((res) => {
        if (mine !== seq.current) return
        setSearch(res.ok ? { state: 'done', items: res.data.items, total: res.data.total } : { state: 'error', message: res.error.code === 'network' ? '网络不给力，请稍后重试' : res.error.message })
      })
    }, 300)
    return () => clearTimeout(timer)
  }, [q, limit])
  return search
}
