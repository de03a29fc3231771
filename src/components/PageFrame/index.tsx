import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import DemoRibbon from '../DemoRibbon'

/** Every page's outer box: the page background and the demo ribbon. */
export default function PageFrame({ children, className = '' }: { children: ReactNode; className?: string }) {
  return (
    <View className={`yg-page ${className}`}>
      <DemoRibbon />
      {children}
    </View>
  )
}
