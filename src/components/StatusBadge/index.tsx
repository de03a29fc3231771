import { View, Text } from '@tarojs/components'
import { STATUS_BADGE, STATUS_LABEL, type InstitutionStatus } from '@/domain/catalog'
import StatusIcon from '../StatusIcon'
import './index.scss'

/** Colour + icon + words: the status is readable without the colour. */
export default function StatusBadge({ status, long = false }: { status: InstitutionStatus; long?: boolean }) {
  const words = long ? STATUS_LABEL[status] : STATUS_BADGE[status]
  return (
    <View className={`yg-badge yg-badge--${status}`} ariaLabel={`状态：${STATUS_LABEL[status]}`}>
      <StatusIcon kind={status} size='sm' />
      <Text className='yg-badge__text'>{words}</Text>
    </View>
  )
}
