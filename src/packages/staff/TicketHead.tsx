import { View, Text } from '@tarojs/components'
import { ComplaintBadge } from '@/components'
import { COMPLAINT_CATEGORY_LABEL, OPEN_STATUSES } from '@/domain/complaints'
import { DISTRICT_LABEL } from '@/domain/catalog'
import type { StaffComplaintView } from '@/domain/staff'
import DueMark from './DueMark'
import './TicketHead.scss'

/** The ticket at a glance: number, status, what and where, who handles it, and its deadlines while open. */
export default function TicketHead({ view }: { view: StaffComplaintView }) {
  const open = OPEN_STATUSES.includes(view.status)
  const subject = view.institution ? view.institution.name : view.place ? `${view.place.name}（不在名单上）` : '—'
  return (
    <View className='yg-thead' ariaRole='region' ariaLabel='举报概况'>
      <View className='yg-thead__top'>
        <Text className='yg-thead__ticket' userSelect>
          {view.ticketNo}
        </Text>
        <ComplaintBadge status={view.status} />
      </View>
      <Text className='yg-thead__subject'>{subject}</Text>
      <Text className='yg-thead__line'>
        {COMPLAINT_CATEGORY_LABEL[view.category]} · {view.district ? DISTRICT_LABEL[view.district] : '市级'} · {view.department}
      </Text>
      {open && (
        <View className='yg-thead__dues'>
          {view.status === 'submitted' && <DueMark label='受理期限' dueAt={view.acceptDueAt} overdueDays={view.acceptOverdueDays} />}
          <DueMark label='答复期限' dueAt={view.dueAt} overdueDays={view.overdueDays} />
        </View>
      )}
      {view.reviewed && <Text className='yg-thead__line'>举报人已申请过复核</Text>}
    </View>
  )
}
