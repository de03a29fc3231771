import type { CSSProperties, ReactNode } from 'react'
import { View } from '@tarojs/components'
import { CARE_SYSTEM_SCALE, useCareMode } from '@/hooks/useCareMode'
import { IS_H5 } from '@/utils/platform'
import DemoRibbon from '../DemoRibbon'

/**
 * Every page's outer box: the page background, the demo ribbon, and 关怀模式 (`yg-care`, styles/a11y.scss). On WeChat
 * the class makes text a quarter larger; when WeChat's own font size asks for more, the scale is set here instead.
 */
export default function PageFrame({ children, className = '' }: { children: ReactNode; className?: string }) {
  const care = useCareMode()
  const scale = !IS_H5 && care.on && care.textScale > CARE_SYSTEM_SCALE ? ({ '--yg-font-scale': String(care.textScale) } as CSSProperties) : undefined
  return (
    <View className={`yg-page${care.on ? ' yg-care' : ''} ${className}`} style={scale}>
      <DemoRibbon />
      {children}
    </View>
  )
}
