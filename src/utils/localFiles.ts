// Files that must outlive the page that made them: a queued field visit's photos and signature wait on the device
// until the network returns, perhaps after the mini-program was closed. WeChat's temp files may be cleaned at any
// time, so they are saved into the user data folder; a browser's blob: URL dies with the page, so on H5 the picture
// is kept as a data: URL inside the record itself (scaled down first: browser storage holds a few MB in all).
import Taro from '@tarojs/taro'
import type { LocalFile } from '@/domain/observationQueue'
import { IS_H5 } from './platform'

/** Longest side of a photo kept on H5; a JPEG of this size is ~150–400 KB. */
const H5_MAX_SIDE = 1600
const H5_QUALITY = 0.82

async function h5DataUrl(path: string): Promise<LocalFile> {
  if (path.startsWith('data:')) return { path, size: Math.round(((path.length - path.indexOf(',') - 1) * 3) / 4) }
  const blob = await (await fetch(path)).blob()
  const bitmap = await createImageBitmap(blob)
  const scale = Math.min(1, H5_MAX_SIDE / Math.max(bitmap.width, bitmap.height))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(bitmap.width * scale))
  canvas.height = Math.max(1, Math.round(bitmap.height * scale))
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close?.()
  const url = canvas.toDataURL('image/jpeg', H5_QUALITY)
  return { path: url, size: Math.round(((url.length - url.indexOf(',') - 1) * 3) / 4) }
}

function weappSave(path: string, size: number): Promise<LocalFile> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().saveFile({
      tempFilePath: path,
      success: (res) => resolve({ path: res.savedFilePath, size }),
      fail: (err) => reject(err),
    })
  })
}

/** Keeps a picked photo or a drawn signature (a temp path; a blob: or data: URL on H5) for later upload. */
export async function keepFile(path: string, size: number): Promise<LocalFile> {
  return IS_H5 ? h5DataUrl(path) : weappSave(path, size)
}

/** Frees a kept file once the server has the record (nothing to do for a data: URL). */
export function dropFile(file: LocalFile): void {
  if (IS_H5 || file.path.startsWith('data:')) return
  try {
    Taro.getFileSystemManager().unlink({ filePath: file.path, fail: () => undefined })
  } catch {
    // Already gone: nothing to free.
  }
}
