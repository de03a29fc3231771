import { useCallback, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import * as supervision from '@/api/supervision'
import { EmptyState, ErrorState, LoadMore, Loading } from '@/components'
import { aria } from '@/components/a11y'
import { formatChinaDate } from '@/domain/chinaDate'
import type { RoundItem, RoundSort } from '@/domain/observations'
import { usePagedList } from '@/hooks/usePagedList'
import { formatDistance } from '@/utils/format'
import { currentPosition, type Position } from '@/utils/location'
import { SUPERVISE_ROUTES } from '@/utils/routes'

const SORTS: { value: RoundSort; label: string }[] = [
  { value: 'lastVisit', label: '最久未巡查' },
  { value: 'distance', label: '离我最近' },
]

/** The district's institutions to visit: longest since anyone's last visit first, or nearest first. */
export default function RoundList() {
  const [sort, setSort] = useState<RoundSort>('lastVisit')
  const [near, setNear] = useState<Position>()
  const [locating, setLocating] = useState(false)
  const fetchPage = useCallback((cursor?: string) => supervision.institutions({ sort, ...(sort === 'distance' && near ? { near } : {}), ...(cursor ? { cursor } : {}) }), [sort, near])
  const list = usePagedList<RoundItem>(fetchPage)

  async function choose(next: RoundSort) {
    if (next === sort || locating) return
    if (next === 'distance' && !near) {
      setLocating(true)
      const res = await currentPosition()
      setLocating(false)
      if (!res.ok) {
        Taro.showToast({ title: res.reason === 'denied' ? '没有定位权限，无法按距离排序' : '没能获取位置，请稍后重试', icon: 'none' })
        return
      }
      setNear({ lat: Number(res.position.lat.toFixed(5)), lng: Number(res.position.lng.toFixed(5)) })
    }
    setSort(next)
  }

  return (
    <View className='yg-sup__block' ariaRole='region' ariaLabel='巡查清单'>
      <Text className='yg-sup__heading'>辖区机构</Text>
      <View className='yg-sup__tabs' ariaRole='radiogroup' ariaLabel='排序'>
        {SORTS.map((s) => (
          <View key={s.value} className={`yg-sup__tab${sort === s.value ? ' yg-sup__tab--on' : ''}`} ariaRole='radio' {...aria({ checked: sort === s.value })} onClick={() => void choose(s.value)}>
            <Text>{s.value === 'distance' && locating ? '正在定位…' : s.label}</Text>
          </View>
        ))}
      </View>
      {list.phase.kind === 'loading' && <Loading />}
      {list.phase.kind === 'error' && <ErrorState error={list.phase.error} onRetry={list.reload} />}
      {list.phase.kind === 'ready' && !list.items.length && <EmptyState title='辖区暂无可巡查的机构' />}
      {list.phase.kind === 'ready' &&
        list.items.map((i) => (
          <View
            key={i.id}
            className='yg-sup__round'
            hoverClass='yg-sup__round--pressed'
            ariaRole='link'
            onClick={() => void Taro.navigateTo({ url: SUPERVISE_ROUTES.observe({ institution: { id: i.id, name: i.name, lat: i.lat, lng: i.lng } }) })}
          >
            <View className='yg-sup__round-top'>
              <Text className='yg-sup__round-name'>{i.name}</Text>
              {i.distanceM !== undefined && <Text className='yg-sup__round-distance'>{formatDistance(i.distanceM)}</Text>}
            </View>
            <Text className='yg-sup__round-meta'>{i.lastVisitedAt ? `上次巡查 ${formatChinaDate(i.lastVisitedAt)}` : '从未巡查'}</Text>
            <Text className='yg-sup__round-address'>{i.address}</Text>
          </View>
        ))}
      {list.phase.kind === 'ready' && list.items.length > 0 && <LoadMore state={list.more} onRetry={list.loadMore} />}
      {list.phase.kind === 'ready' && list.more === 'idle' && (
        <View className='yg-sup__link' ariaRole='button' onClick={list.loadMore}>
          <Text>加载更多</Text>
        </View>
      )}
    </View>
  )
}
