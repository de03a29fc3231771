// The article list: a topic chip and a search box, both answered by the server; stale replies are dropped.
import { useCallback, useEffect, useRef, useState } from 'react'
import * as content from '@/api/content'
import type { ClientError } from '@/api/transport'
import type { ArticleSummary, ArticleTopic } from '@/domain/content'

const DEBOUNCE_MS = 250
const MAX_QUERY = 50

type Phase = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; error: ClientError }

export function useArticles() {
  const [query, setQueryRaw] = useState('')
  const [submitted, setSubmitted] = useState('')
  const [topic, setTopic] = useState<ArticleTopic | undefined>()
  const [items, setItems] = useState<ArticleSummary[]>([])
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  const [refreshKey, setRefreshKey] = useState(0)
  const seq = useRef(0)

  useEffect(() => {
    const timer = setTimeout(() => setSubmitted(query.trim()), DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [query])

  useEffect(() => {
    const id = ++seq.current
    setPhase({ kind: 'loading' })
    content.articles({ ...(topic ? { topic } : {}), ...(submitted ? { q: submitted } : {}) }).then((res) => {
      if (id !== seq.current) return
      if (!res.ok) {
        setPhase({ kind: 'error', error: res.error })
        return
      }
      setItems(res.data.items)
      setPhase({ kind: 'ready' })
    })
  }, [topic, submitted, refreshKey])

  const setQuery = useCallback((value: string) => setQueryRaw(value.slice(0, MAX_QUERY)), [])
  const retry = useCallback(() => setRefreshKey((k) => k + 1), [])
  const submit = useCallback(() => {
    setSubmitted(query.trim())
    setRefreshKey((k) => k + 1)
  }, [query])

  return { query, setQuery, submitted, topic, setTopic, items, phase, retry, submit }
}
