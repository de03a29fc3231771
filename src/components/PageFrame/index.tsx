import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { useCareMode } from '@/hooks/useCareMode'
import DemoRibbon from '../DemoRibbon'

/** Every page's outer box: the page background, the demo ribbon, and 关怀模式 (`yg-care`, styles/a11y.scss). */
export default function PageFrame({ children, className = '' }: { children: ReactNode; className?: string }) {
  const care = useCareMode()
  return (
    <View className={`yg-page${care.on ? ' yg-care' : ''} ${className}`}>
      <DemoRibbon />
      {children}
    </View>
  )
}
