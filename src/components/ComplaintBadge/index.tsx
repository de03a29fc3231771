import { View, Text } from '@tarojs/components'
import { COMPLAINT_MACHINE, COMPLAINT_STATUS_LABEL, type ComplaintStatus } from '@/domain/complaints'
import { inGroup } from '@/domain/statusMachine'
import StatusIcon from '../StatusIcon'
import type { Verdict } from '../types'
import './index.scss'

type Look = { icon: Verdict; tone: 'open' | 'answered' | 'rejected' | 'closed' }

/** Open tickets wait (clock), answered ones are ticked, refused crossed, withdrawn struck out: icon + words + colour. */
function lookOf(status: ComplaintStatus): Look {
  if (inGroup(COMPLAINT_MACHINE, 'open', status)) return { icon: 'pending', tone: 'open' }
  if (status === 'rejected') return { icon: 'blacklisted', tone: 'rejected' }
  if (inGroup(COMPLAINT_MACHINE, 'answered', status)) return { icon: 'approved', tone: 'answered' }
  return { icon: 'revoked', tone: 'closed' }
}

/** A ticket's status, shared by the reporter's pages (report) and the department workbench (staff). */
export default function ComplaintBadge({ status }: { status: ComplaintStatus }) {
  const look = lookOf(status)
  return (
    <View className={`yg-cbadge yg-cbadge--${look.tone}`} ariaLabel={`状态：${COMPLAINT_STATUS_LABEL[status]}`}>
      <StatusIcon kind={look.icon} size='sm' />
      <Text className='yg-cbadge__text'>{COMPLAINT_STATUS_LABEL[status]}</Text>
    </View>
  )
}
