import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './EvidenceHash.scss'

/** a1b2c3d4…wxyz: enough to tell files apart and to match a printed copy by eye. */
export function shortHash(sha256: string): string {
  return sha256.length > 16 ? `${sha256.slice(0, 8)}…${sha256.slice(-4)}` : sha256
}

/** A file's SHA-256, short; tap it (or 显示完整) for all 64 characters, or copy it to compare elsewhere. */
export default function EvidenceHash({ sha256 }: { sha256: string }) {
  const [whole, setWhole] = useState(false)
  const toggle = () => setWhole((w) => !w)
  return (
    <View className='yg-hash'>
      <Text className={`yg-hash__value${whole ? ' yg-hash__value--whole' : ''}`} userSelect onClick={toggle}>
        {whole ? sha256 : shortHash(sha256)}
      </Text>
      <View className='yg-hash__actions'>
        <View className='yg-hash__btn' ariaRole='button' ariaLabel={whole ? '收起证据指纹' : '显示完整证据指纹'} onClick={toggle}>
          <Text>{whole ? '收起' : '显示完整'}</Text>
        </View>
        <View
          className='yg-hash__btn'
          ariaRole='button'
          ariaLabel='复制证据指纹'
          onClick={() => void Taro.setClipboardData({ data: sha256 }).catch(() => Taro.showToast({ title: '没能复制，请长按指纹手动复制', icon: 'none' }))}
        >
          <Text>复制</Text>
        </View>
      </View>
    </View>
  )
}
