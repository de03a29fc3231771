// Field visits queued on the device, one storage key each (`obs:<requestId>`): adding or finishing one never rewrites
// the others, and no index key can disagree with the records. Sync sends the oldest first — photos and the signature
// (each once: its fileId is kept), then supervision.submit — and a record leaves the device only after the server
// confirmed it. One sync at a time; a request during a sync runs once more after it.
import Taro from '@tarojs/taro'
import { uploadEvidence } from '@/api/files'
import * as supervision from '@/api/supervision'
import {
  QUEUE_KEY_PREFIX,
  deliveryError,
  inQueueOrder,
  revive,
  roomProblem,
  shouldSend,
  storageKey,
  submitInput,
  type LocalFile,
  type QueueError,
  type QueuedObservation,
} from '@/domain/observationQueue'
import type { ObservationReceipt } from '@/domain/observations'
import { dropFile } from './localFiles'
import { IS_H5 } from './platform'

type Listener = () => void
const listeners = new Set<Listener>()
let syncing = false
let again = false
let current: Promise<void> | null = null
/** The last confirmation, for the page that is open: "已上传" with the flag. */
let lastDelivered: { requestId: string; name: string; receipt: ObservationReceipt } | undefined

function notify() {
  for (const l of listeners) l()
}

export function subscribe(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function queuedRecords(): QueuedObservation[] {
  let keys: string[] = []
  try {
    keys = Taro.getStorageInfoSync().keys.filter((k) => k.startsWith(QUEUE_KEY_PREFIX))
  } catch {
    return []
  }
  const records: QueuedObservation[] = []
  for (const key of keys) {
    try {
      const r = revive(Taro.getStorageSync(key))
      if (r) records.push(syncing ? r : { ...r, state: r.state === 'sending' ? 'pending' : r.state })
    } catch {
      // An unreadable key is left alone rather than lost.
    }
  }
  return inQueueOrder(records)
}

export function queuedRecord(requestId: string): QueuedObservation | undefined {
  try {
    return revive(Taro.getStorageSync(storageKey(requestId)))
  } catch {
    return undefined
  }
}

export const isSyncing = (): boolean => syncing
export const lastConfirmed = () => lastDelivered

function write(record: QueuedObservation): void {
  Taro.setStorageSync(storageKey(record.requestId), record)
  notify()
}

/**
 * Puts a new or corrected record in the queue. Refused, with the reason in words, when the queue would pass its limit
 * or the device's storage is full; nothing is written then.
 */
export function enqueue(record: QueuedObservation): { ok: true } | { ok: false; message: string } {
  const problem = roomProblem(queuedRecords(), record)
  if (problem) return { ok: false, message: problem }
  try {
    write(record)
  } catch {
    return { ok: false, message: '手机存储空间不足，记录没能保存。请先连网上传其他记录，或减少照片' }
  }
  return { ok: true }
}

/** The supervisor gives up a record (a permanent error they will not fix): its kept files go too. */
export function discard(requestId: string): void {
  const r = queuedRecord(requestId)
  Taro.removeStorageSync(storageKey(requestId))
  if (r) forgetFiles(r)
  notify()
}

function forgetFiles(r: QueuedObservation) {
  for (const f of r.photos) dropFile(f)
  if (r.signature && !r.signature.refused) dropFile(r.signature)
}

type Step = { ok: true } | { ok: false; error: QueueError; stop: boolean }

async function upload(file: LocalFile, what: string): Promise<Step & { fileId?: string }> {
  const res = await uploadEvidence(file.path).done
  if (res.ok) return { ok: true, fileId: res.data.fileId }
  const error = deliveryError(res.error)
  // The store refused this file itself: say which one.
  if (error.permanent) error.message = `${what}：${res.error.message}`
  return { ok: false, error, stop: !error.permanent }
}

/** One record through: uploads first (each saved as soon as it has its fileId), then the submit. */
async function deliver(record: QueuedObservation): Promise<Step> {
  let r: QueuedObservation = { ...record, state: 'sending', error: undefined, attempts: record.attempts + 1 }
  write(r)
  const fail = (error: QueueError, stop: boolean): Step => {
    write({ ...r, state: 'failed', error })
    return { ok: false, error, stop }
  }
  for (let k = 0; k < r.photos.length; k++) {
    if (r.photos[k].fileId) continue
    const up = await upload(r.photos[k], `照片 ${k + 1}`)
    if (!up.ok) return fail(up.error, up.stop)
    r = { ...r, photos: r.photos.map((p, j) => (j === k ? { ...p, fileId: up.fileId } : p)) }
    write(r)
  }
  const sig = r.signature
  if (sig && !sig.refused && !sig.fileId) {
    const up = await upload(sig, '签名')
    if (!up.ok) return fail(up.error, up.stop)
    r = { ...r, signature: { ...sig, fileId: up.fileId } }
    write(r)
  }
  const res = await supervision.submit(submitInput(r)!)
  if (!res.ok) {
    const error = deliveryError(res.error)
    return fail(error, !error.permanent)
  }
  Taro.removeStorageSync(storageKey(r.requestId))
  forgetFiles(r)
  lastDelivered = { requestId: r.requestId, name: r.institution.name, receipt: res.data }
  notify()
  return { ok: true }
}

async function runOnce(): Promise<void> {
  for (const r of queuedRecords()) {
    if (!shouldSend(r)) continue
    const step = await deliver(r)
    // The network is down (or the session gone): the rest would fail alike, and keep their 待上传.
    if (!step.ok && step.stop) return
  }
}

/** Sends what waits. Resolves when done; a call during a sync returns the running one and makes it go round again. */
export function syncQueue(): Promise<void> {
  if (current) {
    again = true
    return current
  }
  if (!queuedRecords().some(shouldSend)) return Promise.resolve()
  syncing = true
  notify()
  current = (async () => {
    try {
      do {
        again = false
        await runOnce()
      } while (again)
    } finally {
      syncing = false
      current = null
      notify()
    }
  })()
  return current
}

let started = false

/** Syncs by itself from now on: when the network returns and when the app comes back to the front. Once per launch. */
export function startAutoSync(): void {
  if (started) return
  started = true
  const go = () => void syncQueue()
  if (IS_H5) {
    // Taro's H5 onNetworkStatusChange listens to navigator.connection, which most browsers lack: use 'online'.
    window.addEventListener('online', go)
  } else {
    Taro.onNetworkStatusChange((res) => res.isConnected && go())
  }
  try {
    Taro.onAppShow(go)
  } catch {
    // Not every platform has it; the pages also sync when shown.
  }
}
