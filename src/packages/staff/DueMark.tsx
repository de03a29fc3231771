import { View, Text } from '@tarojs/components'
import { StatusIcon } from '@/components'
import { formatShortDay } from '@/utils/format'
import './DueMark.scss'

/**
 * A deadline: on time, a clock and "答复期限 12-05 前" in grey; past it, a red mark with "!" and the working days it
 * is over by, in words — never by colour alone.
 */
export default function DueMark({ label, dueAt, overdueDays }: { label: string; dueAt: string; overdueDays: number }) {
  const day = formatShortDay(dueAt)
  if (overdueDays > 0) {
    return (
      <View className='yg-due yg-due--over'>
        <View className='yg-due__alert' ariaRole='presentation'>
          <Text>!</Text>
        </View>
        <Text className='yg-due__words'>
          {label}已超期 {overdueDays} 个工作日（{day} 前）
        </Text>
      </View>
    )
  }
  return (
    <View className='yg-due'>
      <StatusIcon kind='pending' size='sm' />
      <Text className='yg-due__words'>
        {label} {day} 前
      </Text>
    </View>
  )
}
