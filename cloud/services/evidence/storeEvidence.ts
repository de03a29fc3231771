// The evidence rules, whichever way a file arrived (POST /files, or files.register from WeChat cloud storage):
// a daily quota per account (a slot taken before the bytes are read, given back when the file is refused); the type
// judged by the bytes; size limits (the bytes, and the pixels an image declares); photos stripped of Exif/GPS/XMP and
// videos of their metadata boxes, videos held to the same length as on the phone; stored content-addressed, and the
// sha256/size answered and recorded are those of the stored bytes, which is what the chain of custody follows.
import fs from 'node:fs'
import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import { AppError } from '../../../src/domain/errors'
import { MAX_IMAGE_BYTES, MAX_VIDEO_BYTES, MAX_VIDEO_SECONDS, imageSizeProblem, maxBytesFor, sniffMime } from '../../../src/domain/media'
import type { Database } from '../../store/schema'
import type { FileStore } from '../../platform/fileStore'
import { MalformedImageError, stripMetadata } from '../../platform/media/stripMetadata'
import { MalformedVideoError, scrubMp4 } from '../../platform/media/mp4'
import { imageSize } from '../../platform/media/imageSize'
import type { Received } from './hashToFile'
import { takeDailySlot, type DailySlot } from '../dailyLimits'

export interface Uploaded {
  fileId: string
  sha256: string
  size: number
  mime: string
}

const MB = 1024 * 1024
export const TOO_LARGE_MESSAGE = `文件过大：图片不超过 ${MAX_IMAGE_BYTES / MB} MB，视频不超过 ${MAX_VIDEO_BYTES / MB} MB`

/**
 * Takes one of the account's uploads for today (Xiamen's day) before any bytes are read, so a hundred parallel
 * uploads cannot all pass the limit; the caller releases the slot when the file is refused or the upload fails.
 */
export async function takeUploadSlot(db: Kysely<Database>, accountId: string, limit: number): Promise<DailySlot> {
  const slot = await takeDailySlot(db, accountId, 'upload', limit)
  if (!slot) throw new AppError('rate_limited', `今天上传的证据已达 ${limit} 个上限，请明天再传`)
  return slot
}

/** Judges, cleans and stores the received temporary file; the caller removes `temp` afterwards whatever happens. */
export async function storeEvidence(db: Kysely<Database>, store: FileStore, accountId: string, temp: string, got: Received): Promise<Uploaded> {
  if (got.size === 0) throw new AppError('invalid_input', '文件是空的', { file: '文件是空的' })
  const mime = sniffMime(got.head)
  if (!mime) throw new AppError('unsupported_media', '只能上传 JPEG、PNG、WebP 图片或 MP4 视频', { file: '文件类型不支持' })
  if (got.truncated || got.size > maxBytesFor(mime)) {
    throw new AppError('payload_too_large', mime === 'video/mp4' ? `视频不能超过 ${MAX_VIDEO_BYTES / MB} MB` : `图片不能超过 ${MAX_IMAGE_BYTES / MB} MB`, { file: '文件过大' })
  }
  // Limits were judged on the received bytes above; cleaning never makes a file larger.
  const stored = mime === 'video/mp4' ? await cleanVideo(temp, got) : await cleanImage(temp, mime, got)
  const storeRef = await store.commit(temp, stored.sha256)
  const row = await db.insertInto('files').values({ sha256: stored.sha256, size: stored.size, mime, owner_account_id: accountId, store_ref: storeRef }).returning('id').executeTakeFirstOrThrow()
  return { fileId: row.id, sha256: stored.sha256, size: stored.size, mime }
}

async function cleanVideo(temp: string, got: Received): Promise<{ sha256: string; size: number }> {
  let facts
  try {
    facts = await scrubMp4(temp)
  } catch (e) {
    if (e instanceof MalformedVideoError) throw new AppError('unsupported_media', '视频文件已损坏或格式不正确', { file: '视频文件已损坏或格式不正确' })
    throw e
  }
  if (facts.durationSeconds === undefined) throw new AppError('unsupported_media', '无法读取视频时长，请用手机重新录制后上传', { file: '无法读取视频时长' })
  // A little slack: phones stop "60 s" recordings a few frames late.
  if (facts.durationSeconds > MAX_VIDEO_SECONDS + 0.5) {
    const message = `视频不能超过 ${MAX_VIDEO_SECONDS} 秒（这段约 ${Math.round(facts.durationSeconds)} 秒），请剪短后再传`
    throw new AppError('invalid_input', message, { file: message })
  }
  if (facts.scrubbed === 0) return { sha256: got.sha256, size: got.size }
  return { sha256: await hashFile(temp), size: got.size }
}

async function cleanImage(temp: string, mime: 'image/jpeg' | 'image/png' | 'image/webp', got: Received): Promise<{ sha256: string; size: number }> {
  const received = await fs.promises.readFile(temp)
  let stripped: Uint8Array
  try {
    const { width, height } = imageSize(received, mime)
    const tooBig = imageSizeProblem(width, height)
    if (tooBig) throw new AppError('invalid_input', tooBig, { file: tooBig })
    stripped = stripMetadata(received, mime)
  } catch (e) {
    if (e instanceof MalformedImageError) throw new AppError('unsupported_media', '图片文件已损坏或格式不正确', { file: '图片文件已损坏或格式不正确' })
    throw e
  }
  if (stripped === received) return { sha256: got.sha256, size: got.size }
  await fs.promises.writeFile(temp, stripped)
  return { sha256: crypto.createHash('sha256').update(stripped).digest('hex'), size: stripped.length }
}

async function hashFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256')
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
