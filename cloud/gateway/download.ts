// GET /files/:id?exp&sig — evidence for the reporter and the handling staff only: the link comes from their
// ticket view, names one file, and expires. Served with headers that keep browsers from sniffing or caching it.
import fs from 'node:fs'
import type http from 'node:http'
import { AppError } from '../../src/domain/errors'
import type { Env } from '../functions/runtime'
import { checkFileLink } from '../platform/fileLinks'
import type { FileStore } from '../platform/fileStore'

export async function handleDownload(env: Env, store: FileStore, req: http.IncomingMessage, res: http.ServerResponse, fileId: string): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local')
  const verdict = env.sessionSecret ? checkFileLink(env.sessionSecret, fileId, url.searchParams.get('exp'), url.searchParams.get('sig')) : 'invalid'
  if (verdict === 'expired') throw new AppError('forbidden', '链接已过期，请回到举报详情重新打开')
  if (verdict !== 'ok') throw new AppError('forbidden', '无权查看该文件')
  const row = /^[0-9a-f-]{36}$/.test(fileId) ? await env.db.selectFrom('files').select(['sha256', 'mime', 'size']).where('id', '=', fileId).executeTakeFirst() : undefined
  const file = row && store.pathOf ? store.pathOf(row.sha256) : undefined
  if (!row || !file || !fs.existsSync(file)) throw new AppError('not_found', '文件不存在')
  res.writeHead(200, {
    'content-type': row.mime,
    'content-length': fs.statSync(file).size,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
    'content-disposition': 'inline',
  })
  fs.createReadStream(file).pipe(res)
}
