import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import * as content from '@/api/content'
import { useRecord } from '@/hooks/useRecord'
import { ARTICLE_TOPIC_LABEL, type Article } from '@/domain/content'
import { Button, EmptyState, ErrorState, Loading, PageFrame } from '@/components'
import ArticleBlocks from '@/components/ArticleBlocks'
import { formatDate } from '@/utils/format'
import { ROUTES } from '@/utils/routes'
import { openLink } from './openLink'
import './read.scss'

export default function ArticlePage() {
  const { params } = useRouter()
  const slug = decodeURIComponent(params.slug ?? '')
  const [state, load] = useRecord(slug, content.article)

  return (
    <PageFrame className='yg-read'>
      {state.kind === 'loading' && <Loading block />}
      {state.kind === 'error' && <ErrorState error={state.error} onRetry={load} />}
      {state.kind === 'missing' && (
        <EmptyState mark='?' title='没有找到这篇文章' lines={['文章可能已调整或合并，可以回到政策解读列表看看。']}>
          <Button onClick={() => Taro.switchTab({ url: ROUTES.explore })}>查看全部政策解读</Button>
        </EmptyState>
      )}
      {state.kind === 'ready' && <ArticleView article={state.data} />}
    </PageFrame>
  )
}

function ArticleView({ article }: { article: Article }) {
  return (
    <View>
      <View className='yg-read__paper'>
        <Text className='yg-read__topic'>{ARTICLE_TOPIC_LABEL[article.topic]}</Text>
        <Text className='yg-read__title'>{article.title}</Text>
        <Text className='yg-read__meta'>更新于 {formatDate(article.updated)}</Text>
        <ArticleBlocks blocks={article.blocks} onLink={openLink} />
      </View>
      {article.sources.length > 0 && (
        <View className='yg-read__sources' ariaRole='region' ariaLabel='依据'>
          <Text className='yg-read__sources-title'>依据</Text>
          {article.sources.map((source, i) => (
            <View key={source} className='yg-read__source'>
              <Text className='yg-read__source-no'>{i + 1}.</Text>
              <Text className='yg-read__source-text'>{source}</Text>
            </View>
          ))}
          <Text className='yg-read__disclaimer'>本文用通俗的话解读上述文件，具体以原文和主管部门的解释为准。</Text>
        </View>
      )}
    </View>
  )
}
