// State whose newest value a handler can read at once. React renders a moment after a change; a tap that arrives
// before that render (a slow phone, a fast finger) would otherwise be judged on what the screen showed a moment ago
// — a story just typed, a category just picked, not yet there.
import { useCallback, useRef, useState } from 'react'

export function useLiveState<T>(initial: T | (() => T)) {
  const [value, setValue] = useState(initial)
  const live = useRef(value)
  const set = useCallback((next: T | ((prev: T) => T)) => {
    live.current = typeof next === 'function' ? (next as (prev: T) => T)(live.current) : next
    setValue(live.current)
  }, [])
  const get = useCallback(() => live.current, [])
  return [value, set, get] as const
}
