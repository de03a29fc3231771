import { View, Text } from '@tarojs/components'
import { CaseCard } from '@/components'
import type { CaseDetail } from '@/domain/content'
import './CasePreview.scss'

/** What the public will see: the board's card as it will stand, and what opening it adds. */
export default function CasePreview({ item, stale }: { item: CaseDetail; stale: boolean }) {
  return (
    <View className={`yg-cpreview${stale ? ' yg-cpreview--stale' : ''}`} ariaRole='region' ariaLabel='公众将看到'>
      <Text className='yg-cpreview__title'>公众将看到</Text>
      {stale && (
        <View className='yg-cpreview__stale' ariaRole='status'>
          <Text>内容已修改，这份预览已过时：请重新预览后再发布。</Text>
        </View>
      )}
      <Text className='yg-cpreview__label'>违规曝光列表中</Text>
      <View className='yg-cpreview__board'>
        <CaseCard item={item} onTap={() => undefined} />
      </View>
      <Text className='yg-cpreview__label'>点开后还会看到</Text>
      <View className='yg-cpreview__more'>
        <Text className='yg-cpreview__line'>处理结果：{item.outcome}</Text>
        <Text className='yg-cpreview__line'>处理部门：{item.department}</Text>
        <Text className='yg-cpreview__line'>依据：{item.notice}</Text>
      </View>
    </View>
  )
}
