// Issue 8.11: every gateway answer forbids framing and sniffing and sends no referrer; the app's HTML has a policy
// that allows exactly its own inline script (by hash), and everything else is locked down.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openApi, type ApiClient } from '../support/harness'

const INLINE = '!function(n){n.documentElement.style.fontSize="20px"}(document);'
const sha = (s: string) => `'sha256-${crypto.createHash('sha256').update(s).digest('base64')}'`

describe('security headers from the gateway', () => {
  let api: ApiClient
  const web = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-web-'))
  beforeAll(async () => {
    fs.writeFileSync(path.join(web, 'index.html'), `<!doctype html><title>阳光校培</title><script>${INLINE}</script><script src="/js/app.js"></script>`)
    fs.mkdirSync(path.join(web, 'js'))
    fs.writeFileSync(path.join(web, 'js', 'app.js'), 'console.log(1)')
    fs.copyFileSync(path.resolve(__dirname, '../../src/assets/favicon.ico'), path.join(web, 'favicon.ico'))
    api = await openApi('pglite', 'gateway', { sample: false, config: { WEB_ROOT: web } })
  })
  afterAll(async () => {
    await api?.close()
    fs.rmSync(web, { recursive: true, force: true })
  })

  const ROUTES: [string, RequestInit | undefined, number][] = [
    ['/', undefined, 200],
    ['/index.html', undefined, 200],
    ['/some/client/route', undefined, 200],
    ['/js/app.js', undefined, 200],
    ['/favicon.ico', undefined, 200],
    ['/missing.png', undefined, 404],
    ['/healthz', undefined, 200],
    ['/api/auth', { method: 'POST', body: '{"action":"demo"}', headers: { 'content-type': 'application/json' } }, 200],
    ['/api/auth', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } }, 400],
    ['/api/nothing', { method: 'POST', body: '{}' }, 404],
    ['/api/auth', { method: 'GET' }, 400],
    ['/files', { method: 'GET' }, 400],
    ['/files/00000000-0000-4000-8000-000000000000?exp=1&sig=x', undefined, 403],
  ]

  it.each(ROUTES)('when %s is asked (%j), then the answer forbids framing, sniffing and referrers', async (route, init, status) => {
    const res = await fetch(`${api.url}${route}`, init)
    expect(res.status).toBe(status)
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('permissions-policy')).toContain('geolocation=(self)')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toMatch(/(object-src|default-src) 'none'/)
    await res.arrayBuffer()
  })

  it('when the app is opened, then its policy allows its own inline script by hash and nothing inline besides', async () => {
    const csp = (await fetch(`${api.url}/`)).headers.get('content-security-policy')!
    const directives = Object.fromEntries(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]))
    expect(directives['script-src']).toEqual(["'self'", sha(INLINE)])
    expect(directives['default-src']).toEqual(["'self'"])
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'blob:'])
    expect(csp).not.toContain('unsafe-eval')
  })

  it('when an answer is not the app, then nothing in it may run', async () => {
    for (const route of ['/healthz', '/js/app.js']) {
      const csp = (await fetch(`${api.url}${route}`)).headers.get('content-security-policy')!
      expect(csp).toContain("default-src 'none'")
      expect(csp).toContain('sandbox')
    }
  })

  it('when /favicon.ico is asked, then the app icon comes back as an icon', async () => {
    const res = await fetch(`${api.url}/favicon.ico`)
    expect(res.headers.get('content-type')).toBe('image/x-icon')
    const body = Buffer.from(await res.arrayBuffer())
    expect(body.subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]))
  })
})
