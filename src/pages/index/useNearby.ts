import { useState } from 'react'
import Taro from '@tarojs/taro'
import { IS_H5 } from '@/utils/platform'
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
    try {
      // The browser only gives WGS-84; WeChat gives the GCJ-02 that Chinese maps (and our site records) use.
      const res = await Taro.getLocation({ type: IS_H5 ? 'wgs84' : 'gcj02' })
      setOn(true)
      onPosition({ lat: res.latitude, lng: res.longitude })
    } catch (err) {
      const msg = String((err as { errMsg?: string })?.errMsg ?? err)
      setNotice(/deny|denied|auth|permission/i.test(msg) ? 'denied' : 'unavailable')
    } finally {
      setLocating(false)
    }
  }

  return { on, locating, notice, toggle, dismiss: () => setNotice('') }
}
