import { View, Text } from '@tarojs/components'
import { useDemo } from '@/hooks/useDemo'
import './index.scss'

/** On sample data every page says so, quietly, so no one mistakes it for the real registry. */
export default function DemoRibbon() {
  const info = useDemo()
  if (!info?.demo) return null
  return (
    <View className='yg-ribbon' ariaLabel='当前显示的是示例数据，不是真实的机构信息'>
      <Text>示例数据 · 机构名称与代码均为虚构</Text>
    </View>
  )
}
