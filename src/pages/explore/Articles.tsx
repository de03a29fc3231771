import { View, Text, Input, ScrollView } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ARTICLE_TOPICS, ARTICLE_TOPIC_LABEL, type ArticleSummary, type ArticleTopic } from '@/domain/content'
import { Button, EmptyState, ErrorState, Loading } from '@/components'
import { formatDate } from '@/utils/format'
import { ROUTES } from '@/utils/routes'
import { aria } from '@/components/a11y'
import type { useArticles } from './useArticles'

export default function Articles({ list }: { list: ReturnType<typeof useArticles> }) {
  const { query, setQuery, submit, topic, setTopic } = list
  return (
    <View className='yg-articles'>
      <View className='yg-explore__search'>
        <Input
          className='yg-explore__search-input'
          value={query}
          maxlength={50}
          confirmType='search'
          placeholder='搜索政策解读，如 预付费、退费、广告'
          placeholderClass='yg-explore__placeholder'
          ariaLabel='搜索政策解读'
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={submit}
        />
        {query && (
          <View className='yg-explore__search-clear' ariaRole='button' ariaLabel='清空搜索' onClick={() => setQuery('')}>
            <Text>×</Text>
          </View>
        )}
      </View>
      <ScrollView scrollX className='yg-topics'>
        <View className='yg-topics__row' ariaRole='tablist' ariaLabel='按主题筛选'>
          <TopicChip label='全部主题' on={!topic} onTap={() => setTopic(undefined)} />
          {ARTICLE_TOPICS.map((t) => (
            <TopicChip key={t} label={ARTICLE_TOPIC_LABEL[t]} on={topic === t} onTap={() => setTopic(topic === t ? undefined : t)} />
          ))}
        </View>
      </ScrollView>
      <ArticleList list={list} />
    </View>
  )
}

function TopicChip({ label, on, onTap }: { label: string; on: boolean; onTap: () => void }) {
  return (
    <View className={`yg-topics__chip${on ? ' yg-topics__chip--on' : ''}`} ariaRole='tab' {...aria({ selected: on })} onClick={onTap}>
      <Text className='yg-topics__pill'>{label}</Text>
    </View>
  )
}

function ArticleList({ list }: { list: ReturnType<typeof useArticles> }) {
  const { phase, items, submitted, topic } = list
  if (phase.kind === 'loading' && items.length === 0) return <Loading block />
  if (phase.kind === 'error') return <ErrorState error={phase.error} onRetry={list.retry} />
  if (phase.kind === 'ready' && items.length === 0) {
    return (
      <EmptyState
        mark='?'
        title={submitted ? `没有找到与“${submitted}”相关的解读` : '这个主题下暂时没有文章'}
        lines={submitted ? ['换个说法试试，比如“退费”“收费”“广告”。'] : ['可以看看其他主题。']}
      >
        <Button variant='plain' onClick={() => {
          list.setQuery('')
          list.setTopic(undefined)
        }}
        >
          查看全部解读
        </Button>
      </EmptyState>
    )
  }
  // With no topic and no search, the list reads as a table of contents grouped by topic.
  if (!topic && !submitted) {
    return (
      <View className={phase.kind === 'loading' ? 'yg-articles__list--stale' : ''}>
        {ARTICLE_TOPICS.map((t) => {
          const group = items.filter((a) => a.topic === t)
          if (group.length === 0) return null
          return (
            <View key={t} className='yg-articles__group'>
              <Text className='yg-articles__group-title'>{ARTICLE_TOPIC_LABEL[t]}</Text>
              {group.map((a) => (
                <ArticleRow key={a.slug} article={a} />
              ))}
            </View>
          )
        })}
      </View>
    )
  }
  return (
    <View className={phase.kind === 'loading' ? 'yg-articles__list--stale' : ''}>
      <View className='yg-explore__count' ariaRole='status'>
        <Text>
          {submitted ? `找到 ${items.length} 篇与“${submitted}”相关的解读` : `${ARTICLE_TOPIC_LABEL[topic as ArticleTopic]}：${items.length} 篇`}
        </Text>
      </View>
      <View className='yg-articles__group'>
        {items.map((a) => (
          <ArticleRow key={a.slug} article={a} showTopic={!topic} />
        ))}
      </View>
    </View>
  )
}

function ArticleRow({ article, showTopic = false }: { article: ArticleSummary; showTopic?: boolean }) {
  return (
    <View
      className='yg-articles__row'
      hoverClass='yg-articles__row--pressed'
      ariaRole='link'
      onClick={() => Taro.navigateTo({ url: ROUTES.article(article.slug) })}
    >
      <Text className='yg-articles__title'>{article.title}</Text>
      <Text className='yg-articles__summary'>{article.summary}</Text>
      <Text className='yg-articles__meta'>
        {showTopic ? `${ARTICLE_TOPIC_LABEL[article.topic]} · ` : ''}更新于 {formatDate(article.updated)}
      </Text>
    </View>
  )
}
