import { View, Picker, Text } from '@tarojs/components'
import './index.scss'

interface Props<T extends string | number> {
  /** Short name on the chip when nothing is picked, e.g. 区域. */
  name: string
  /** The first row of the picker, which clears the choice, e.g. 全部区域. */
  all: string
  values: readonly T[]
  label: (value: T) => string
  value: T | undefined
  onChange: (value: T | undefined) => void
}

/** A filter chip that opens the platform picker; a chosen value is shown in bold on a tinted chip, not by colour alone. */
export default function PickerChip<T extends string | number>({ name, all, values, label, value, onChange }: Props<T>) {
  const range = [all, ...values.map(label)]
  const index = value !== undefined ? values.indexOf(value) + 1 : 0
  return (
    <Picker mode='selector' range={range} value={index} onChange={(e) => onChange(values[Number(e.detail.value) - 1])}>
      <View className={`yg-pick${value !== undefined ? ' yg-pick--on' : ''}`} ariaRole='button' ariaLabel={`${name}筛选，当前：${range[index]}`}>
        <Text className='yg-pick__text'>{value !== undefined ? label(value) : name}</Text>
        <View className='yg-pick__caret' />
      </View>
    </Picker>
  )
}
