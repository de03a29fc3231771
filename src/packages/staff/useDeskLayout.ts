// The desk layout: on a web window at least DESK_MIN_WIDTH wide the workbench shows the list and the chosen ticket
// side by side (styles in Desk.scss use the same width); a phone, and the mini-program always, get one column and
// a ticket page of its own.
import { useEffect, useState } from 'react'
import { IS_H5 } from '@/utils/platform'

export const DESK_MIN_WIDTH = 1024

function wide(): boolean {
  return IS_H5 && typeof window !== 'undefined' && !!window.matchMedia && window.matchMedia(`(min-width: ${DESK_MIN_WIDTH}px)`).matches
}

export function useDeskLayout(): boolean {
  const [isWide, setWide] = useState(wide)
  useEffect(() => {
    if (!IS_H5 || !window.matchMedia) return
    const query = window.matchMedia(`(min-width: ${DESK_MIN_WIDTH}px)`)
    const update = () => setWide(query.matches)
    query.addEventListener('change', update)
    update()
    return () => query.removeEventListener('change', update)
  }, [])
  return isWide
}
