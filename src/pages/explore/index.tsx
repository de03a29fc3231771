import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import { PageFrame } from '@/components'
import { aria } from '@/components/a11y'
import { ROUTES } from '@/utils/routes'
import Articles from './Articles'
import Cases from './Cases'
import { useArticles } from './useArticles'
import { useCases } from './useCases'
import './index.scss'

type Segment = 'articles' | 'cases'

const SEGMENTS: { key: Segment; label: string }[] = [
  { key: 'articles', label: '政策解读' },
  { key: 'cases', label: '违规曝光' },
]

export default function ExplorePage() {
  const [segment, setSegment] = useState<Segment>('articles')
  const articles = useArticles()
  const cases = useCases(segment === 'cases')
  useReachBottom(() => {
    if (segment === 'cases') cases.loadMore()
  })

  return (
    <PageFrame className='yg-explore'>
      <View className='yg-explore__tools'>
        <Tool title='公开数据' text='白名单、案例和举报' onTap={() => Taro.navigateTo({ url: ROUTES.stats })} />
        <Tool title='预付费计算器' text='交钱前算一算是否超额' onTap={() => Taro.navigateTo({ url: ROUTES.prepaid() })} />
      </View>
      <View className='yg-segments' ariaRole='tablist'>
        {SEGMENTS.map((s) => (
          <View
            key={s.key}
            className={`yg-segments__item${segment === s.key ? ' yg-segments__item--on' : ''}`}
            ariaRole='tab'
            {...aria({ selected: segment === s.key })}
            onClick={() => setSegment(s.key)}
          >
            <Text>{s.label}</Text>
          </View>
        ))}
      </View>
      {segment === 'articles' ? <Articles list={articles} /> : <Cases board={cases} />}
    </PageFrame>
  )
}

function Tool({ title, text, onTap }: { title: string; text: string; onTap: () => void }) {
  return (
    <View className='yg-explore__tool' hoverClass='yg-explore__tool--pressed' ariaRole='link' onClick={onTap}>
      <View className='yg-explore__tool-head'>
        <Text className='yg-explore__tool-title'>{title}</Text>
        <View className='yg-explore__chevron' />
      </View>
      <Text className='yg-explore__tool-text'>{text}</Text>
    </View>
  )
}
