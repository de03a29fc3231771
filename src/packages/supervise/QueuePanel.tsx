import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@/components'
import { QUEUE_STATE_LABEL, shouldSend, type QueuedObservation } from '@/domain/observationQueue'
import { formatChinaDateTime } from '@/domain/chinaDate'
import type { QueueView } from '@/hooks/useObservationQueue'
import { discard } from '@/utils/observationQueue'
import { SUPERVISE_ROUTES } from '@/utils/routes'

/** A record's state in words: a transient failure still waits (待上传, with why); a permanent one must be fixed. */
function stateWords(r: QueuedObservation): { label: string; tone: string; detail?: string } {
  if (r.state === 'failed' && !shouldSend(r)) return { label: '需要修改', tone: 'fix', detail: r.error?.message }
  if (r.state === 'sending') return { label: QUEUE_STATE_LABEL.sending, tone: 'sending' }
  return { label: QUEUE_STATE_LABEL.pending, tone: 'pending', detail: r.error?.message }
}

/** The records still on this device, on top of 我的巡查: what waits, why, and 立即上传. */
export default function QueuePanel({ queue }: { queue: QueueView }) {
  if (!queue.records.length) return null
  function remove(r: QueuedObservation) {
    void Taro.showModal({ title: '删除这条记录？', content: `“${r.institution.name}”的巡查记录尚未上传，删除后无法恢复。`, confirmText: '删除', cancelText: '保留' }).then((res) => {
      if (res.confirm) discard(r.requestId)
    })
  }
  return (
    <View className='yg-sup__block yg-sup__queue' ariaRole='region' ariaLabel='本机待上传的巡查记录'>
      <View className='yg-sup__queue-head'>
        <Text className='yg-sup__queue-summary'>{queue.summary}</Text>
        <Button inline variant='secondary' loading={queue.syncing} onClick={() => void queue.sync()}>
          {queue.syncing ? '上传中' : '立即上传'}
        </Button>
      </View>
      {queue.records.map((r) => {
        const s = stateWords(r)
        return (
          <View key={r.requestId} className='yg-sup__qrow'>
            <View className='yg-sup__qrow-text'>
              <Text className='yg-sup__qrow-name'>{r.institution.name}</Text>
              <Text className='yg-sup__qrow-meta'>
                {formatChinaDateTime(r.input.visitedAt)} · {r.photos.length} 张照片
              </Text>
              <Text className={`yg-sup__qstate yg-sup__qstate--${s.tone}`}>
                {s.tone === 'fix' ? '! ' : s.tone === 'sending' ? '↑ ' : '◷ '}
                {s.label}
                {s.detail ? `：${s.detail}` : ''}
              </Text>
            </View>
            {s.tone === 'fix' && (
              <View className='yg-sup__qactions'>
                <View className='yg-sup__link' ariaRole='button' ariaLabel={`修改，${r.institution.name}`} onClick={() => void Taro.navigateTo({ url: SUPERVISE_ROUTES.observe({ requestId: r.requestId }) })}>
                  <Text>修改</Text>
                </View>
                <View className='yg-sup__link yg-sup__link--quiet' ariaRole='button' ariaLabel={`删除，${r.institution.name}`} onClick={() => remove(r)}>
                  <Text>删除</Text>
                </View>
              </View>
            )}
          </View>
        )
      })}
      <Text className='yg-sup__note'>记录在服务器确认收到后才会从本机移除；连网或回到小程序时会自动上传。</Text>
    </View>
  )
}
