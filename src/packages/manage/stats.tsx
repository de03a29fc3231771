// 办理统计: what came in and how it was handled, by department and district, over 30, 90 or 365 days.
import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import * as staffAdmin from '@/api/staffAdmin'
import type { ClientError } from '@/api/transport'
import { STATS_PERIODS, type StaffStats } from '@/domain/staff'
import type { StatsPeriod } from '@/domain/staffAdmin'
import { ErrorState, Loading } from '@/components'
import { aria } from '@/components/a11y'
import ManageFrame from './ManageFrame'
import StatsTable from './StatsTable'
import './stats.scss'

export default function StatsPage() {
  return (
    <ManageFrame action='stats' title='办理统计' className='yg-manage--wide'>
      {() => <StatsDesk />}
    </ManageFrame>
  )
}

type Load = { kind: 'loading' } | { kind: 'error'; error: ClientError } | { kind: 'ready'; stats: StaffStats }

function StatsDesk() {
  const [days, setDays] = useState<StatsPeriod>(30)
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let current = true
    setLoad({ kind: 'loading' })
    staffAdmin.stats(days).then((res) => {
      if (current) setLoad(res.ok ? { kind: 'ready', stats: res.data } : { kind: 'error', error: res.error })
    })
    return () => {
      current = false
    }
  }, [days, attempt])

  return (
    <View>
      <View className='yg-stabs' ariaRole='tablist' ariaLabel='统计期间'>
        {STATS_PERIODS.map((p) => (
          <View key={p} className={`yg-stabs__tab${p === days ? ' yg-stabs__tab--on' : ''}`} ariaRole='tab' {...aria({ selected: p === days })} onClick={() => setDays(p)}>
            <Text>近 {p} 天</Text>
          </View>
        ))}
      </View>
      <View ariaRole='tabpanel' ariaLabel={`近 ${days} 天`}>
        {load.kind === 'loading' && <Loading block />}
        {load.kind === 'error' && <ErrorState error={load.error} onRetry={() => setAttempt((n) => n + 1)} />}
        {load.kind === 'ready' && load.stats.total.received === 0 && <Text className='yg-manage__note'>近 {days} 天没有收到举报，可以切换到更长的期间查看。</Text>}
        {load.kind === 'ready' && <StatsTable stats={load.stats} />}
      </View>
    </View>
  )
}
