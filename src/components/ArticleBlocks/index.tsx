import { View, Text } from '@tarojs/components'
import type { Block } from '@/domain/content'
import { aria } from '../a11y'
import Runs, { type OnLink } from './Runs'
import Table from './Table'
import './index.scss'

interface Props {
  blocks: Block[]
  onLink: OnLink
}

/** An article's safe tree drawn with Views and Texts only: there is no HTML anywhere on this path. */
export default function ArticleBlocks({ blocks, onLink }: Props) {
  return (
    <View className='yg-article'>
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} onLink={onLink} />
      ))}
    </View>
  )
}

function BlockView({ block, onLink }: { block: Block; onLink: Props['onLink'] }) {
  switch (block.type) {
    case 'heading':
      return (
        <View className={`yg-article__h yg-article__h--${block.level}`} ariaRole='heading' {...aria({ level: block.level })}>
          <Runs runs={block.runs} onLink={onLink} />
        </View>
      )
    case 'paragraph':
      return (
        <View className='yg-article__p'>
          <Runs runs={block.runs} onLink={onLink} />
        </View>
      )
    case 'quote':
      return (
        <View className='yg-article__quote'>
          <Runs runs={block.runs} onLink={onLink} />
        </View>
      )
    case 'rule':
      return <View className='yg-article__rule' ariaRole='separator' />
    case 'list':
      return (
        <View className='yg-article__list' ariaRole='list'>
          {block.items.map((runs, i) => (
            <View key={i} className='yg-article__li' ariaRole='listitem'>
              <Text className={`yg-article__marker${block.ordered ? ' yg-article__marker--num' : ''}`}>{block.ordered ? `${i + 1}.` : '•'}</Text>
              <View className='yg-article__li-body'>
                <Runs runs={runs} onLink={onLink} />
              </View>
            </View>
          ))}
        </View>
      )
    case 'table':
      return <Table head={block.head} rows={block.rows} onLink={onLink} />
    default:
      return null
  }
}
