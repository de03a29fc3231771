import { View, Text } from '@tarojs/components'
import { aria } from '@/components/a11y'
import { DISTRICT_LABEL, type District } from '@/domain/catalog'
import { CHECKLIST_LABEL } from '@/domain/checklist'
import type { StaffObservationItem } from '@/domain/observations'
import { formatDateTime } from '@/utils/format'
import './InboxRow.scss'
import './FindingRow.scss'

interface Props {
  item: StaffObservationItem
  /** On the desk the row selects the visit beside the list; on a phone it opens the details under it. */
  desk: boolean
  selected: boolean
  onOpen: () => void
}

/** One visit that found something, in the inbox's row style: the institution, what failed, where and when. */
export default function FindingRow({ item, desk, selected, onOpen }: Props) {
  const [first, ...others] = item.failed
  return (
    <View
      className={`yg-irow yg-frow${selected ? ' yg-irow--selected' : ''}`}
      hoverClass='yg-irow--pressed'
      ariaRole='button'
      {...aria(desk ? { current: selected ? 'true' : undefined } : { expanded: selected })}
      onClick={onOpen}
    >
      <View className='yg-irow__top'>
        <Text className='yg-irow__subject'>{item.institution.name}</Text>
        {item.failed.length > 0 && <Text className='yg-frow__count'>✕ {item.failed.length} 项不符合</Text>}
      </View>
      {first && (
        <Text className='yg-irow__meta'>
          {CHECKLIST_LABEL[first.item]}
          {others.length ? ` 等${item.failed.length}项` : ''}
        </Text>
      )}
      <Text className='yg-irow__meta'>
        {DISTRICT_LABEL[item.district as District] ?? item.district} · {item.supervisor.name}
      </Text>
      <Text className='yg-irow__meta'>巡查于 {formatDateTime(item.visitedAt)}</Text>
      <View className='yg-irow__foot'>
        {item.flagged ? <Text className='yg-frow__flag'>! 定位距登记地址约 {item.distanceM} 米</Text> : <Text className='yg-irow__done'>现场定位相符</Text>}
        {item.ticketNo && <Text className='yg-frow__ticket'>已转举报 {item.ticketNo}</Text>}
      </View>
    </View>
  )
}
