import { View } from '@tarojs/components'
import { AtActivityIndicator } from 'taro-ui'
import './index.scss'

/** A visible 加载中 (UI.md); `block` for a whole page, inline for the list footer. */
export default function Loading({ text = '加载中', block = false }: { text?: string; block?: boolean }) {
  return (
    <View className={`yg-loading${block ? ' yg-loading--block' : ''}`} ariaRole='status' ariaLabel={text}>
      <AtActivityIndicator color='#1F5FAF' content={text} />
    </View>
  )
}
