import { useState } from 'react'
import { currentPosition } from '@/utils/location'
import type { Position } from './useSearch'

export type NearbyNotice = '' | 'denied' | 'unavailable'

/** The 附近 toggle: asks for the position only when turned on; a refusal is respected, not repeated. */
export function useNearby(onPosition: (p: Position | null) => void) {
  const [on, setOn] = useState(false)
  const [locating, setLocating] = useState(false)
  const [notice, setNotice] = useState<NearbyNotice>('')

  async function toggle() {
    if (locating) return
    if (on) {
      setOn(false)
      onPosition(null)
      return
    }
    setLocating(true)
    setNotice('')
    const res = await currentPosition()
    setLocating(false)
    if (res.ok) {
      setOn(true)
      onPosition(res.position)
    } else setNotice(res.reason)
  }

  return { on, locating, notice, toggle, dismiss: () => setNotice('') }
}
