// The gateway's own behaviour: health, static H5 files, routing mistakes answered in Chinese with the right status.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { openApi, type ApiClient } from '../support/harness'

describe('the HTTP gateway', () => {
  let api: ApiClient
  const web = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-web-'))
  beforeAll(async () => {
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>阳光校培</title>')
    fs.mkdirSync(path.join(web, 'js'))
    fs.writeFileSync(path.join(web, 'js', 'app.js'), 'console.log("阳光校培");'.repeat(50))
    api = await openApi('pglite', 'gateway', { sample: false, config: { WEB_ROOT: web } })
  })
  afterAll(async () => {
    await api?.close()
    fs.rmSync(web, { recursive: true, force: true })
  })
  const get = (p: string, headers: Record<string, string> = {}) => fetch(`${api.url}${p}`, { headers })

  it('when /healthz is asked, then it answers ok', async () => {
    const res = await get('/healthz')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true, data: { status: 'ok' } })
  })

  it('when the app is opened, then index.html comes back, gzipped when the browser accepts it', async () => {
    const res = await get('/', { 'accept-encoding': 'gzip' })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await res.text()).toContain('阳光校培')
    const raw = await new Promise<Buffer>((resolve) => {
      require('node:http').get(`${api.url}/js/app.js`, { headers: { 'accept-encoding': 'gzip' } }, (r: any) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => resolve(Buffer.concat(chunks)))
      })
    })
    expect(zlib.gunzipSync(raw).toString()).toContain('阳光校培')
  })

  it('when an unknown page path or a malformed escape is asked, then the app is served, never a 500', async () => {
    for (const p of ['/pages/whatever', '/%E0%A4%A', '/..%2f..%2fetc/passwd']) {
      const res = await get(p)
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('阳光校培')
    }
    expect((await get('/js/missing.js')).status).toBe(404)
  })

  it('when the API is called the wrong way, then the answer says so in Chinese with the right status', async () => {
    const cases: [string, RequestInit, number, string][] = [
      ['/api/institutions', { method: 'GET' }, 400, 'invalid_input'],
      ['/api/nope', { method: 'POST', body: '{}' }, 404, 'not_found'],
      ['/api/institutions', { method: 'POST', body: '{"action":' }, 400, 'invalid_input'],
      ['/api/institutions', { method: 'POST', body: JSON.stringify({ action: 'search', q: 'x'.repeat(300_000) }) }, 413, 'payload_too_large'],
      ['/api/auth', { method: 'POST', body: '{"action":"me"}', headers: { authorization: 'Bearer nonsense' } }, 401, 'unauthenticated'],
    ]
    for (const [p, init, status, code] of cases) {
      const res = await fetch(`${api.url}${p}`, init)
      const body = (await res.json()) as any
      expect([p, res.status, body.error.code]).toEqual([p, status, code])
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
  })
})
