// What evidence files we accept, judged by their first bytes — never by the name or the Content-Type a client claims.
export type EvidenceMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'video/mp4'

export const MAX_IMAGE_BYTES = 10 * 1024 * 1024
export const MAX_VIDEO_BYTES = 50 * 1024 * 1024

export function sniffMime(head: Uint8Array): EvidenceMime | undefined {
  const at = (i: number, bytes: number[]) => bytes.every((b, k) => head[i + k] === b)
  if (at(0, [0xff, 0xd8, 0xff])) return 'image/jpeg'
  if (at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png'
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return 'image/webp'
  // ISO base media: a box size, then 'ftyp', then an MP4-family brand.
  if (at(4, [0x66, 0x74, 0x79, 0x70])) {
    const brand = String.fromCharCode(...head.slice(8, 12))
    if (/^(isom|iso[2-9]|mp41|mp42|avc1|M4V |dash|mmp4|3gp[4-6])$/.test(brand)) return 'video/mp4'
  }
  return undefined
}

export function maxBytesFor(mime: EvidenceMime): number {
  return mime === 'video/mp4' ? MAX_VIDEO_BYTES : MAX_IMAGE_BYTES
}

/**
 * The largest picture evidence may declare, whatever its file size: a PNG of a few MB can declare 50,000 × 50,000
 * pixels, which a staff member's phone would try to decode into gigabytes. Photos from the phone (chooseMedia,
 * compressed) are a few megapixels, a camera's usual full-resolution shot 12–24 MP.
 */
export const MAX_IMAGE_SIDE = 10_000
export const MAX_IMAGE_PIXELS = 40_000_000

/** The Chinese reason to refuse a picture of this declared size, or undefined. */
export function imageSizeProblem(width: number, height: number): string | undefined {
  if (width <= MAX_IMAGE_SIDE && height <= MAX_IMAGE_SIDE && width * height <= MAX_IMAGE_PIXELS) return undefined
  return `图片尺寸过大（${width}×${height}），请截图或压缩后再上传：每边不超过 ${MAX_IMAGE_SIDE} 像素，总计不超过 ${MAX_IMAGE_PIXELS / 10_000} 万像素`
}

/** Evidence per report: what the phone lets a reporter pick, and what submit and addInfo accept together. */
export const MAX_PHOTOS = 9
export const MAX_VIDEOS = 1

/**
 * The one rule for a report's evidence, on submit (nothing yet) and on addInfo (what the ticket already has): by the
 * files' types, at most MAX_PHOTOS photos and MAX_VIDEOS videos in all. Each list holds the mime types of distinct
 * files. Answers the Chinese reason for a refusal, or undefined.
 */
export function evidenceLimitProblem(already: readonly string[], added: readonly string[]): string | undefined {
  const videos = (list: readonly string[]) => list.filter((m) => m === 'video/mp4').length
  const had = { videos: videos(already), photos: already.length - videos(already) }
  const has = already.length ? `（这件举报已有${had.photos}张照片、${had.videos}段视频）` : ''
  if (had.videos + videos(added) > MAX_VIDEOS) return `每件举报最多附${MAX_VIDEOS}段视频${has}`
  if (had.photos + added.length - videos(added) > MAX_PHOTOS) return `每件举报最多附${MAX_PHOTOS}张照片${has}`
  return undefined
}

/** Longest video, checked on the phone (chooseMedia maxDuration) and again on the server from the file itself. */
export const MAX_VIDEO_SECONDS = 60

/**
 * A WeChat cloud-storage fileID the mini-program uploaded evidence to: `cloud://<env>.<bucket>/evidence/<random>.<ext>`.
 * The random name (≥ 16 characters) is what keeps one person from registering another's upload.
 */
export const CLOUD_EVIDENCE_PATH = /^cloud:\/\/([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+\/evidence\/[A-Za-z0-9_-]{16,64}\.(jpg|jpeg|png|webp|mp4)$/
