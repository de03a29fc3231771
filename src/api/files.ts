// Evidence files, one per request, with progress: POST /files (multipart field `file`) to the gateway, or — in a
// weapp build with a cloud environment — wx.cloud.uploadFile to an unguessable name, then files.register, which
// copies it into the evidence store without its metadata and deletes the upload. Like the transport, the caller
// gets the envelope and never an exception.
import Taro from '@tarojs/taro'
import { clearSession, getToken } from './session'
import { NETWORK_MESSAGE, callFunction, initTransport, usesCloud, type ClientError, type Result } from './transport'
import { randomName } from '@/utils/randomId'

export interface Uploaded {
  fileId: string
  sha256: string
  size: number
  mime: string
}

export interface UploadHandle {
  done: Promise<Result<Uploaded>>
  abort(): void
}

// Same base as the transport's (TARO_APP_API_BASE; empty on H5, where the gateway serves the app itself).
const API_BASE = (process.env.TARO_APP_API_BASE || '').replace(/\/+$/, '')
const TIMEOUT_MS = 120000

/** When the body is not our envelope (a proxy's page, an empty answer), the status still says what went wrong. */
const BY_STATUS: Record<number, ClientError> = {
  401: { code: 'unauthenticated', message: '登录已过期，请重新登录后再上传' },
  413: { code: 'payload_too_large', message: '文件过大：图片不超过 10 MB，视频不超过 50 MB' },
  415: { code: 'unsupported_media', message: '只能上传 JPEG、PNG、WebP 图片或 MP4 视频' },
  429: { code: 'rate_limited', message: '上传太频繁，请稍后再试' },
}

function parse(statusCode: number, body: unknown): Result<Uploaded> {
  let value: unknown = body
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body)
    } catch {
      value = undefined
    }
  }
  const v = value as { ok?: boolean; data?: Uploaded; error?: ClientError } | undefined
  if (v && v.ok === true && v.data && typeof v.data.fileId === 'string') return { ok: true, data: v.data }
  if (v && v.ok === false && v.error && typeof v.error.message === 'string') return { ok: false, error: v.error }
  return { ok: false, error: BY_STATUS[statusCode] ?? { code: 'internal', message: '服务暂时不可用，请稍后重试' } }
}

/** Uploads one local file (a chooseMedia tempFilePath; a blob: URL on H5). `onProgress` gets 0–100. */
export function uploadEvidence(filePath: string, onProgress?: (percent: number) => void): UploadHandle {
  return usesCloud() ? uploadViaCloud(filePath, onProgress) : uploadViaGateway(filePath, onProgress)
}

function uploadViaCloud(filePath: string, onProgress?: (percent: number) => void): UploadHandle {
  let task: { abort(): void } | undefined
  let aborted = false
  const done = (async (): Promise<Result<Uploaded>> => {
    // The server judges the type by the bytes; the extension only has to be one it allows in the name.
    const ext = /\.(jpe?g|png|webp|mp4)$/i.exec(filePath)?.[1].toLowerCase() ?? 'jpg'
    const cloudPath = `evidence/${await randomName()}.${ext}`
    initTransport()
    const fileId = await new Promise<string | undefined>((resolve) => {
      try {
        const t = wx.cloud.uploadFile({ cloudPath, filePath, success: (res) => resolve(res.fileID), fail: () => resolve(undefined) })
        task = t
        // The last 5 % is the server copying and cleaning the file.
        t.onProgressUpdate((p) => onProgress?.(Math.max(0, Math.min(95, Math.round(p.progress * 0.95)))))
        if (aborted) t.abort()
      } catch {
        resolve(undefined)
      }
    })
    if (!fileId) return { ok: false, error: { code: 'network', message: NETWORK_MESSAGE } }
    const registered = await callFunction<Uploaded>('files', 'register', { fileId })
    if (registered.ok) onProgress?.(100)
    return registered
  })()
  return {
    done,
    abort: () => {
      aborted = true
      task?.abort()
    },
  }
}

function uploadViaGateway(filePath: string, onProgress?: (percent: number) => void): UploadHandle {
  const token = getToken()
  const header: Record<string, string> = {}
  if (token) header.Authorization = `Bearer ${token}`
  let task: ReturnType<typeof Taro.uploadFile> | undefined
  const done = new Promise<Result<Uploaded>>((resolve) => {
    try {
      task = Taro.uploadFile({ url: `${API_BASE}/files`, filePath, name: 'file', header, timeout: TIMEOUT_MS })
    } catch {
      resolve({ ok: false, error: { code: 'network', message: NETWORK_MESSAGE } })
      return
    }
    task.onProgressUpdate?.((p) => onProgress?.(Math.max(0, Math.min(100, Math.round(p.progress)))))
    task.then(
      (res) => {
        const result = parse(res.statusCode, res.data)
        if (!result.ok && result.error.code === 'unauthenticated' && token) clearSession()
        resolve(result)
      },
      () => resolve({ ok: false, error: { code: 'network', message: NETWORK_MESSAGE } }),
    )
  })
  return { done, abort: () => task?.abort?.() }
}
