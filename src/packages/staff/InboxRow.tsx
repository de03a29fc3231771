import { View, Text } from '@tarojs/components'
import { ComplaintBadge } from '@/components'
import { aria } from '@/components/a11y'
import { DISTRICT_LABEL } from '@/domain/catalog'
import { COMPLAINT_CATEGORY_LABEL, OPEN_STATUSES } from '@/domain/complaints'
import type { InboxItem } from '@/domain/staff'
import { formatDate } from '@/utils/format'
import DueMark from './DueMark'
import './InboxRow.scss'

interface Props {
  item: InboxItem
  /** On the desk the row selects the ticket beside the list (a button); on a phone it opens a page (a link). */
  desk: boolean
  selected: boolean
  onOpen: () => void
}

export default function InboxRow({ item, desk, selected, onOpen }: Props) {
  const open = OPEN_STATUSES.includes(item.status)
  return (
    <View
      className={`yg-irow${selected ? ' yg-irow--selected' : ''}${item.overdueDays > 0 ? ' yg-irow--overdue' : ''}`}
      hoverClass='yg-irow--pressed'
      ariaRole={desk ? 'button' : 'link'}
      {...aria({ current: selected ? 'true' : undefined })}
      onClick={onOpen}
    >
      <View className='yg-irow__top'>
        <Text className='yg-irow__subject'>{item.subject}</Text>
        <ComplaintBadge status={item.status} />
      </View>
      <Text className='yg-irow__meta'>
        {COMPLAINT_CATEGORY_LABEL[item.category]} · {item.district ? DISTRICT_LABEL[item.district] : '市级'}
      </Text>
      <Text className='yg-irow__meta'>
        <Text className='yg-irow__no'>{item.ticketNo}</Text> · 提交于 {formatDate(item.submittedAt)}
      </Text>
      <View className='yg-irow__foot'>
        {open ? <DueMark label={item.status === 'submitted' ? '受理期限' : '答复期限'} dueAt={item.dueAt} overdueDays={item.overdueDays} /> : <Text className='yg-irow__done'>已结束办理</Text>}
        {item.similarOpen > 0 && <Text className='yg-irow__similar'>同类举报 {item.similarOpen} 件</Text>}
      </View>
    </View>
  )
}
