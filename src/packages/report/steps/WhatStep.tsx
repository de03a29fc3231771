import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_HINT, COMPLAINT_CATEGORY_LABEL, type ComplaintCategory } from '@/domain/complaints'
import { View, Text } from '@tarojs/components'
import { Choice } from '@/components/Fields'
import type { StepProps } from './types'

export default function WhatStep({ draft, set, errors }: StepProps) {
  return (
    <View>
      <Text className='yg-rf__q'>遇到了什么问题？</Text>
      <Text className='yg-rf__lead'>选一个最接近的；拿不准就选“其他”，处理部门会帮您归类。</Text>
      <Choice<ComplaintCategory>
        options={COMPLAINT_CATEGORIES.map((c) => ({ value: c, label: COMPLAINT_CATEGORY_LABEL[c], hint: COMPLAINT_CATEGORY_HINT[c] }))}
        value={draft.category}
        error={errors.category}
        field='category'
        onChange={(category) => set({ category })}
      />
    </View>
  )
}
