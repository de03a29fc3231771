// WeChat cloud storage, server side: fetch an uploaded file and delete it afterwards.
// batchdownloadfile: POST /tcb/batchdownloadfile?access_token → { errcode, errmsg, file_list: [{ fileid, download_url, status, errmsg }] }
// batchdeletefile:   POST /tcb/batchdeletefile?access_token   → { errcode, errmsg, delete_list: [{ fileid, status, errmsg }] }
// https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-http-api/storage/batchDownloadFile.html
import { Readable } from 'node:stream'
import { AppError } from '../../src/domain/errors'
import { tcbCall, type TcbOptions } from './tcbApi'
import { hashToFile, type Received } from './hashToFile'

export interface CloudStorage {
  /** Streams the file to `temp`; a file larger than `limit` comes back truncated. */
  download(fileId: string, temp: string, limit: number): Promise<Received>
  /** Best effort; answers the fileIDs WeChat did not delete. */
  remove(fileIds: string[]): Promise<string[]>
}

const UNAVAILABLE = '云存储暂时不可用，证据尚未保存，请稍后重试'

export function wechatCloudStorage(opts: TcbOptions): CloudStorage {
  const post = <T extends object>(api: string, body: object) => tcbCall<T>(opts, api, body, UNAVAILABLE)

  return {
    async download(fileId, temp, limit) {
      const answer = await post<{ file_list?: { fileid: string; download_url?: string; status?: number }[] }>('batchdownloadfile', {
        file_list: [{ fileid: fileId, max_age: 600 }],
      })
      const entry = answer.file_list?.find((f) => f.fileid === fileId)
      if (!entry || entry.status !== 0 || !entry.download_url) throw new AppError('not_found', '云存储中没有这个文件，可能已登记过或已过期，请重新上传')
      let res: Response
      try {
        res = await fetch(entry.download_url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 120_000) })
      } catch {
        throw new AppError('internal', UNAVAILABLE)
      }
      if (res.status === 404) throw new AppError('not_found', '云存储中没有这个文件，可能已登记过或已过期，请重新上传')
      if (!res.ok || !res.body) throw new AppError('internal', UNAVAILABLE)
      if (Number(res.headers.get('content-length') ?? 0) > limit) {
        await res.body.cancel()
        return { head: new Uint8Array(), size: Number(res.headers.get('content-length')), sha256: '', truncated: true }
      }
      return hashToFile(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), temp, limit)
    },
    async remove(fileIds) {
      try {
        const answer = await post<{ delete_list?: { fileid: string; status?: number }[] }>('batchdeletefile', { fileid_list: fileIds })
        const deleted = new Set((answer.delete_list ?? []).filter((d) => d.status === 0).map((d) => d.fileid))
        return fileIds.filter((f) => !deleted.has(f))
      } catch {
        return fileIds
      }
    },
  }
}
