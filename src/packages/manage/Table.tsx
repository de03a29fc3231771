// A table that is a table to assistive technology (role table / row / columnheader / cell, on WeChat and the web
// alike), in a box that scrolls sideways on a phone and can be scrolled from the keyboard.
import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { focusable } from '@/components/a11y'
import './Table.scss'

export interface Column {
  label: string
  /** Numbers sit to the right, in tabular figures. */
  numeric?: boolean
  /** Long words (a detail, a name) wrap instead of widening the table. */
  wrap?: boolean
}

interface Props {
  caption: string
  columns: readonly Column[]
  rows: { key: string; cells: ReactNode[]; strong?: boolean }[]
}

export default function Table({ caption, columns, rows }: Props) {
  return (
    <View className='yg-table' ariaRole='region' ariaLabel={caption} {...focusable}>
      <View className='yg-table__grid' ariaRole='table' ariaLabel={caption}>
        <View className='yg-table__row yg-table__row--head' ariaRole='row'>
          {columns.map((c) => (
            <View key={c.label} className={`yg-table__cell yg-table__cell--head${c.numeric ? ' yg-table__cell--num' : ''}`} ariaRole='columnheader'>
              <Text>{c.label}</Text>
            </View>
          ))}
        </View>
        {rows.map((r) => (
          <View key={r.key} className={`yg-table__row${r.strong ? ' yg-table__row--strong' : ''}`} ariaRole='row'>
            {r.cells.map((cell, i) => (
              <View key={i} className={`yg-table__cell${columns[i]?.numeric ? ' yg-table__cell--num' : ''}${columns[i]?.wrap ? ' yg-table__cell--wrap' : ''}`} ariaRole='cell'>
                {typeof cell === 'string' || typeof cell === 'number' ? <Text>{cell}</Text> : cell}
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  )
}
