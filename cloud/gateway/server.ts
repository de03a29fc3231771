// The local HTTP gateway: H5 app at /, cloud functions at POST /api/:name, evidence at POST /files, GET /healthz, and
// (with SEARCH_SERVICE_SECRET) its search index for processes without one at POST /internal/search.
import http from 'node:http'
import { AppError } from '../../src/domain/errors'
import type { CloudFunction, Env, Identity } from '../functions/runtime'
import { invoke } from '../functions/runtime'
import { bearerToken, readJsonBody, sendEnvelope, sendError, sendJson } from './http'
import { staticHandler } from './staticFiles'
import { setSecurityHeaders } from './securityHeaders'
import { handleUpload } from './upload'
import { handleDownload } from './download'
import { handleSearchService } from './searchRoute'
import type { FileStore } from '../platform/fileStore'

export interface GatewayOptions {
  env: Env
  functions: Readonly<Record<string, CloudFunction>>
  webRoot: string
  /** Where evidence files go (POST /files). */
  files: FileStore
  /** Largest JSON event accepted. */
  maxEventBytes?: number
}

export function createGateway(opts: GatewayOptions): http.Server {
  const serveStatic = staticHandler(opts.webRoot, { remoteMedia: opts.env.config.evidenceStore === 'wechat' })
  const maxEvent = opts.maxEventBytes ?? 256 * 1024

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, name: string) {
    const fn = Object.hasOwn(opts.functions, name) ? opts.functions[name] : undefined
    if (!fn) return sendError(res, new AppError('not_found', `没有名为“${name.slice(0, 40)}”的接口`))
    const event = await readJsonBody(req, maxEvent)
    const token = bearerToken(req)
    const identity: Identity = token ? { kind: 'token', token } : { kind: 'anonymous' }
    sendEnvelope(res, await invoke(fn, opts.env, event, identity))
  }

  return http.createServer((req, res) => {
    // On every answer, whatever route or error produces it; the app's HTML gets its own policy from serveStatic.
    setSecurityHeaders(res)
    const url = req.url ?? '/'
    const path = url.split('?')[0]
    const run = async () => {
      if (path === '/healthz') return sendJson(res, 200, { ok: true, data: { status: 'ok' } })
      if (path === '/internal/search') return handleSearchService(opts.env, req, res)
      const api = /^\/api\/([A-Za-z0-9_-]{1,64})\/?$/.exec(path)
      if (api) {
        if (req.method !== 'POST') throw new AppError('invalid_input', '接口只接受 POST 请求')
        return handleApi(req, res, api[1])
      }
      const download = /^\/files\/([0-9a-f-]{36})$/.exec(path)
      if (download && (req.method === 'GET' || req.method === 'HEAD')) return handleDownload(opts.env, opts.files, req, res, download[1])
      if (path === '/files') {
        if (req.method !== 'POST') throw new AppError('invalid_input', '上传只接受 POST 请求')
        return sendEnvelope(res, { ok: true, data: await handleUpload(opts.env, opts.files, req) })
      }
      if (path.startsWith('/api/')) throw new AppError('not_found', '没有这个接口')
      if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(req, res)
      throw new AppError('not_found', '没有这个地址')
    }
    run().catch((e) => {
      if (res.headersSent) return res.destroy()
      // Drain what the client is still sending, so the answer reaches it instead of a reset connection.
      req.resume()
      if (e instanceof AppError) return sendError(res, e)
      console.error('[gateway] unexpected error', e)
      sendError(res, new AppError('internal', '服务暂时出了点问题，请稍后重试'))
    })
  })
}
