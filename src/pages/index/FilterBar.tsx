import { View, Picker, Text } from '@tarojs/components'
import {
  CATEGORIES,
  CATEGORY_LABEL,
  DISTRICTS,
  DISTRICT_LABEL,
  INSTITUTION_STATUSES,
  STATUS_BADGE,
} from '@/domain/catalog'
import { aria } from '@/components/a11y'
import type { Filters } from './useSearch'

interface ChipProps<T extends string> {
  /** Short name on the chip when nothing is picked, e.g. 区域. */
  name: string
  all: string
  values: readonly T[]
  labels: Record<T, string>
  value: T | undefined
  onChange: (value: T | undefined) => void
}

function PickerChip<T extends string>({ name, all, values, labels, value, onChange }: ChipProps<T>) {
  const range = [all, ...values.map((v) => labels[v])]
  const index = value ? values.indexOf(value) + 1 : 0
  return (
    <Picker mode='selector' range={range} value={index} onChange={(e) => onChange(values[Number(e.detail.value) - 1])}>
      <View className={`yg-chip${value ? ' yg-chip--on' : ''}`} ariaRole='button' ariaLabel={`${name}筛选，当前：${range[index]}`}>
        <Text className='yg-chip__text'>{value ? labels[value] : name}</Text>
        <View className='yg-chip__caret' />
      </View>
    </Picker>
  )
}

interface Props {
  filters: Filters
  onChange: (filters: Filters) => void
  nearby: boolean
  locating: boolean
  onToggleNearby: () => void
}

export default function FilterBar({ filters, onChange, nearby, locating, onToggleNearby }: Props) {
  return (
    <View className='yg-filters'>
      <PickerChip name='区域' all='全部区域' values={DISTRICTS} labels={DISTRICT_LABEL} value={filters.district} onChange={(district) => onChange({ ...filters, district })} />
      <PickerChip name='类别' all='全部类别' values={CATEGORIES} labels={CATEGORY_LABEL} value={filters.category} onChange={(category) => onChange({ ...filters, category })} />
      <PickerChip name='状态' all='全部状态' values={INSTITUTION_STATUSES} labels={STATUS_BADGE} value={filters.status} onChange={(status) => onChange({ ...filters, status })} />
      <View
        className={`yg-chip yg-chip--toggle${nearby ? ' yg-chip--on' : ''}`}
        ariaRole='switch'
        ariaLabel={locating ? '定位中，附近：按距离排序' : '附近：按距离排序'}
        {...aria({ checked: nearby })}
        onClick={onToggleNearby}
      >
        <View className='yg-chip__pin' />
        <Text className='yg-chip__text'>{locating ? '定位中' : '附近'}</Text>
      </View>
    </View>
  )
}
