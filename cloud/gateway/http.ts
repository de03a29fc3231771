// Small HTTP helpers for the gateway: the envelope's status codes, JSON answers, bounded bodies.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Envelope, ErrorCode } from '../../src/domain/api'
import { AppError } from '../../src/domain/errors'

export const STATUS_OF: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
}

/** Encoded once: the length header and the socket take the same bytes. Handing the socket the string instead made
 *  Node walk a page of Chinese text three times per answer (its length, the write's size, the encoding). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const bytes = Buffer.from(JSON.stringify(body))
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': bytes.length,
    'cache-control': 'no-store',
  })
  res.end(bytes)
}

export function sendEnvelope(res: ServerResponse, envelope: Envelope<unknown>): void {
  sendJson(res, envelope.ok ? 200 : STATUS_OF[envelope.error.code], envelope)
}

export function sendError(res: ServerResponse, e: AppError): void {
  sendEnvelope(res, { ok: false, error: e.toApiError() })
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    if (declared > limit) {
      req.resume()
      return reject(new AppError('payload_too_large', `请求内容过大（上限 ${Math.round(limit / 1024)} KB）`))
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.resume()
        reject(new AppError('payload_too_large', `请求内容过大（上限 ${Math.round(limit / 1024)} KB）`))
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** A bounded body read as JSON; not JSON is the caller's mistake, in Chinese. */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const raw = await readBody(req, limit)
  try {
    return JSON.parse(raw.toString('utf8') || 'null')
  } catch {
    throw new AppError('invalid_input', '请求内容不是有效的 JSON', { _: '请求内容不是有效的 JSON' })
  }
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization
  if (!h) return undefined
  const m = /^Bearer\s+(\S+)$/i.exec(h)
  return m ? m[1] : undefined
}
