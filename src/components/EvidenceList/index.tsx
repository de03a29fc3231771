import { View, Text, Image } from '@tarojs/components'
import { useState } from 'react'
import type { EvidenceItem } from '@/utils/reportDraft'
import type { EvidenceControls } from '@/hooks/useEvidence'
import { MAX_PHOTOS as MAX_IMAGES, MAX_VIDEOS } from '@/domain/media'
import './EvidenceList.scss'

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** One row per file: a thumbnail, what it is, its upload in a bar and in words, and 删除 / 重试 as real buttons. */
export default function EvidenceList({ items, controls }: { items: EvidenceItem[]; controls: EvidenceControls }) {
  return (
    <View className='yg-ev'>
      {items.map((item) => (
        <EvidenceRow
          key={item.key}
          item={item}
          index={items.filter((o) => o.kind === item.kind).indexOf(item)}
          percent={controls.progress[item.key] ?? 0}
          controls={controls}
        />
      ))}
      {controls.canAdd && (
        <View className='yg-ev__add' hoverClass='yg-ev__add--pressed' ariaRole='button' onClick={() => void controls.pick()}>
          <Text className='yg-ev__plus'>＋</Text>
          <View className='yg-ev__add-text'>
            <Text className='yg-ev__add-title'>添加照片或视频</Text>
            <Text className='yg-ev__add-count'>
              照片 {controls.images}/{MAX_IMAGES} · 视频 {controls.videos}/{MAX_VIDEOS}（不超过 60 秒）
            </Text>
          </View>
        </View>
      )}
    </View>
  )
}

function EvidenceRow({ item, index, percent, controls }: { item: EvidenceItem; index: number; percent: number; controls: EvidenceControls }) {
  const [broken, setBroken] = useState(false)
  const what = item.kind === 'video' ? `视频${item.duration ? ` ${item.duration} 秒` : ''}` : `照片 ${index + 1}`
  const state =
    item.status === 'uploading' ? `上传中 ${percent}%` : item.status === 'done' ? '已上传' : `上传失败：${item.error ?? '请重试'}`
  return (
    <View className={`yg-ev__row yg-ev__row--${item.status}`} ariaLabel={`${what}，${state}`}>
      <View className='yg-ev__thumb'>
        {item.thumb && !broken ? (
          <Image className='yg-ev__img' src={item.thumb} mode='aspectFill' onError={() => setBroken(true)} />
        ) : (
          <Text className='yg-ev__kind'>{item.kind === 'video' ? '视频' : '照片'}</Text>
        )}
      </View>
      <View className='yg-ev__info'>
        <Text className='yg-ev__name'>
          {what} · {sizeText(item.size)}
        </Text>
        {item.status === 'uploading' && (
          <View className='yg-ev__bar' ariaRole='progressbar' ariaLabel={`上传进度 ${percent}%`}>
            <View className='yg-ev__fill' style={{ width: `${percent}%` }} />
          </View>
        )}
        <Text className={`yg-ev__state yg-ev__state--${item.status}`}>
          {item.status === 'done' ? '✓ ' : item.status === 'failed' ? '! ' : ''}
          {state}
        </Text>
      </View>
      <View className='yg-ev__actions'>
        {item.status === 'failed' && (
          <View className='yg-ev__btn yg-ev__btn--retry' ariaRole='button' ariaLabel={`重试上传${what}`} onClick={() => controls.retry(item.key)}>
            <Text>重试</Text>
          </View>
        )}
        <View className='yg-ev__btn' ariaRole='button' ariaLabel={`删除${what}`} onClick={() => controls.remove(item.key)}>
          <Text>删除</Text>
        </View>
      </View>
    </View>
  )
}
