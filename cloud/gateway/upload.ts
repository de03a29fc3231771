// POST /files: one evidence file (multipart field `file`, as Taro.uploadFile sends it) → { fileId, sha256, size, mime }.
// This file only speaks HTTP: who is calling, the multipart stream to a temporary file. The evidence rules (type by
// bytes, limits, metadata stripping, quota) are in services/evidence, shared with files.register.
import fs from 'node:fs'
import type http from 'node:http'
import busboy from 'busboy'
import { AppError } from '../../src/domain/errors'
import { MAX_VIDEO_BYTES } from '../../src/domain/media'
import { resolveActor, type Env } from '../functions/runtime'
import type { FileStore } from '../platform/fileStore'
import { bearerToken } from './http'
import { hashToFile, type Received } from '../services/evidence/hashToFile'
import { storeEvidence, takeUploadSlot, TOO_LARGE_MESSAGE, type Uploaded } from '../services/evidence/storeEvidence'

export type { Uploaded }

const MB = 1024 * 1024

export async function handleUpload(env: Env, store: FileStore, req: http.IncomingMessage): Promise<Uploaded> {
  const token = bearerToken(req)
  if (!token) throw new AppError('unauthenticated', '请先登录再上传证据')
  const account = await resolveActor(env, { kind: 'token', token })()
  if (!account) throw new AppError('unauthenticated', '请先登录再上传证据')
  let slot
  try {
    slot = await takeUploadSlot(env.db, account.id, env.config.uploadDailyLimit)
  } catch (e) {
    req.resume()
    throw e
  }
  const temp = store.tempPath()
  try {
    if (!/^multipart\/form-data/i.test(String(req.headers['content-type'] ?? ''))) {
      req.resume()
      throw new AppError('invalid_input', '请以表单方式上传文件（字段名 file）', { file: '请选择要上传的文件' })
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_VIDEO_BYTES + MB) {
      req.resume()
      throw new AppError('payload_too_large', TOO_LARGE_MESSAGE)
    }
    return await storeEvidence(env.db, store, account.id, temp, await receive(req, temp))
  } catch (e) {
    // Refused or cut off: it was not stored, so it does not count against today's limit.
    await slot.release()
    throw e
  } finally {
    await fs.promises.rm(temp, { force: true })
  }
}

function receive(req: http.IncomingMessage, temp: string): Promise<Received> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy
    try {
      bb = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_VIDEO_BYTES + 1, fields: 10, fieldSize: 4096 } })
    } catch {
      req.resume()
      return reject(new AppError('invalid_input', '上传的表单格式不正确', { file: '上传的表单格式不正确' }))
    }
    let seen = false
    let pending: Promise<Received> | undefined
    bb.on('file', (field, stream) => {
      if (field !== 'file' || seen) {
        stream.resume()
        return
      }
      seen = true
      // busboy itself stops at fileSize and marks the stream truncated; hashToFile's own limit is never reached.
      pending = hashToFile(stream, temp, MAX_VIDEO_BYTES + 2)
      pending.catch(() => {})
    })
    bb.on('error', () => reject(new AppError('invalid_input', '上传中断或表单格式不正确，请重试', { file: '上传中断，请重试' })))
    bb.on('close', () => {
      if (!pending) return reject(new AppError('invalid_input', '没有收到文件：表单字段应为 file', { file: '请选择要上传的文件' }))
      pending.then(resolve, reject)
    })
    req.pipe(bb)
  })
}
