import { View, Text } from '@tarojs/components'
import type { Verdict } from '../types'
import './index.scss'

/** Pure-CSS glyphs (no icon font: it would cost 20 KiB). Always shown beside the status words, never alone. */
const BARS: Record<Verdict, string[]> = {
  approved: ['check'],
  pending: ['ring', 'hand-v', 'hand-h'],
  suspended: ['pause-l', 'pause-r'],
  revoked: ['minus'],
  blacklisted: ['cross-a', 'cross-b'],
  not_found: [],
}

export default function StatusIcon({ kind, size = 'sm' }: { kind: Verdict; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <View className={`yg-status-icon yg-status-icon--${kind} yg-status-icon--${size}`} ariaRole='presentation'>
      {BARS[kind].map((bar) => (
        <View key={bar} className={`yg-status-icon__bar yg-status-icon__bar--${bar}`} />
      ))}
      {kind === 'not_found' && <Text className='yg-status-icon__mark'>?</Text>}
    </View>
  )
}
