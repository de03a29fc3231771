// 操作日志 (admin only): every staff action, newest first, a page at a time.
import { useCallback } from 'react'
import { useReachBottom } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import * as staffAdmin from '@/api/staffAdmin'
import { formatChinaDateTime } from '@/domain/chinaDate'
import { Button, EmptyState, ErrorState, LoadMore, Loading } from '@/components'
import { usePagedList } from '@/hooks/usePagedList'
import { actionWords, detailWords, roleWords, targetWords } from './auditWords'
import ManageFrame from './ManageFrame'
import Table from './Table'

export default function AuditPage() {
  return (
    <ManageFrame action='audit' title='操作日志' className='yg-manage--wide'>
      {() => <AuditDesk />}
    </ManageFrame>
  )
}

function AuditDesk() {
  const fetchPage = useCallback((cursor?: string) => staffAdmin.audit(cursor), [])
  const list = usePagedList(fetchPage)
  useReachBottom(() => list.loadMore())
  if (list.phase.kind === 'loading') return <Loading block />
  if (list.phase.kind === 'error') return <ErrorState error={list.phase.error} onRetry={list.reload} />
  if (list.items.length === 0) return <EmptyState title='还没有操作记录' lines={['工作人员的每一次操作都会记在这里。']} />
  return (
    <View>
      <Text className='yg-manage__note'>共 {list.total} 条，最新的在前。</Text>
      <Table
        caption='操作日志'
        columns={[{ label: '时间' }, { label: '操作人' }, { label: '操作' }, { label: '对象', wrap: true }, { label: '详情', wrap: true }]}
        rows={list.items.map((i) => ({
          key: i.id,
          cells: [formatChinaDateTime(i.at), roleWords(i.actorName, i.actorRole), actionWords(i.action, i.detail), targetWords(i.targetType, i.targetId), detailWords(i.detail)],
        }))}
      />
      <LoadMore state={list.more} onRetry={list.loadMore} />
      {list.more === 'idle' && (
        <View className='yg-manage__actions'>
          <Button variant='secondary' onClick={list.loadMore}>
            加载更多
          </Button>
        </View>
      )}
    </View>
  )
}
