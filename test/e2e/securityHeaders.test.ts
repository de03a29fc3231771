// Issue 8.11: the H5 build works under the gateway's Content-Security-Policy (no violation on any page visited here
// or in any other e2e suite: startE2E collects them and close() fails on one), the headers are there on the real
// build, the app cannot be framed, and the favicon is served.
import { settledTexts, startE2E, type E2E } from '../support/browser'

describe('security headers on the H5 build (Chromium)', () => {
  let e: E2E
  beforeAll(async () => {
    e = await startE2E()
  })
  afterAll(async () => {
    await e?.close()
  })

  it('when the app and its files are fetched, then every answer carries the headers', async () => {
    const html = await fetch(`${e.app.url}/`)
    const csp = html.headers.get('content-security-policy')!
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/)
    expect(csp).not.toContain("'unsafe-eval'")
    const scripts = [...(await html.text()).matchAll(/src="(\/js\/[^"]+)"/g)].map((m) => m[1])
    expect(scripts.length).toBeGreaterThan(0)
    for (const route of ['/', ...scripts, '/favicon.ico', '/healthz']) {
      const res = await fetch(`${e.app.url}${route}`)
      expect([route, res.status]).toEqual([route, 200])
      expect(res.headers.get('x-frame-options')).toBe('DENY')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      await res.arrayBuffer()
    }
    const icon = await fetch(`${e.app.url}/favicon.ico`)
    expect(icon.headers.get('content-type')).toBe('image/x-icon')
  })

  it('when the pages are visited, then they render under the policy with no violation', async () => {
    const institution = await e.app.env.db.selectFrom('institutions').select(['id']).where('status', '=', 'approved').orderBy('id').executeTakeFirstOrThrow()
    const anyCase = await e.app.env.db.selectFrom('violation_cases').select(['id']).orderBy('id').executeTakeFirstOrThrow()
    const article = await e.app.env.db.selectFrom('articles').select(['slug']).orderBy('slug').executeTakeFirstOrThrow()
    const routes = [
      '/pages/index/index',
      '/pages/explore/index',
      '/pages/report/index',
      '/pages/mine/index',
      `/pages/institution/index?id=${institution.id}`,
      '/packages/verify/index',
      `/packages/read/article?slug=${article.slug}`,
      `/packages/read/case?id=${anyCase.id}`,
      '/packages/read/prepaid',
      '/packages/read/stats',
    ]
    for (const route of routes) {
      await e.open(route)
      // Rendered: the page has text, and Taro's inline script (allowed by its hash) pinned the root font size.
      await e.page.waitForFunction(() => document.querySelector('.taro_page:not(.taro_page_shade)')?.textContent?.trim(), null, { timeout: 15_000 })
      expect([route, await e.page.evaluate(() => document.documentElement.style.fontSize)]).toEqual([route, '20px'])
    }
    await e.open('/pages/index/index')
    await e.view().locator('input').first().fill('舞蹈')
    await e.view().locator('.yg-item').first().waitFor({ timeout: 15_000 })
    await e.shot('e2e-csp-search')
    expect(e.cspViolations).toEqual([])
  })

  it('when a signed-in citizen opens 我的举报, then the demo login and the list work under the policy', async () => {
    await e.open('/packages/report/mine')
    await e.view().locator('.yg-gate').waitFor({ timeout: 15_000 })
    await e.view().locator('.yg-button', { hasText: '以示例市民身份登录' }).click()
    await e.page.waitForFunction(() => !!localStorage.getItem('session:token'), null, { timeout: 15_000 })
    expect(await settledTexts(e.view().locator('.yg-gate'), [])).toEqual([])
    expect(e.cspViolations).toEqual([])
  })

  it('when something injects an inline script, then the policy blocks it and the collector sees it', async () => {
    // The check on the other pages is only as good as the collector: prove it hears a real violation.
    await e.open('/pages/index/index')
    const ran = await e.page.evaluate(async () => {
      const w = window as unknown as { __ygInjected?: boolean }
      const el = document.createElement('script')
      el.textContent = 'window.__ygInjected = true'
      document.body.appendChild(el)
      await new Promise((r) => setTimeout(r, 200))
      return !!w.__ygInjected
    })
    expect(ran).toBe(false)
    await e.page.waitForTimeout(300)
    const blocked = e.cspViolations.filter((v) => v.startsWith('script-src-elem blocked inline'))
    expect(blocked.length).toBe(1)
    e.cspViolations.splice(0, e.cspViolations.length, ...e.cspViolations.filter((v) => !blocked.includes(v) && !/inline script/i.test(v)))
    expect(e.cspViolations).toEqual([])
  })

  it('when a page frames the app, then the browser refuses to show it', async () => {
    // The framing page is the app's own origin (a page elsewhere may not reach a loopback server at all in Chromium):
    // frame-ancestors 'none' refuses even that, so the frame stays Chromium's error page and the app never runs in it.
    await e.open('/pages/index/index')
    await e.page.evaluate((src) => {
      const f = document.createElement('iframe')
      f.id = 'yg-framed'
      f.src = src
      document.body.appendChild(f)
    }, `${e.app.url}/#/pages/report/index`)
    const frame = (await (await e.page.waitForSelector('#yg-framed', { state: 'attached' })).contentFrame())!
    await frame.waitForLoadState('load', { timeout: 15_000 })
    await e.page.waitForTimeout(1000)
    expect(frame.url()).toMatch(/^chrome-error:/)
    expect(await frame.locator('#app').count()).toBe(0)
    // Chromium says why in the console; that report is the policy working, not the app breaking it.
    const refused = e.cspViolations.filter((v) => v.includes("frame-ancestors 'none'"))
    expect(refused.length).toBeGreaterThan(0)
    e.cspViolations.splice(0, e.cspViolations.length, ...e.cspViolations.filter((v) => !refused.includes(v)))
    expect(e.cspViolations).toEqual([])
  })
})
