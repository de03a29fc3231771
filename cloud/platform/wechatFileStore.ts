// The evidence store in WeChat cloud storage, for deployments as cloud functions (whose disk is not kept).
// Objects are content-addressed at evidence-store/<first two hex>/<sha256>; reading is only ever through
// batchdownloadfile links that expire, handed to the reporter and the handling staff in their ticket view.
//
// Upload, per WeChat's server API: POST /tcb/uploadfile { env, path } → { url, token, authorization, file_id,
// cos_file_id }, then a multipart POST to `url` with key = path, Signature = authorization,
// x-cos-security-token = token, x-cos-meta-fileid = cos_file_id and the file last.
// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-http-api/storage/uploadFile.html
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import { AppError } from '../../src/domain/errors'
import { tcbCall, type TcbOptions } from './tcbApi'
import type { FileStore, StoredFile } from './fileStore'
import { FILE_LINK_TTL_SECONDS } from './fileLinks'

const UNAVAILABLE = '证据保存暂时失败，请稍后重试'

export function wechatFileStore(opts: TcbOptions): FileStore {
  const tempDir = path.join(os.tmpdir(), 'yg-evidence')
  fs.mkdirSync(tempDir, { recursive: true })

  const tcb = <T extends object>(api: string, body: object) => tcbCall<T>(opts, api, body, UNAVAILABLE)

  return {
    tempPath: () => path.join(tempDir, `${process.pid}-${crypto.randomBytes(8).toString('hex')}`),
    async commit(tempPath, sha256) {
      const key = `evidence-store/${sha256.slice(0, 2)}/${sha256}`
      const slot = await tcb<{ url?: string; token?: string; authorization?: string; file_id?: string; cos_file_id?: string }>('uploadfile', { path: key })
      if (!slot.url || !slot.file_id || !slot.authorization) throw new AppError('internal', UNAVAILABLE)
      const form = new FormData()
      form.append('key', key)
      form.append('Signature', slot.authorization)
      form.append('x-cos-security-token', slot.token ?? '')
      form.append('x-cos-meta-fileid', slot.cos_file_id ?? '')
      // The file must be the last field.
      form.append('file', new Blob([await fs.promises.readFile(tempPath)]), sha256)
      let ok = false
      try {
        const res = await fetch(slot.url, { method: 'POST', body: form, signal: AbortSignal.timeout(opts.timeoutMs ?? 120_000) })
        ok = res.status >= 200 && res.status < 300
        await res.arrayBuffer().catch(() => undefined)
      } catch {
        ok = false
      }
      if (!ok) throw new AppError('internal', UNAVAILABLE)
      await fs.promises.rm(tempPath, { force: true })
      return slot.file_id
    },
    async links(files: StoredFile[]) {
      const refs = files.filter((f) => f.storeRef)
      if (!refs.length) return new Map()
      const answer = await tcb<{ file_list?: { fileid: string; download_url?: string; status?: number }[] }>('batchdownloadfile', {
        file_list: refs.map((f) => ({ fileid: f.storeRef, max_age: FILE_LINK_TTL_SECONDS })),
      })
      const byRef = new Map((answer.file_list ?? []).filter((f) => f.status === 0 && f.download_url).map((f) => [f.fileid, f.download_url!]))
      return new Map(refs.filter((f) => byRef.has(f.storeRef!)).map((f) => [f.fileId, byRef.get(f.storeRef!)!]))
    },
  }
}
