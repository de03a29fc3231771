// One way to reach a cloud function, whatever the platform: HTTP to the gateway, or wx.cloud in WeChat when a
// cloud environment is configured. Either way the caller gets the envelope and never an exception.
import Taro from '@tarojs/taro'
import type { ApiError, ErrorCode } from '@/domain/api'
import { clearSession, getToken } from './session'

/** `network` never comes from the server: the request did not get an answer at all. */
export type ClientErrorCode = ErrorCode | 'network'
export type ClientError = Omit<ApiError, 'code'> & { code: ClientErrorCode }
export type Result<T> = { ok: true; data: T } | { ok: false; error: ClientError }

export const NETWORK_MESSAGE = '网络不给力，请稍后重试'
const SERVER_MESSAGE = '服务暂时不可用，请稍后重试'
const TIMEOUT_MS = 15000

const API_BASE = (process.env.TARO_APP_API_BASE || '').replace(/\/+$/, '')
const CLOUD_ENV = process.env.TARO_ENV === 'weapp' ? process.env.TARO_APP_CLOUD_ENV || '' : ''

let cloudReady = false

/** True in a weapp build with a cloud environment: functions go through wx.cloud, evidence through cloud storage. */
export const usesCloud = (): boolean => CLOUD_ENV !== ''

/** Called once at launch; harmless to call again. */
export function initTransport(): void {
  if (CLOUD_ENV && !cloudReady) {
    wx.cloud.init({ env: CLOUD_ENV, traceUser: true })
    cloudReady = true
  }
}

function isEnvelope(value: unknown): value is Result<unknown> {
  if (!value || typeof value !== 'object') return false
  const v = value as { ok?: unknown; error?: unknown }
  if (v.ok === true) return 'data' in v
  return v.ok === false && !!v.error && typeof (v.error as ApiError).message === 'string'
}

function failure(code: ClientErrorCode, message: string): { ok: false; error: ClientError } {
  return { ok: false, error: { code, message } }
}

async function viaCloud(name: string, event: Record<string, unknown>): Promise<Result<unknown>> {
  initTransport()
  try {
    const { result } = await wx.cloud.callFunction({ name, data: event })
    return isEnvelope(result) ? result : failure('internal', SERVER_MESSAGE)
  } catch {
    return failure('network', NETWORK_MESSAGE)
  }
}

async function viaHttp(name: string, event: Record<string, unknown>): Promise<Result<unknown>> {
  const token = getToken()
  const header: Record<string, string> = { 'content-type': 'application/json' }
  if (token) header.Authorization = `Bearer ${token}`
  try {
    const res = await Taro.request({
      url: `${API_BASE}/api/${name}`,
      method: 'POST',
      data: event,
      header,
      timeout: TIMEOUT_MS,
      dataType: 'json',
    })
    if (isEnvelope(res.data)) {
      // An expired or revoked token: forget it so the next call goes out anonymous.
      if (!res.data.ok && res.data.error.code === 'unauthenticated' && token) clearSession()
      return res.data
    }
    // A proxy page, an empty 502…: the gateway did not answer in its own words.
    return res.statusCode ? failure('internal', SERVER_MESSAGE) : failure('network', NETWORK_MESSAGE)
  } catch {
    return failure('network', NETWORK_MESSAGE)
  }
}

/** Calls `name` with `{ action, ...input }` and returns the envelope. */
export function callFunction<T>(name: string, action: string, input: object = {}): Promise<Result<T>> {
  const event = { ...input, action }
  const send = CLOUD_ENV ? viaCloud : viaHttp
  return send(name, event) as Promise<Result<T>>
}
