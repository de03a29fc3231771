// The device's position, asked the one way each platform can answer. Used by 附近 and by the report flow's
// 记录我的当前位置, so both behave alike.
import Taro from '@tarojs/taro'
import { IS_H5 } from './platform'

export interface Position {
  lat: number
  lng: number
}

export type LocationResult = { ok: true; position: Position } | { ok: false; reason: 'denied' | 'unavailable' }

/**
 * WeChat answers in GCJ-02, the datum of Chinese maps (and of its map picker). A browser only knows WGS-84: Taro's H5
 * getLocation refuses 'gcj02' outright, which is why 记录我的当前位置 used to fail on H5. The two differ by a few
 * hundred metres in Xiamen — enough to find the door, and staff see the address beside it.
 */
export async function currentPosition(): Promise<LocationResult> {
  try {
    const res = await Taro.getLocation({ type: IS_H5 ? 'wgs84' : 'gcj02' })
    if (!Number.isFinite(res.latitude) || !Number.isFinite(res.longitude)) return { ok: false, reason: 'unavailable' }
    return { ok: true, position: { lat: res.latitude, lng: res.longitude } }
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? err)
    return { ok: false, reason: /deny|denied|auth|permission/i.test(msg) ? 'denied' : 'unavailable' }
  }
}

export type FixResult = { ok: true; position: Position & { accuracyM: number } } | { ok: false; reason: 'denied' | 'unavailable' }

/**
 * A check-in fix: high accuracy (GPS rather than cell towers) with the accuracy the device reports, in metres. The same
 * datum choice as currentPosition: GCJ-02 on WeChat (as the registered sites), WGS-84 in a browser.
 */
export async function precisePosition(): Promise<FixResult> {
  try {
    const res = await Taro.getLocation({ type: IS_H5 ? 'wgs84' : 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 5000 })
    if (!Number.isFinite(res.latitude) || !Number.isFinite(res.longitude)) return { ok: false, reason: 'unavailable' }
    const accuracy = Number(res.horizontalAccuracy || res.accuracy)
    return { ok: true, position: { lat: res.latitude, lng: res.longitude, accuracyM: Number.isFinite(accuracy) ? Math.round(accuracy) : 0 } }
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? err)
    return { ok: false, reason: /deny|denied|auth|permission/i.test(msg) ? 'denied' : 'unavailable' }
  }
}
