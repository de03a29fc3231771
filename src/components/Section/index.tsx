import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import './index.scss'

/** A titled group of facts on a white card. */
export default function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className='yg-section' ariaRole='region' ariaLabel={title}>
      <Text className='yg-section__title'>{title}</Text>
      <View className='yg-section__body'>{children}</View>
    </View>
  )
}

/** One labelled fact: the label above, the value below (long codes wrap instead of overflowing). */
export function Field({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <View className='yg-field'>
      <Text className='yg-field__label'>{label}</Text>
      <View className='yg-field__value'>{value}</View>
      {hint && <Text className='yg-field__hint'>{hint}</Text>}
    </View>
  )
}
