// The device's position, asked the one way each platform can answer. Used by 附近 and by the report flow's
// 记录我的当前位置, so both behave alike.
import Taro from '@tarojs/taro'
import { wgs84ToGcj02 } from '@/domain/datum'
import { IS_H5 } from './platform'

export interface Position {
  lat: number
  lng: number
}

export type LocationResult = { ok: true; position: Position } | { ok: false; reason: 'denied' | 'unavailable' }

/**
 * A position in GCJ-02, the datum of Chinese maps, of WeChat's map picker and of our registered sites. WeChat answers
 * in it; a browser only knows WGS-84 (Taro's H5 getLocation refuses 'gcj02' outright), so its answer is converted:
 * the two differ by about 500 m in Xiamen, which would sort 附近 wrongly and judge a check-in half a kilometre off.
 */
function inSiteDatum(latitude: number, longitude: number): Position {
  return IS_H5 ? wgs84ToGcj02({ lat: latitude, lng: longitude }) : { lat: latitude, lng: longitude }
}

export async function currentPosition(): Promise<LocationResult> {
  try {
    const res = await Taro.getLocation({ type: IS_H5 ? 'wgs84' : 'gcj02' })
    if (!Number.isFinite(res.latitude) || !Number.isFinite(res.longitude)) return { ok: false, reason: 'unavailable' }
    return { ok: true, position: inSiteDatum(res.latitude, res.longitude) }
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? err)
    return { ok: false, reason: /deny|denied|auth|permission/i.test(msg) ? 'denied' : 'unavailable' }
  }
}

export type FixResult = { ok: true; position: Position & { accuracyM: number } } | { ok: false; reason: 'denied' | 'unavailable' }

/**
 * A check-in fix: high accuracy (GPS rather than cell towers) with the accuracy the device reports, in metres, in the
 * sites' datum like currentPosition.
 */
export async function precisePosition(): Promise<FixResult> {
  try {
    const res = await Taro.getLocation({ type: IS_H5 ? 'wgs84' : 'gcj02', isHighAccuracy: true, highAccuracyExpireTime: 5000 })
    if (!Number.isFinite(res.latitude) || !Number.isFinite(res.longitude)) return { ok: false, reason: 'unavailable' }
    const accuracy = Number(res.horizontalAccuracy || res.accuracy)
    return { ok: true, position: { ...inSiteDatum(res.latitude, res.longitude), accuracyM: Number.isFinite(accuracy) ? Math.round(accuracy) : 0 } }
  } catch (err) {
    const msg = String((err as { errMsg?: string })?.errMsg ?? err)
    return { ok: false, reason: /deny|denied|auth|permission/i.test(msg) ? 'denied' : 'unavailable' }
  }
}
