import { View, Text } from '@tarojs/components'
import Loading from '../Loading'
import './index.scss'

export type LoadMoreState = 'idle' | 'loading' | 'end' | 'error'

/** The list footer: 加载中 while the next page comes, 没有更多了 at the end, a retry if the page failed. */
export default function LoadMore({ state, onRetry }: { state: LoadMoreState; onRetry?: () => void }) {
  if (state === 'loading') return <Loading />
  if (state === 'end') {
    return (
      <View className='yg-loadmore yg-loadmore--end'>
        <Text>没有更多了</Text>
      </View>
    )
  }
  if (state === 'error') {
    return (
      <View className='yg-loadmore yg-loadmore--error' ariaRole='button' onClick={onRetry}>
        <Text>加载失败，点此重试</Text>
      </View>
    )
  }
  return <View className='yg-loadmore' />
}
