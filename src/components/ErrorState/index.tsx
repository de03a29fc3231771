import type { ClientError } from '@/api/transport'
import EmptyState from '../EmptyState'
import Button from '../Button'

/** Offline and server trouble, worded for people, always with a way to try again. */
export default function ErrorState({ error, onRetry }: { error: ClientError; onRetry?: () => void }) {
  const offline = error.code === 'network'
  return (
    <EmptyState
      mark='!'
      title={offline ? '网络不给力' : '暂时没能加载'}
      lines={offline ? ['请检查网络连接后重试', '信号不好时，可以稍后再打开'] : [error.message]}
    >
      {onRetry && <Button onClick={onRetry}>重试</Button>}
    </EmptyState>
  )
}
