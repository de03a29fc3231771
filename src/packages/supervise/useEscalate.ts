// 转为举报: one tap turns a visit with failed items into a complaint. Its requestId is made once per observation and
// kept on the device, so a retry after a lost answer is the same request (the server also answers the same ticket
// for the same observation whatever the id).
import { useState } from 'react'
import Taro from '@tarojs/taro'
import * as supervision from '@/api/supervision'
import { newRequestId } from '@/utils/randomId'

const key = (observationId: string) => `esc:${observationId}`

async function requestIdFor(observationId: string): Promise<string> {
  try {
    const kept = Taro.getStorageSync(key(observationId)) as string
    if (kept) return kept
  } catch {
    // Unreadable: make a new one below.
  }
  const id = await newRequestId()
  Taro.setStorageSync(key(observationId), id)
  return id
}

export function useEscalate() {
  const [busy, setBusy] = useState('')
  /** Tickets made in this visit of the page, by observation (the list shows them before it is reloaded). */
  const [tickets, setTickets] = useState<Record<string, string>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})

  async function escalate(observationId: string) {
    if (busy) return
    setBusy(observationId)
    setErrors((e) => ({ ...e, [observationId]: '' }))
    const res = await supervision.escalate(observationId, await requestIdFor(observationId))
    setBusy('')
    if (res.ok) {
      setTickets((t) => ({ ...t, [observationId]: res.data.ticketNo }))
      Taro.removeStorage({ key: key(observationId) }).catch(() => undefined)
    } else {
      setErrors((e) => ({ ...e, [observationId]: res.error.code === 'network' ? '网络不给力，请连网后重试' : res.error.message }))
    }
  }
  return { busy, tickets, errors, escalate }
}
