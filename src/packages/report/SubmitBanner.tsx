import { View, Text } from '@tarojs/components'
import { Button } from '@/components'
import { OFFLINE_MESSAGE, type SubmitState } from './useSubmit'

/** What happened to the last 提交, in words, with the way forward; nothing typed is ever lost here. */
export default function SubmitBanner({ state, onRetry, onFresh }: { state: SubmitState; onRetry: () => void; onFresh: () => void }) {
  if (state.kind === 'idle' || state.kind === 'sending') return null
  const message = state.kind === 'offline' ? OFFLINE_MESSAGE : state.message
  return (
    <View className='yg-rf__banner' ariaRole='alert'>
      <View className='yg-rf__banner-mark' ariaRole='presentation'>
        <Text>!</Text>
      </View>
      <View className='yg-rf__banner-body'>
        <Text className='yg-rf__banner-text'>{message}</Text>
        <View className='yg-rf__banner-actions'>
          {state.kind === 'failed' && state.conflict ? (
            <Button variant='secondary' onClick={onFresh}>
              作为新的举报提交
            </Button>
          ) : (
            <Button variant='secondary' onClick={onRetry}>
              重试
            </Button>
          )}
        </View>
      </View>
    </View>
  )
}
