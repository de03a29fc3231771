import { View, Text } from '@tarojs/components'
import { DISTRICT_LABEL } from '@/domain/catalog'
import { VIOLATION_LABEL, type ViolationCase } from '@/domain/content'
import { formatDate } from '@/utils/format'
import './index.scss'

/** One published case on the board: when, who, where, what kind, and the gist of the facts. */
export default function CaseCard({ item, onTap }: { item: ViolationCase; onTap: (item: ViolationCase) => void }) {
  return (
    <View className='yg-case' hoverClass='yg-case--pressed' ariaRole='link' onClick={() => onTap(item)}>
      <View className='yg-case__top'>
        <Text className='yg-case__date'>{formatDate(item.date)}</Text>
        <Text className='yg-case__district'>{DISTRICT_LABEL[item.district]}</Text>
      </View>
      <Text className='yg-case__name'>{item.entityName}</Text>
      <View className='yg-case__type'>
        <Text>{VIOLATION_LABEL[item.type]}</Text>
      </View>
      <Text className='yg-case__facts'>{item.facts}</Text>
    </View>
  )
}
