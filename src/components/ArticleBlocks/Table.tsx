import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { InlineRun } from '@/domain/content'
import { useCareMode } from '@/hooks/useCareMode'
import { aria } from '../a11y'
import Runs, { plainText, type OnLink } from './Runs'
import './Table.scss'

/** Design units a cell's text needs on one line at the table's 28-unit type: Chinese glyphs are square, Latin half. */
const textWidth = (text: string) => [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 28 : 16), 0)
/** A column's narrowest and widest width; longer cells wrap inside the widest. */
const MIN_COL = 96
const MAX_COL = 360
const CELL_PAD = 36
/** The article paper's inner width at a phone's width (750 − 2 × 32 page margin − 2 × 32 paper padding). */
const PAPER_WIDTH = 620

interface Props {
  head: InlineRun[][]
  rows: InlineRun[][][]
  onLink: OnLink
}

/**
 * An article table. One that fits across a phone is a table everywhere, its columns sized by their longest cell.
 * A wider one would need a sideways scroll that hides columns (issue 11), so on a narrow screen each row becomes a
 * card listing "列名：值" pairs, and from 768px wide it is a table again with proportional columns (Table.scss).
 * Either way it is a table to assistive technology: role table/row/columnheader/cell, the header row kept (only
 * hidden from sight in cards) and the "列名：" prefixes hidden from screen readers, which name each cell by its header.
 */
export default function Table({ head, rows, onLink }: Props) {
  const care = useCareMode()
  const cols = Math.max(head.length, ...rows.map((r) => r.length))
  const widths = Array.from({ length: cols }, (_, c) => {
    const widest = Math.max(textWidth(plainText(head[c] ?? [])), ...rows.map((r) => textWidth(plainText(r[c] ?? []))))
    return Math.min(MAX_COL, Math.max(MIN_COL, widest + CELL_PAD))
  })
  const total = widths.reduce((a, b) => a + b, 0)
  // In 关怀模式 text is larger, so fewer design units' worth of it fit across.
  const wide = total > PAPER_WIDTH / care.textScale
  // Wide: grow from nothing in proportion (no sideways scroll at any width). Fitting: start from the measured width.
  const cellStyle = (c: number) => ({ flex: wide ? `${widths[c]} 1 0` : `${widths[c]} 1 ${Taro.pxTransform(widths[c])}` })
  const headings = head.map(plainText)
  return (
    <View
      className={`yg-article__table${wide ? ' yg-article__table--wide' : ''}`}
      ariaRole='table'
      ariaLabel={headings.some(Boolean) ? `表格：${headings.join('、')}` : '表格'}
    >
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
              {wide && headings[c] && (
                <Text className='yg-article__cell-label' {...aria({ hidden: true })}>
                  {headings[c]}：
                </Text>
              )}
              <Runs runs={row[c] ?? []} onLink={onLink} />
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}
