// POST /files: one evidence file (multipart field `file`, as Taro.uploadFile sends it) → { fileId, sha256, size, mime }.
// The type is judged by the bytes; the bytes are hashed while they stream to disk and stored once by their hash.
// Images lose their metadata (GPS, time, device) before they are stored: the answered and recorded sha256/size are
// those of the stored bytes, which is what the chain of custody follows. Videos are stored as received.
import fs from 'node:fs'
import crypto from 'node:crypto'
import type http from 'node:http'
import busboy from 'busboy'
import { AppError } from '../../src/domain/errors'
import { MAX_IMAGE_BYTES, MAX_VIDEO_BYTES, maxBytesFor, sniffMime } from '../../src/domain/media'
import { resolveActor, type Env } from '../functions/runtime'
import type { FileStore } from '../platform/fileStore'
import { MalformedImageError, stripMetadata } from '../platform/media/stripMetadata'
import { bearerToken } from './http'
import { chinaDate } from '../../src/domain/chinaDate'

export interface Uploaded {
  fileId: string
  sha256: string
  size: number
  mime: string
}

const MB = 1024 * 1024

export async function handleUpload(env: Env, store: FileStore, req: http.IncomingMessage): Promise<Uploaded> {
  const token = bearerToken(req)
  if (!token) throw new AppError('unauthenticated', '请先登录再上传证据')
  const account = await resolveActor(env, { kind: 'token', token })()
  if (!account) throw new AppError('unauthenticated', '请先登录再上传证据')
  const since = new Date(`${chinaDate(new Date())}T00:00:00+08:00`)
  const today = await env.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_account_id', '=', account.id).where('created_at', '>=', since).executeTakeFirstOrThrow()
  if (Number(today.n) >= env.config.uploadDailyLimit) {
    req.resume()
    throw new AppError('rate_limited', `今天上传的证据已达 ${env.config.uploadDailyLimit} 个上限，请明天再传`)
  }
  if (!/^multipart\/form-data/i.test(String(req.headers['content-type'] ?? ''))) {
    req.resume()
    throw new AppError('invalid_input', '请以表单方式上传文件（字段名 file）', { file: '请选择要上传的文件' })
  }
  if (Number(req.headers['content-length'] ?? 0) > MAX_VIDEO_BYTES + MB) {
    req.resume()
    throw new AppError('payload_too_large', `文件过大：图片不超过 ${MAX_IMAGE_BYTES / MB} MB，视频不超过 ${MAX_VIDEO_BYTES / MB} MB`)
  }

  const temp = store.tempPath()
  try {
    const got = await receive(req, temp)
    const mime = sniffMime(got.head)
    if (!mime) throw new AppError('unsupported_media', '只能上传 JPEG、PNG、WebP 图片或 MP4 视频', { file: '文件类型不支持' })
    if (got.truncated || got.size > maxBytesFor(mime)) {
      throw new AppError('payload_too_large', mime === 'video/mp4' ? `视频不能超过 ${MAX_VIDEO_BYTES / MB} MB` : `图片不能超过 ${MAX_IMAGE_BYTES / MB} MB`, { file: '文件过大' })
    }
    // Limits were judged on the received bytes above; stripping only ever makes a file smaller.
    const stored = mime === 'video/mp4' ? got : await stripInPlace(temp, mime, got)
    await store.commit(temp, stored.sha256)
    const row = await env.db
      .insertInto('files')
      .values({ sha256: stored.sha256, size: stored.size, mime, owner_account_id: account.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { fileId: row.id, sha256: stored.sha256, size: stored.size, mime }
  } finally {
    await fs.promises.rm(temp, { force: true })
  }
}

/** Rewrites the temporary file without the image's metadata; answers the hash and size of what is now there. */
async function stripInPlace(temp: string, mime: 'image/jpeg' | 'image/png' | 'image/webp', got: { sha256: string; size: number }) {
  const received = await fs.promises.readFile(temp)
  let stripped: Uint8Array
  try {
    stripped = stripMetadata(received, mime)
  } catch (e) {
    if (e instanceof MalformedImageError) throw new AppError('unsupported_media', '图片文件已损坏或格式不正确', { file: '图片文件已损坏或格式不正确' })
    throw e
  }
  if (stripped === received) return { sha256: got.sha256, size: got.size }
  await fs.promises.writeFile(temp, stripped)
  return { sha256: crypto.createHash('sha256').update(stripped).digest('hex'), size: stripped.length }
}

function receive(req: http.IncomingMessage, temp: string): Promise<{ head: Uint8Array; size: number; sha256: string; truncated: boolean }> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_VIDEO_BYTES + 1, fields: 10, fieldSize: 4096 } })
    } catch {
      req.resume()
      return reject(new AppError('invalid_input', '上传的表单格式不正确', { file: '上传的表单格式不正确' }))
    }
    let seen = false
    let pending: Promise<{ head: Uint8Array; size: number; sha256: string; truncated: boolean }> | undefined
    bb.on('file', (field, stream) => {
      if (field !== 'file' || seen) {
        stream.resume()
        return
      }
      seen = true
      pending = new Promise((done, fail) => {
        const hash = crypto.createHash('sha256')
        const out = fs.createWriteStream(temp)
        const head: number[] = []
        let size = 0
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length
          hash.update(chunk)
          for (let i = 0; head.length < 16 && i < chunk.length; i++) head.push(chunk[i])
        })
        stream.pipe(out)
        out.on('finish', () => done({ head: Uint8Array.from(head), size, sha256: hash.digest('hex'), truncated: (stream as { truncated?: boolean }).truncated === true }))
        out.on('error', fail)
        stream.on('error', fail)
      })
    })
    bb.on('error', () => reject(new AppError('invalid_input', '上传中断或表单格式不正确，请重试', { file: '上传中断，请重试' })))
    bb.on('close', () => {
      if (!pending) return reject(new AppError('invalid_input', '没有收到文件：表单字段应为 file', { file: '请选择要上传的文件' }))
      pending.then((r) => (r.size === 0 ? reject(new AppError('invalid_input', '文件是空的', { file: '文件是空的' })) : resolve(r)), reject)
    })
    req.pipe(bb)
  })
}
