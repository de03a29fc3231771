// 巡查发现: the visits of the desk's scope that found something, newest first. On the desk a row shows the visit in
// the right pane; on a phone it opens the details under the row.
import { View, Text } from '@tarojs/components'
import { EmptyState, ErrorState, LoadMore, Loading } from '@/components'
import FindingDetail from './FindingDetail'
import FindingRow from './FindingRow'
import type { useFindings } from './useFindings'
import './Inbox.scss'

interface Props {
  findings: ReturnType<typeof useFindings>
  desk: boolean
  selected?: string
  onSelect: (id: string | undefined) => void
  onOpenTicket: (ticketNo: string) => void
}

export default function Findings({ findings, desk, selected, onSelect, onOpenTicket }: Props) {
  const { phase, items } = findings
  return (
    <View className='yg-inbox yg-inbox__panel'>
      {phase.kind === 'loading' && <Loading block />}
      {phase.kind === 'error' && <ErrorState error={phase.error} onRetry={findings.reload} />}
      {phase.kind === 'ready' && items.length === 0 && <EmptyState mark='0' title='暂无巡查发现' lines={['监督员巡查发现不符合项后，会出现在这里。']} />}
      {phase.kind === 'ready' && items.length > 0 && (
        <View>
          <View className='yg-inbox__count' ariaRole='status'>
            <Text>共 {findings.total} 次巡查发现问题 · 最新的在前</Text>
          </View>
          <View ariaRole='list' ariaLabel='巡查发现'>
            {items.map((item) => (
              <View key={item.id} ariaRole='listitem'>
                <FindingRow item={item} desk={desk} selected={selected === item.id} onOpen={() => onSelect(!desk && selected === item.id ? undefined : item.id)} />
                {!desk && selected === item.id && <FindingDetail item={item} inline onOpenTicket={onOpenTicket} />}
              </View>
            ))}
          </View>
          <LoadMore state={findings.more} onRetry={findings.loadMore} />
          {findings.more === 'idle' && (
            <View className='yg-inbox__more' ariaRole='button' onClick={findings.loadMore}>
              <Text>加载更多</Text>
            </View>
          )}
        </View>
      )}
    </View>
  )
}
