// The queue of field visits as a page sees it: the records (re-read whenever the queue changes), whether a sync runs,
// and a sync on arrival and on every show. Sync also starts by itself when the network returns (startAutoSync).
import { useEffect, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { queueSummary, type QueuedObservation } from '@/domain/observationQueue'
import { isSyncing, lastConfirmed, queuedRecords, startAutoSync, subscribe, syncQueue } from '@/utils/observationQueue'

export interface QueueView {
  records: QueuedObservation[]
  /** "2 条待上传"; empty when nothing waits. */
  summary: string
  syncing: boolean
  last: ReturnType<typeof lastConfirmed>
  sync(): Promise<void>
}

export function useObservationQueue(): QueueView {
  const read = () => ({ records: queuedRecords(), syncing: isSyncing(), last: lastConfirmed() })
  const [view, setView] = useState(read)
  useEffect(() => {
    startAutoSync()
    return subscribe(() => setView(read()))
  }, [])
  useDidShow(() => {
    setView(read())
    void syncQueue()
  })
  return { ...view, summary: queueSummary(view.records), sync: syncQueue }
}
