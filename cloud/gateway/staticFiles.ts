// Serves the H5 build: files kept in memory with their gzip, index.html for unknown paths (client routing).
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { appCsp, type CspOptions } from './securityHeaders'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg'])

interface Cached {
  body: Buffer
  gzip?: Buffer
  type: string
  /** The Content-Security-Policy of an HTML page (its inline scripts allowed by hash). */
  csp?: string
}

export function staticHandler(root: string, cspOptions: CspOptions = {}) {
  const cache = new Map<string, Cached | null>()
  const load = (rel: string): Cached | null => {
    if (cache.has(rel)) return cache.get(rel)!
    const file = path.join(root, rel)
    let entry: Cached | null = null
    if (file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const ext = path.extname(file)
      const body = fs.readFileSync(file)
      entry = { body, type: TYPES[ext] ?? 'application/octet-stream', gzip: COMPRESSIBLE.has(ext) ? zlib.gzipSync(body, { level: 9 }) : undefined }
      if (ext === '.html') entry.csp = appCsp(body.toString('utf8'), cspOptions)
    }
    cache.set(rel, entry)
    return entry
  }
  return (req: IncomingMessage, res: ServerResponse): void => {
    let rel: string
    try {
      rel = decodeURIComponent((req.url ?? '/').split('?')[0])
    } catch {
      rel = '/' // a malformed escape is nobody's page: send the app, which shows its own not-found
    }
    if (rel.endsWith('/')) rel += 'index.html'
    let entry = load(path.normalize(rel).replace(/^(\.\.[/\\])+/, ''))
    const isAsset = /\.[a-z0-9]+$/i.test(rel) && !rel.endsWith('.html')
    if (!entry && !isAsset) entry = load('/index.html')
    if (!entry) {
      const hint = fs.existsSync(path.join(root, 'index.html')) ? '' : '（H5 页面尚未构建：请运行 npm run build:h5）'
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(`未找到该页面${hint}`)
      return
    }
    const gz = entry.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
    const body = gz ? entry.gzip! : entry.body
    res.writeHead(200, {
      'content-type': entry.type,
      'content-length': body.length,
      // Hashed bundles may be cached for long; the HTML must always be fresh.
      'cache-control': entry.type.startsWith('text/html') ? 'no-cache' : 'public, max-age=86400',
      vary: 'accept-encoding',
      ...(gz ? { 'content-encoding': 'gzip' } : {}),
      ...(entry.csp ? { 'content-security-policy': entry.csp } : {}),
    })
    res.end(req.method === 'HEAD' ? undefined : body)
  }
}
