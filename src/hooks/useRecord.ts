import { useCallback, useEffect, useState } from 'react'
import type { ClientError, Result } from '@/api/transport'

/** One record named by a page parameter: loading, found, not there (unknown or malformed key), or failed. */
export type RecordState<T> = { kind: 'loading' } | { kind: 'ready'; data: T } | { kind: 'missing' } | { kind: 'error'; error: ClientError }

/** Loads the record for `key` on arrival; `reload` retries after an error. `fetch` and `onReady` may change identity freely. */
export function useRecord<T>(key: string, fetch: (key: string) => Promise<Result<T>>, onReady?: (data: T) => void): [RecordState<T>, () => void] {
  const [state, setState] = useState<RecordState<T>>({ kind: 'loading' })
  const reload = useCallback(() => {
    if (!key) {
      setState({ kind: 'missing' })
      return
    }
    setState({ kind: 'loading' })
    fetch(key).then((res) => {
      if (res.ok) {
        setState({ kind: 'ready', data: res.data })
        onReady?.(res.data)
      } else if (res.error.code === 'not_found' || res.error.code === 'invalid_input') setState({ kind: 'missing' })
      else setState({ kind: 'error', error: res.error })
    })
    // Keyed on `key` only: the page passes a fresh fetch/onReady each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  useEffect(reload, [reload])
  return [state, reload]
}
