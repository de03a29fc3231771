// POST /internal/search: this gateway's index answering for processes that hold none (cloud-function instances, which
// would otherwise answer from SQL alone: issue 12, point 6). Only callers holding SEARCH_SERVICE_SECRET; without it
// configured the route does not exist. The body is the search's input as `institutions.search` takes it, the answer
// the same envelope and page; 503 while the index is not serving (building, fallen behind): the caller then answers
// from SQL, which is current.
import crypto from 'node:crypto'
import type http from 'node:http'
import { AppError } from '../../src/domain/errors'
import type { Env } from '../functions/runtime'
import { searchFromIndex } from '../services/institutions'
import { bearerToken, readJsonBody, sendEnvelope } from './http'

/** A search's input is a few short fields. */
const MAX_BODY = 16 * 1024

function sameSecret(given: string | undefined, secret: string): boolean {
  if (given === undefined) return false
  const a = crypto.createHash('sha256').update(given).digest()
  const b = crypto.createHash('sha256').update(secret).digest()
  return crypto.timingSafeEqual(a, b)
}

export async function handleSearchService(env: Env, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const secret = env.config.searchServiceSecret
  if (!secret) throw new AppError('not_found', '没有这个地址')
  if (req.method !== 'POST') throw new AppError('invalid_input', '搜索服务只接受 POST 请求')
  if (!sameSecret(bearerToken(req), secret)) {
    req.resume()
    throw new AppError('unauthenticated', '搜索服务只回答持有服务密钥的调用')
  }
  const page = await searchFromIndex(await readJsonBody(req, MAX_BODY), env.search)
  if (!page) throw new AppError('unavailable', '搜索索引尚未就绪，请由数据库直接查询')
  sendEnvelope(res, { ok: true, data: page })
}
