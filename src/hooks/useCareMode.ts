// 关怀模式 (care mode): larger text and tap targets, stronger contrast. A switch in 我的 keeps the choice on the
// device; without a choice the app follows the system — WeChat's font-size setting on a phone, the browser's text
// size on the web. Every page's PageFrame puts the `yg-care` class on its root, and on the web the root font size
// grows (config/rootFontScript.ts reads the same storage key and the `yg-care` class on <html>).
import { useSyncExternalStore } from 'react'
import Taro from '@tarojs/taro'
import { IS_H5 } from '@/utils/platform'

export const CARE_STORAGE_KEY = 'yg:care'
/** The text size (× the usual) from which the system is taken to ask for care mode; care mode gives at least this. */
export const CARE_SYSTEM_SCALE = 1.25
/** The largest text size care mode follows the system to on WeChat: the size every page is checked at (issue 11). */
export const CARE_MAX_SCALE = 1.5

export type CarePref = 'on' | 'off' | 'system'

export interface CareState {
  /** Care mode in force now. */
  on: boolean
  /** What the person chose on this device; 'system' until they choose. */
  pref: CarePref
  /** Whether the system's text size alone asks for it. */
  system: boolean
  /** The text size in force over the usual one: 1 outside care mode, 1.25 or what the system asks for (≤ 1.5) in it. */
  textScale: number
}

function readPref(): CarePref {
  try {
    const v = Taro.getStorageSync(CARE_STORAGE_KEY)
    return v === 'on' || v === 'off' ? v : 'system'
  } catch {
    return 'system'
  }
}

/** The system's text size over the usual one (1 = usual). */
export function systemTextScale(): number {
  try {
    if (IS_H5) {
      const doc = document.documentElement
      const probe = document.createElement('div')
      probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium;width:1em;height:0'
      doc.appendChild(probe)
      const px = probe.getBoundingClientRect().width
      doc.removeChild(probe)
      return px > 0 ? px / 16 : 1
    }
    // WeChat: 我-设置-通用-字体大小, in px; the standard setting is 17 (16 on some Android builds).
    const base = (Taro as unknown as { getAppBaseInfo?: () => { fontSizeSetting?: number } }).getAppBaseInfo?.()
    const size = base?.fontSizeSetting ?? Taro.getSystemInfoSync().fontSizeSetting
    return typeof size === 'number' && size > 0 ? size / 17 : 1
  } catch {
    return 1
  }
}

function compute(): CareState {
  const pref = readPref()
  const scale = systemTextScale()
  const system = scale >= CARE_SYSTEM_SCALE
  const on = pref === 'on' || (pref === 'system' && system)
  return { pref, system, on, textScale: on ? Math.min(CARE_MAX_SCALE, Math.max(CARE_SYSTEM_SCALE, scale)) : 1 }
}

let state: CareState | null = null
const listeners = new Set<() => void>()

function current(): CareState {
  if (!state) {
    state = compute()
    applyToDocument(state.on)
  }
  return state
}

/** On the web: the class on <html> that the root size script reads, then a resize so it recomputes. */
function applyToDocument(on: boolean) {
  if (!IS_H5 || typeof document === 'undefined') return
  const root = document.documentElement
  if (root.classList.contains('yg-care') === on && root.classList.contains('yg-care-off') === !on) return
  root.classList.toggle('yg-care', on)
  root.classList.toggle('yg-care-off', !on)
  window.dispatchEvent(new Event('resize'))
}

export function setCarePref(pref: CarePref): void {
  if (pref === 'system') Taro.removeStorageSync(CARE_STORAGE_KEY)
  else Taro.setStorageSync(CARE_STORAGE_KEY, pref)
  state = compute()
  applyToDocument(state.on)
  listeners.forEach((l) => l())
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The care-mode state, the same on every page; re-renders when 我的 changes it. */
export function useCareMode(): CareState & { setPref: (pref: CarePref) => void } {
  const s = useSyncExternalStore(subscribe, current, current)
  return { ...s, setPref: setCarePref }
}
