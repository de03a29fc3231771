// The device's queue of field visits waiting for the server: what a queued record holds, how much room it takes, what
// a failed delivery means (wait and retry, or the supervisor must fix something), and how the queue is summed up.
// Pure: the storage and the network are in src/utils/observationQueue.ts.
import type { ObservationSubmitInput } from './observations'

/** All queued records together stay under this (WeChat allows 10 MB of storage per mini-program, a browser ~5 MB). */
export const QUEUE_LIMIT_BYTES = 5 * 1024 * 1024
export const QUEUE_KEY_PREFIX = 'obs:'

/** A photo or the signature kept on the device until the server has it; `fileId` once uploaded, so it goes up once. */
export interface LocalFile {
  /** A saved file's path (WeChat) or a data: URL (H5, where a picked file's blob: URL dies with the page). */
  path: string
  size: number
  fileId?: string
}

export type QueuedSignature = { refused: true } | ({ refused: false } & LocalFile)

/** Everything of the submit except what is only known after the uploads. */
export type QueuedInput = Omit<ObservationSubmitInput, 'requestId' | 'evidence' | 'signature'>

export type QueueState = 'pending' | 'sending' | 'failed'
export const QUEUE_STATE_LABEL: Readonly<Record<QueueState, string>> = { pending: '待上传', sending: '上传中', failed: '上传失败' }

export interface QueueError {
  message: string
  /** True when waiting will not help: the supervisor must change the record (or remove it). */
  permanent: boolean
  /** The server's field → message, to show beside the fields when the form opens again. */
  fields?: Record<string, string>
}

export interface QueuedObservation {
  /** Made once on the device when the record is queued: every delivery of it answers the same observation. */
  requestId: string
  queuedAt: string
  institution: { id: string; name: string }
  input: QueuedInput
  photos: LocalFile[]
  signature?: QueuedSignature
  state: QueueState
  error?: QueueError
  attempts: number
}

export const storageKey = (requestId: string): string => `${QUEUE_KEY_PREFIX}${requestId}`

const inline = (f: LocalFile) => f.path.startsWith('data:')

/** Room a record takes: its stored text, and the saved files it points to (data: URLs are already in the text). */
export function recordBytes(record: QueuedObservation): number {
  const files = [...record.photos, ...(record.signature && !record.signature.refused ? [record.signature] : [])]
  // Stored text counts as two bytes a character: what a browser's storage quota counts.
  return JSON.stringify(record).length * 2 + files.filter((f) => !inline(f)).reduce((n, f) => n + f.size, 0)
}

/** Why a new record may not join the queue, or undefined when it fits. */
export function roomProblem(queued: QueuedObservation[], next: QueuedObservation, limit = QUEUE_LIMIT_BYTES): string | undefined {
  const others = queued.filter((r) => r.requestId !== next.requestId)
  const used = others.reduce((n, r) => n + recordBytes(r), 0)
  if (used + recordBytes(next) <= limit) return undefined
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1)
  return others.length
    ? `本机待上传的记录已占用 ${mb(used)} MB，再存这条会超过 ${mb(limit)} MB。请先连网上传，或减少照片`
    : `这条记录有 ${mb(recordBytes(next))} MB，超过本机能保存的 ${mb(limit)} MB。请减少照片`
}

/** Codes after which the same record may succeed later without change. */
const TRANSIENT = new Set(['network', 'unavailable', 'internal', 'rate_limited', 'unauthenticated'])

/** What a refused delivery means for the record. */
export function deliveryError(error: { code: string; message: string; fields?: Record<string, string> }): QueueError {
  if (error.code === 'network') return { message: '网络不可用，连网后会自动上传', permanent: false }
  if (error.code === 'unauthenticated') return { message: '登录已过期，请在“我的”页重新登录后上传', permanent: false }
  if (TRANSIENT.has(error.code)) return { message: error.message, permanent: false }
  return { message: error.message, permanent: true, ...(error.fields ? { fields: error.fields } : {}) }
}

/** The input supervision.submit takes, once every photo and the signature are uploaded; undefined before. */
export function submitInput(record: QueuedObservation): ObservationSubmitInput | undefined {
  if (record.photos.some((p) => !p.fileId)) return undefined
  const sig = record.signature
  if (sig && !sig.refused && !sig.fileId) return undefined
  return {
    requestId: record.requestId,
    ...record.input,
    ...(record.photos.length ? { evidence: record.photos.map((p) => p.fileId!) } : {}),
    ...(sig ? { signature: sig.refused ? { refused: true as const } : { refused: false as const, fileId: sig.fileId! } } : {}),
  }
}

/** Oldest first: the order they were made, which is the order they are sent. */
export function inQueueOrder(records: QueuedObservation[]): QueuedObservation[] {
  return [...records].sort((a, b) => a.queuedAt.localeCompare(b.queuedAt) || a.requestId.localeCompare(b.requestId))
}

/** Whether the automatic sync should try this record: not one the supervisor must fix first. */
export const shouldSend = (r: QueuedObservation): boolean => !(r.state === 'failed' && r.error?.permanent)

/** "2 条待上传", "1 条需要修改"…; empty when nothing waits. */
export function queueSummary(records: QueuedObservation[]): string {
  if (!records.length) return ''
  const fix = records.filter((r) => !shouldSend(r)).length
  const waiting = records.length - fix
  return [waiting ? `${waiting} 条待上传` : '', fix ? `${fix} 条需要修改` : ''].filter(Boolean).join('，')
}

/** A record read back from storage is only trusted in its known shape; "sending" means the app stopped mid-way. */
export function revive(value: unknown): QueuedObservation | undefined {
  const r = value as QueuedObservation | undefined
  if (!r || typeof r !== 'object' || typeof r.requestId !== 'string' || !r.input || !Array.isArray(r.photos) || !r.institution) return undefined
  return r.state === 'sending' ? { ...r, state: 'pending' } : r
}
