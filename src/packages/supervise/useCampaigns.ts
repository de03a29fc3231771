// The district's current campaigns, remembered on the device so that the form still puts their focus items first
// when the visit is recorded without a network.
import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import * as supervision from '@/api/supervision'
import type { ClientError } from '@/api/transport'
import type { Campaign } from '@/domain/staff'
import { chinaToday } from '@/domain/chinaDate'

const CACHE_KEY = 'supervise:campaigns'

export type CampaignsState = { kind: 'loading' } | { kind: 'ready'; items: Campaign[]; cached: boolean } | { kind: 'error'; error: ClientError }

function cached(): Campaign[] | undefined {
  try {
    const items = Taro.getStorageSync(CACHE_KEY) as Campaign[] | ''
    // A campaign that ended since it was remembered is no longer current.
    return Array.isArray(items) ? items.filter((c) => c.endsOn >= chinaToday()) : undefined
  } catch {
    return undefined
  }
}

export function useCampaigns(): [CampaignsState, () => void] {
  const [state, setState] = useState<CampaignsState>({ kind: 'loading' })
  const [round, setRound] = useState(0)
  useEffect(() => {
    let live = true
    void supervision.campaigns().then((res) => {
      if (!live) return
      if (res.ok) {
        Taro.setStorage({ key: CACHE_KEY, data: res.data.items }).catch(() => undefined)
        setState({ kind: 'ready', items: res.data.items, cached: false })
        return
      }
      const old = res.error.code === 'network' ? cached() : undefined
      setState(old ? { kind: 'ready', items: old, cached: true } : { kind: 'error', error: res.error })
    })
    return () => {
      live = false
    }
  }, [round])
  return [state, () => setRound((n) => n + 1)]
}
