import { View, Text } from '@tarojs/components'
import './index.scss'

export interface Bar {
  label: string
  value: number
  /** Extra words after the number, e.g. a date. */
  note?: string
}

interface Props {
  /** Spoken before the figures, e.g. 按类别统计的白名单机构数. */
  title: string
  bars: Bar[]
  /** Unit after each number: 家, 条. */
  unit: string
  /** stacked: the label on its own line (long labels); inline: a short label left of the bar. */
  layout?: 'stacked' | 'inline'
}

/** Horizontal bars drawn with Views; every bar has its number in words beside it, so nothing rests on length alone. */
export default function BarChart({ title, bars, unit, layout = 'stacked' }: Props) {
  const max = Math.max(1, ...bars.map((b) => b.value))
  return (
    <View className={`yg-bars yg-bars--${layout}`} ariaRole='list' ariaLabel={title}>
      {bars.map((bar) => {
        const pct = bar.value > 0 ? Math.max(2, (bar.value / max) * 100) : 0
        const words = `${bar.value.toLocaleString('zh-CN')} ${unit}`
        return (
          <View key={bar.label} className='yg-bars__row' ariaRole='listitem' ariaLabel={`${bar.label}：${words}${bar.note ? `，${bar.note}` : ''}`}>
            <View className='yg-bars__label'>
              <Text className='yg-bars__label-text'>{bar.label}</Text>
              {bar.note && <Text className='yg-bars__note'>{bar.note}</Text>}
            </View>
            <View className='yg-bars__line'>
              <View className='yg-bars__track'>
                <View className='yg-bars__fill' style={{ width: `${pct}%` }} />
              </View>
              <Text className='yg-bars__value'>{words}</Text>
            </View>
          </View>
        )
      })}
    </View>
  )
}
