import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import './index.scss'

interface Props {
  title: string
  lines?: string[]
  /** A mark above the title: a short glyph in a soft circle. */
  mark?: string
  children?: ReactNode
}

/** Empty is a place to help: say what happened, what to try, and offer the next step. */
export default function EmptyState({ title, lines = [], mark, children }: Props) {
  return (
    <View className='yg-empty' ariaRole='status'>
      {mark && (
        <View className='yg-empty__mark'>
          <Text>{mark}</Text>
        </View>
      )}
      <Text className='yg-empty__title'>{title}</Text>
      {lines.map((line) => (
        <Text key={line} className='yg-empty__line'>
          {line}
        </Text>
      ))}
      {children && <View className='yg-empty__actions'>{children}</View>}
    </View>
  )
}
