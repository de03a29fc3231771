import { View, Text } from '@tarojs/components'
import { COMPLAINT_STATUS_LABEL, type ComplaintStatus } from '@/domain/complaints'
import { StatusIcon } from '@/components'
import type { Verdict } from '@/components'

/** Open tickets wait (clock), answered ones are ticked, refused crossed, withdrawn struck out: icon + words + colour. */
const LOOK: Record<ComplaintStatus, { icon: Verdict; tone: 'open' | 'answered' | 'rejected' | 'closed' }> = {
  submitted: { icon: 'pending', tone: 'open' },
  accepted: { icon: 'pending', tone: 'open' },
  assigned: { icon: 'pending', tone: 'open' },
  in_progress: { icon: 'pending', tone: 'open' },
  replied: { icon: 'approved', tone: 'answered' },
  resolved: { icon: 'approved', tone: 'answered' },
  rejected: { icon: 'blacklisted', tone: 'rejected' },
  withdrawn: { icon: 'revoked', tone: 'closed' },
}

export default function ComplaintBadge({ status }: { status: ComplaintStatus }) {
  const look = LOOK[status]
  return (
    <View className={`yg-cbadge yg-cbadge--${look.tone}`} ariaLabel={`状态：${COMPLAINT_STATUS_LABEL[status]}`}>
      <StatusIcon kind={look.icon} size='sm' />
      <Text className='yg-cbadge__text'>{COMPLAINT_STATUS_LABEL[status]}</Text>
    </View>
  )
}
