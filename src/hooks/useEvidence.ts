// Choosing and uploading evidence: up to 9 photos and 1 video of at most 60 s, each uploaded on its own with progress,
// removable, and retried on demand. The items live in the caller's state (the draft, or 补充材料's own list).
import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { uploadEvidence, type UploadHandle } from '@/api/files'
import type { EvidenceItem } from '@/utils/reportDraft'
import { MAX_PHOTOS as MAX_IMAGES, MAX_VIDEOS, MAX_VIDEO_SECONDS } from '@/domain/media'

const MB = 1024 * 1024
const MAX_IMAGE_BYTES = 10 * MB
const MAX_VIDEO_BYTES = 50 * MB

type Update = (fn: (items: EvidenceItem[]) => EvidenceItem[]) => void

let seq = 0
const newKey = () => `ev${Date.now().toString(36)}${(seq++).toString(36)}`

export interface EvidenceControls {
  progress: Record<string, number>
  images: number
  videos: number
  canAdd: boolean
  pick(): Promise<void>
  retry(key: string): void
  remove(key: string): void
}

const VIDEO_COMPRESS_ABOVE = 20 * 1024 * 1024

/** wx.compressVideo where the platform has it (WeChat); elsewhere, or when it fails, the file as chosen. */
async function compressVideo(f: { tempFilePath: string; size: number }): Promise<{ tempFilePath: string; size: number }> {
  if (process.env.TARO_ENV !== 'weapp') return f
  Taro.showLoading({ title: '正在压缩视频', mask: true })
  try {
    const r = await Taro.compressVideo({ src: f.tempFilePath, quality: 'medium', bitrate: 0, fps: 0, resolution: 0 } as Taro.compressVideo.Option)
    // size is in kB (a string in some base libraries) per WeChat's documentation; with quality set, bitrate, fps and
    // resolution are ignored.
    return r.tempFilePath ? { tempFilePath: r.tempFilePath, size: Math.round(Number(r.size) * 1024) } : f
  } catch {
    return f
  } finally {
    Taro.hideLoading()
  }
}

export function useEvidence(items: EvidenceItem[], update: Update, onUnauthenticated?: () => void): EvidenceControls {
  const [progress, setProgress] = useState<Record<string, number>>({})
  const handles = useRef<Record<string, UploadHandle>>({})
  const images = items.filter((i) => i.kind === 'image').length
  const videos = items.filter((i) => i.kind === 'video').length

  // Leaving the page stops uploads in flight; the draft shows them as failed with 重试.
  useEffect(() => () => Object.values(handles.current).forEach((h) => h.abort()), [])

  function patch(key: string, change: Partial<EvidenceItem>) {
    update((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)))
  }

  function start(item: EvidenceItem) {
    patch(item.key, { status: 'uploading', error: undefined })
    setProgress((p) => ({ ...p, [item.key]: 0 }))
    const handle = uploadEvidence(item.path, (percent) => setProgress((p) => ({ ...p, [item.key]: percent })))
    handles.current[item.key] = handle
    handle.done.then((res) => {
      if (handles.current[item.key] !== handle) return // removed meanwhile
      delete handles.current[item.key]
      if (res.ok) {
        patch(item.key, { status: 'done', fileId: res.data.fileId, sha256: res.data.sha256, error: undefined })
        return
      }
      const error = res.error.code === 'network' ? '网络中断，未能上传' : res.error.fields?.file && res.error.code !== 'payload_too_large' && res.error.code !== 'unsupported_media' ? res.error.fields.file : res.error.message
      patch(item.key, { status: 'failed', error })
      if (res.error.code === 'unauthenticated') onUnauthenticated?.()
    })
  }

  async function pick() {
    const roomImages = MAX_IMAGES - images
    const roomVideo = MAX_VIDEOS - videos
    if (roomImages <= 0 && roomVideo <= 0) {
      Taro.showToast({ title: `最多 ${MAX_IMAGES} 张照片和 ${MAX_VIDEOS} 段视频`, icon: 'none' })
      return
    }
    const mediaType: ('image' | 'video')[] = roomImages > 0 && roomVideo > 0 ? ['image', 'video'] : roomImages > 0 ? ['image'] : ['video']
    let res: Taro.chooseMedia.SuccessCallbackResult
    try {
      res = await Taro.chooseMedia({
        count: Math.max(1, roomImages),
        mediaType,
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
        maxDuration: MAX_VIDEO_SECONDS,
      })
    } catch {
      return // cancelled
    }
    // In a browser, a file it cannot decode (a damaged or unsupported video) is dropped by chooseMedia without a word.
    if (!res.tempFiles?.length) {
      Taro.showToast({ title: '没能读取所选文件，请换一个试试', icon: 'none' })
      return
    }
    const added: EvidenceItem[] = []
    let skipped = ''
    let imgRoom = roomImages
    let vidRoom = roomVideo
    for (const f of res.tempFiles ?? []) {
      const type = String((f as { fileType?: string }).fileType ?? res.type ?? '')
      const kind: EvidenceItem['kind'] = /video/.test(type) ? 'video' : 'image'
      if (kind === 'video') {
        if (vidRoom <= 0) { skipped = `只能添加 ${MAX_VIDEOS} 段视频`; continue }
        if (f.duration && f.duration > MAX_VIDEO_SECONDS + 0.5) { skipped = `视频不能超过 ${MAX_VIDEO_SECONDS} 秒，请剪短后再选`; continue }
        vidRoom--
      } else {
        if (imgRoom <= 0) { skipped = `最多 ${MAX_IMAGES} 张照片`; continue }
        imgRoom--
      }
      // Photos come compressed from chooseMedia; a video from the album comes as filmed (a minute of 1080p can pass
      // 50 MB), so a large one is compressed on the phone first.
      const file = kind === 'video' && f.size > VIDEO_COMPRESS_ABOVE ? await compressVideo(f) : f
      const item: EvidenceItem = {
        key: newKey(),
        kind,
        path: file.tempFilePath,
        thumb: kind === 'video' ? f.thumbTempFilePath || undefined : f.tempFilePath,
        size: file.size,
        duration: kind === 'video' ? Math.round(f.duration || 0) : undefined,
        status: 'uploading',
      }
      const limit = kind === 'video' ? MAX_VIDEO_BYTES : MAX_IMAGE_BYTES
      if (file.size > limit) {
        item.status = 'failed'
        item.error = kind === 'video' ? '视频不能超过 50 MB' : '照片不能超过 10 MB'
      }
      added.push(item)
    }
    if (skipped) Taro.showToast({ title: skipped, icon: 'none' })
    if (!added.length) return
    update((list) => [...list, ...added])
    for (const item of added) if (item.status === 'uploading') start(item)
  }

  function retry(key: string) {
    const item = items.find((i) => i.key === key)
    if (item) start(item)
  }

  function remove(key: string) {
    handles.current[key]?.abort()
    delete handles.current[key]
    update((list) => list.filter((i) => i.key !== key))
  }

  return { progress, images, videos, canAdd: images < MAX_IMAGES || videos < MAX_VIDEOS, pick, retry, remove }
}
