import { View, Text } from '@tarojs/components'
import { CATEGORY_LABEL, DISTRICT_LABEL } from '@/domain/catalog'
import type { InstitutionListItem as Item } from '@/domain/api'
import { formatDistance } from '@/utils/format'
import StatusBadge from '../StatusBadge'
import Highlight from '../Highlight'
import './index.scss'

export default function InstitutionListItem({ item, onTap }: { item: Item; onTap: (item: Item) => void }) {
  const distance = item.distanceM !== undefined && item.distanceM !== null ? formatDistance(item.distanceM) : ''
  return (
    <View className='yg-item' hoverClass='yg-item--pressed' ariaRole='link' onClick={() => onTap(item)}>
      <View className='yg-item__top'>
        <View className='yg-item__name'>
          <Highlight text={item.name} ranges={item.highlight} />
        </View>
        <StatusBadge status={item.status} />
      </View>
      <View className='yg-item__meta'>
        <Text>
          {CATEGORY_LABEL[item.category]} · {DISTRICT_LABEL[item.district]}
        </Text>
        {distance && <Text className='yg-item__distance'>{distance}</Text>}
      </View>
      <Text className='yg-item__address'>{item.address}</Text>
    </View>
  )
}
