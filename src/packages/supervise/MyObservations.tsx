import { useCallback } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import * as supervision from '@/api/supervision'
import { Button, EmptyState, ErrorState, LoadMore, Loading } from '@/components'
import { CHECKLIST_LABEL } from '@/domain/checklist'
import { COMPLAINT_STATUS_LABEL } from '@/domain/complaints'
import { formatChinaDateTime } from '@/domain/chinaDate'
import type { ObservationListItem } from '@/domain/observations'
import { usePagedList } from '@/hooks/usePagedList'
import { REPORT_ROUTES } from '@/utils/routes'
import { useEscalate } from './useEscalate'

/** 我的巡查: the visits the server has, and what became of each (flagged, failed items, the ticket it became). */
export default function MyObservations({ refreshKey }: { refreshKey: number }) {
  // A new identity after each confirmed upload reloads the list from the top.
  const fetchPage = useCallback((cursor?: string) => supervision.mine(cursor), [refreshKey])
  const list = usePagedList<ObservationListItem>(fetchPage)
  const esc = useEscalate()
  return (
    <View className='yg-sup__block' ariaRole='region' ariaLabel='我的巡查'>
      <Text className='yg-sup__heading'>我的巡查{list.phase.kind === 'ready' ? `（${list.total}）` : ''}</Text>
      {list.phase.kind === 'loading' && <Loading />}
      {list.phase.kind === 'error' && <ErrorState error={list.phase.error} onRetry={list.reload} />}
      {list.phase.kind === 'ready' && !list.items.length && <EmptyState title='还没有已上传的巡查记录' lines={['到机构现场后，点“新建巡查记录”开始。']} />}
      {list.phase.kind === 'ready' &&
        list.items.map((o) => {
          const ticketNo = o.ticketNo ?? esc.tickets[o.id]
          return (
            <View key={o.id} className='yg-sup__obs'>
              <Text className='yg-sup__obs-name'>{o.institution.name}</Text>
              <Text className='yg-sup__obs-meta'>巡查于 {formatChinaDateTime(o.visitedAt)} · 距登记地址约 {o.distanceM} 米</Text>
              {o.flagged && <Text className='yg-sup__obs-flag'>! 签到位置超出范围，已附原因，供工作人员核查</Text>}
              <Text className={`yg-sup__obs-result${o.failed.length ? ' yg-sup__obs-result--fail' : ''}`}>
                {o.failed.length ? `✕ ${o.failed.length} 项不符合：${o.failed.map((f) => CHECKLIST_LABEL[f]).join('；')}` : '✓ 检查项均符合'}
              </Text>
              {ticketNo ? (
                <View className='yg-sup__obs-ticket' ariaRole='link' onClick={() => void Taro.navigateTo({ url: REPORT_ROUTES.detail(ticketNo) })}>
                  <Text>已转为举报 {ticketNo}{o.ticketStatus ? `（${COMPLAINT_STATUS_LABEL[o.ticketStatus]}）` : ''}，查看办理进度 ›</Text>
                </View>
              ) : (
                o.failed.length > 0 && (
                  <View className='yg-sup__obs-actions'>
                    <Button inline variant='secondary' danger loading={esc.busy === o.id} onClick={() => void esc.escalate(o.id)}>
                      转为举报
                    </Button>
                    {esc.errors[o.id] && <Text className='yg-sup__obs-error'>{esc.errors[o.id]}</Text>}
                  </View>
                )
              )}
            </View>
          )
        })}
      {list.phase.kind === 'ready' && list.items.length > 0 && <LoadMore state={list.more} onRetry={list.loadMore} />}
      {list.phase.kind === 'ready' && list.more === 'idle' && (
        <View className='yg-sup__link' ariaRole='button' onClick={list.loadMore}>
          <Text>加载更多</Text>
        </View>
      )}
    </View>
  )
}
