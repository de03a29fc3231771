import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import * as complaints from '@/api/complaints'
import { getToken } from '@/api/session'
import type { ClientError } from '@/api/transport'
import { COMPLAINT_CATEGORY_LABEL, type ComplaintListItem } from '@/domain/complaints'
import { Button, ComplaintBadge, EmptyState, ErrorState, LoadMore, Loading, PageFrame, type LoadMoreState } from '@/components'
import { formatDate } from '@/utils/format'
import { REPORT_ROUTES } from '@/utils/routes'
import LoginGate from '@/components/LoginGate'
import './report.scss'

type List = { state: 'loading' } | { state: 'error'; error: ClientError } | { state: 'ready'; items: ComplaintListItem[]; total: number; next?: string }

export default function MyReportsPage() {
  const [authed, setAuthed] = useState(() => !!getToken())
  const [list, setList] = useState<List>({ state: 'loading' })
  const [more, setMore] = useState<LoadMoreState>('idle')

  async function load() {
    if (!getToken()) {
      setAuthed(false)
      return
    }
    setAuthed(true)
    const res = await complaints.mine()
    if (res.ok) {
      setList({ state: 'ready', items: res.data.items, total: res.data.total, next: res.data.nextCursor })
      setMore(res.data.nextCursor ? 'idle' : 'end')
    } else if (res.error.code === 'unauthenticated') setAuthed(false)
    else setList((l) => (l.state === 'ready' ? l : { state: 'error', error: res.error }))
  }

  async function loadMore() {
    if (list.state !== 'ready' || !list.next || more === 'loading') return
    setMore('loading')
    const res = await complaints.mine(list.next)
    if (!res.ok) {
      setMore('error')
      return
    }
    setList({ state: 'ready', items: [...list.items, ...res.data.items], total: res.data.total, next: res.data.nextCursor })
    setMore(res.data.nextCursor ? 'idle' : 'end')
  }

  // Statuses change while the person is away (and after an action on the detail page): reload on every show.
  useDidShow(() => void load())
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void loadMore())

  if (!authed) {
    return (
      <PageFrame className='yg-rf'>
        <LoginGate why='登录后可以查看您提交的举报和办理进度。' onDone={() => void load()} />
      </PageFrame>
    )
  }
  return (
    <PageFrame className='yg-rf yg-mylist'>
      {list.state === 'loading' && <Loading block />}
      {list.state === 'error' && <ErrorState error={list.error} onRetry={() => void load()} />}
      {list.state === 'ready' && list.items.length === 0 && (
        <EmptyState mark='0' title='您还没有提交过举报' lines={['发现无证办学、超额预收费、超时培训等问题，可以在这里举报。']}>
          <Button onClick={() => Taro.navigateTo({ url: REPORT_ROUTES.flow })}>我要举报</Button>
        </EmptyState>
      )}
      {list.state === 'ready' && list.items.length > 0 && (
        <View>
          <Text className='yg-mylist__count'>共 {list.total} 件举报</Text>
          <View className='yg-mylist__items'>
            {list.items.map((item) => (
              <View
                key={item.ticketNo}
                className='yg-mylist__item'
                hoverClass='yg-mylist__item--pressed'
                ariaRole='link'
                onClick={() => Taro.navigateTo({ url: REPORT_ROUTES.detail(item.ticketNo) })}
              >
                <View className='yg-mylist__top'>
                  <Text className='yg-mylist__subject'>{item.subject}</Text>
                  <ComplaintBadge status={item.status} />
                </View>
                <Text className='yg-mylist__category'>{COMPLAINT_CATEGORY_LABEL[item.category]}</Text>
                <View className='yg-mylist__meta'>
                  <Text>编号 {item.ticketNo}</Text>
                  <Text>提交于 {formatDate(item.submittedAt)}</Text>
                </View>
              </View>
            ))}
          </View>
          <LoadMore state={more} onRetry={() => void loadMore()} />
        </View>
      )}
    </PageFrame>
  )
}
