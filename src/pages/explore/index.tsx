import { View, Text } from '@tarojs/components'
import { PageFrame } from '@/components'
import './index.scss'

const COMING = [
  {
    title: '政策解读',
    text: '用大白话讲清“双减”后非学科类培训的规矩：谁审批、怎么收费、几点必须下课。',
  },
  {
    title: '违规曝光',
    text: '集中公布各部门查处的违规案例，看看哪些做法不合规，选机构时心里有数。',
  },
  {
    title: '白名单与黑名单公告',
    text: '按批次查看最新公布的白名单机构和列入黑名单的机构，附原始公告。',
  },
]

export default function ExplorePage() {
  return (
    <PageFrame className='yg-explore'>
      <View className='yg-explore__intro'>
        <Text className='yg-explore__title'>政策解读与违规曝光即将上线</Text>
        <Text className='yg-explore__text'>我们正在整理相关政策和公开案例，上线后会出现在这里。</Text>
      </View>
      {COMING.map((item) => (
        <View key={item.title} className='yg-explore__card'>
          <View className='yg-explore__card-head'>
            <Text className='yg-explore__card-title'>{item.title}</Text>
            <Text className='yg-explore__tag'>即将上线</Text>
          </View>
          <Text className='yg-explore__text'>{item.text}</Text>
        </View>
      ))}
    </PageFrame>
  )
}
