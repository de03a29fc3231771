import { Fragment } from 'react'
import { View, Text, ScrollView } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Block, InlineRun } from '@/domain/content'
import { resolveLink } from '@/utils/links'
import { aria, focusable } from '../a11y'
import './index.scss'

interface Props {
  blocks: Block[]
  /** Called with an in-app route (resolveLink accepts it); links it does not accept are shown as plain text. */
  onLink: (link: string) => void
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

function Runs({ runs, onLink }: { runs: InlineRun[]; onLink: Props['onLink'] }) {
  return (
    <Text className='yg-article__text' userSelect>
      {runs.map((run, i) => {
        const marks = [run.strong && 'yg-run--strong', run.em && 'yg-run--em', run.code && 'yg-run--code'].filter(Boolean)
        const link = run.link && resolveLink(run.link) ? run.link : undefined
        if (link) {
          return (
            <Text key={i} className={['yg-run--link', ...marks].join(' ')} onClick={() => onLink(link)}>
              {run.text}
            </Text>
          )
        }
        if (marks.length === 0) return <Fragment key={i}>{run.text}</Fragment>
        return (
          <Text key={i} className={marks.join(' ')}>
            {run.text}
          </Text>
        )
      })}
    </Text>
  )
}

const plain = (runs: InlineRun[]) => runs.map((r) => r.text).join('')
/** Design units a cell's text needs on one line at the table's 28-unit type: Chinese glyphs are square, Latin half. */
const textWidth = (text: string) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 28 : 16), 0)
/** A column's narrowest and widest width; longer cells wrap inside the widest. */
const MIN_COL = 96
const MAX_COL = 360
const CELL_PAD = 36

/** Columns sized by their longest cell; when they add up past the screen the table scrolls sideways. */
function Table({ head, rows, onLink }: { head: InlineRun[][]; rows: InlineRun[][][]; onLink: Props['onLink'] }) {
  const cols = Math.max(head.length, ...rows.map((r) => r.length))
  const widths = Array.from({ length: cols }, (_, c) => {
    const widest = Math.max(textWidth(plain(head[c] ?? [])), ...rows.map((r) => textWidth(plain(r[c] ?? []))))
    return Math.min(MAX_COL, Math.max(MIN_COL, widest + CELL_PAD))
  })
  const total = widths.reduce((a, b) => a + b, 0)
  const cellStyle = (c: number) => ({ flex: `${widths[c]} 0 ${Taro.pxTransform(widths[c])}` })
  return (
    <View className='yg-article__table-wrap'>
      <ScrollView scrollX className='yg-article__table-scroll' {...(total > 620 ? focusable : {})}>
        <View className='yg-article__table' style={{ minWidth: Taro.pxTransform(total) }} ariaRole='table' ariaLabel={plain(head[0] ?? []) ? `表格：${head.map(plain).join('、')}` : '表格'}>
          <View className='yg-article__tr yg-article__tr--head' ariaRole='row'>
            {widths.map((_, c) => (
              <View key={c} className='yg-article__td' style={cellStyle(c)} ariaRole='columnheader'>
                <Runs runs={head[c] ?? []} onLink={onLink} />
              </View>
            ))}
          </View>
          {rows.map((row, r) => (
            <View key={r} className='yg-article__tr' ariaRole='row'>
              {widths.map((_, c) => (
                <View key={c} className='yg-article__td' style={cellStyle(c)} ariaRole='cell'>
                  <Runs runs={row[c] ?? []} onLink={onLink} />
                </View>
              ))}
            </View>
          ))}
        </View>
      </ScrollView>
      {total > 620 && <Text className='yg-article__table-hint'>表格较宽，可左右滑动查看</Text>}
    </View>
  )
}
