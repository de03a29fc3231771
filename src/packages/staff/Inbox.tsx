// The list side of the workbench: search and filters, the status tabs (a real tablist) over the list they control,
// rows in due-date order (the server's order), and paging with LoadMore.
import { View, Text } from '@tarojs/components'
import { EmptyState, ErrorState, LoadMore, Loading } from '@/components'
import type { Account } from '@/domain/api'
import InboxFilters from './InboxFilters'
import InboxRow from './InboxRow'
import StatusTabs, { countWords, INBOX_PANEL_ID } from './StatusTabs'
import type { useInbox } from './useInbox'
import './Inbox.scss'

interface Props {
  account: Account
  inbox: ReturnType<typeof useInbox>
  desk: boolean
  selected?: string
  onOpen: (ticketNo: string) => void
}

export default function Inbox({ account, inbox, desk, selected, onOpen }: Props) {
  const { filters, phase, items } = inbox
  const filtered = !!(filters.category || filters.district || filters.overdue || filters.q)
  return (
    <View className='yg-inbox'>
      <InboxFilters filters={filters} overdue={countWords(inbox.overdue, inbox.overdueCapped)} showDistrict={!account.district} set={inbox.set} />
      <StatusTabs value={filters.status} counts={inbox.counts} countsCapped={inbox.countsCapped} onPick={(s) => inbox.set('status', s)} />
      <View className='yg-inbox__panel' id={INBOX_PANEL_ID} ariaRole='tabpanel' ariaLabel='举报列表'>
        {phase.kind === 'loading' && <Loading block />}
        {phase.kind === 'error' && <ErrorState error={phase.error} onRetry={inbox.reload} />}
        {phase.kind === 'ready' && items.length === 0 && (
          <EmptyState
            mark='0'
            title={filters.q ? `没有找到与“${filters.q}”有关的举报` : '没有符合条件的举报'}
            lines={filtered ? ['可以换个编号或机构名称，或清除筛选条件再看看。'] : ['新的举报会出现在这里。']}
          />
        )}
        {phase.kind === 'ready' && items.length > 0 && (
          <View>
            <View className='yg-inbox__count' ariaRole='status'>
              <Text>共 {countWords(inbox.total, inbox.totalCapped)} 件 · 按期限先后排列</Text>
            </View>
            <View ariaRole='list' ariaLabel='举报'>
              {items.map((item) => (
                <View key={item.ticketNo} ariaRole='listitem'>
                  <InboxRow item={item} desk={desk} selected={desk && selected === item.ticketNo} onOpen={() => onOpen(item.ticketNo)} />
                </View>
              ))}
            </View>
            <LoadMore state={inbox.more} onRetry={inbox.loadMore} />
            {inbox.more === 'idle' && (
              <View className='yg-inbox__more' ariaRole='button' onClick={inbox.loadMore}>
                <Text>加载更多</Text>
              </View>
            )}
          </View>
        )}
      </View>
    </View>
  )
}
