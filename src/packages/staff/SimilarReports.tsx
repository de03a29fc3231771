import { View, Text } from '@tarojs/components'
import { ComplaintBadge, Section } from '@/components'
import type { StaffComplaintView } from '@/domain/staff'
import { formatDate } from '@/utils/format'
import './SimilarReports.scss'

/** Other reports of this category about this institution (30 days either side): handled together, opened from here. */
export default function SimilarReports({ view, onOpen }: { view: StaffComplaintView; onOpen: (ticketNo: string) => void }) {
  const similar = view.similar ?? []
  return (
    <Section title={`同类举报（${similar.length}）`}>
      {similar.length === 0 ? (
        <Text className='yg-similar__none'>30 天内没有同一机构的同类举报。</Text>
      ) : (
        <View>
          {similar.map((s) => (
            <View key={s.ticketNo} className='yg-similar__row' hoverClass='yg-similar__row--pressed' ariaRole='link' onClick={() => onOpen(s.ticketNo)}>
              <View className='yg-similar__text'>
                <Text className='yg-similar__no'>{s.ticketNo}</Text>
                <Text className='yg-similar__at'>提交于 {formatDate(s.submittedAt)}</Text>
              </View>
              <ComplaintBadge status={s.status} />
            </View>
          ))}
        </View>
      )}
    </Section>
  )
}
