import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { FieldError } from '@/components/Fields'
import { aria } from '@/components/a11y'
import { fieldId } from '@/hooks/useFirstErrorFocus'
import { MAX_PHOTOS } from '@/domain/media'
import { keepFile } from '@/utils/localFiles'
import type { ObservationDraft } from './observationDraft'

interface Props {
  draft: ObservationDraft
  error?: string
  set: (patch: (d: ObservationDraft) => Partial<ObservationDraft>) => void
}

let seq = 0

/**
 * Photos are kept on the device at once (a record may wait offline for hours) and uploaded when the record is sent,
 * through the evidence pipeline (metadata stripped, fingerprint kept on the server).
 */
export default function PhotosSection({ draft, error, set }: Props) {
  const room = MAX_PHOTOS - draft.photos.length
  async function pick() {
    let res: Taro.chooseMedia.SuccessCallbackResult
    try {
      res = await Taro.chooseMedia({ count: room, mediaType: ['image'], sourceType: ['camera', 'album'], sizeType: ['compressed'] })
    } catch {
      return // cancelled
    }
    const kept: ObservationDraft['photos'] = []
    for (const f of (res.tempFiles ?? []).slice(0, room)) {
      try {
        kept.push({ ...(await keepFile(f.tempFilePath, f.size)), key: `p${Date.now().toString(36)}${seq++}` })
      } catch {
        Taro.showToast({ title: '有照片没能保存到本机，请重拍', icon: 'none' })
      }
    }
    if (kept.length) set((d) => ({ photos: [...d.photos, ...kept].slice(0, MAX_PHOTOS) }))
  }
  return (
    <View className='yg-obs__section' id={fieldId('evidence')}>
      <Text className='yg-obs__heading'>现场照片（可选）</Text>
      <Text className='yg-obs__hint'>招牌、许可证、价目表、课表等。没有网络也能拍，连网后随记录一起上传；照片只交给主管部门，不会公开。</Text>
      <View className='yg-obs__photos'>
        {draft.photos.map((p, k) => (
          <View key={p.key} className='yg-obs__photo'>
            <Image className='yg-obs__photo-img' src={p.path} mode='aspectFill' ariaLabel={`照片 ${k + 1}`} />
            <View className='yg-obs__photo-del' ariaRole='button' ariaLabel={`删除照片 ${k + 1}`} onClick={() => set((d) => ({ photos: d.photos.filter((x) => x.key !== p.key) }))}>
              <Text>删除</Text>
            </View>
          </View>
        ))}
        {room > 0 && (
          <View className='yg-obs__photo yg-obs__photo--add' hoverClass='yg-obs__photo--pressed' ariaRole='button' onClick={() => void pick()}>
            <Text className='yg-obs__plus' {...aria({ hidden: true })}>
              ＋
            </Text>
            <Text className='yg-obs__add-words'>
              添加照片 {draft.photos.length}/{MAX_PHOTOS}
            </Text>
          </View>
        )}
      </View>
      <FieldError message={error} />
    </View>
  )
}
