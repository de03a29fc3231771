// Screenshots of every page of the H5 build, phone (375×812) and desktop (1280×800), into /tmp/shots/.
// Needs a gateway serving dist-h5: SHOTS_BASE=http://127.0.0.1:8091 npx tsx scripts/screenshots.ts
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type Page } from 'playwright-core'

const BASE = (process.env.SHOTS_BASE || 'http://127.0.0.1:8080').replace(/\/+$/, '')
const OUT = process.env.SHOTS_DIR || '/tmp/shots'
const host = new URL(BASE).hostname
const DIST_H5 = path.resolve(__dirname, '..', 'dist-h5')

/** JS and CSS fetched to show the first page, gzipped from dist-h5 (what a phone downloads on first open). */
async function measureFirstLoad(page: Page): Promise<void> {
  const assets = new Set<string>()
  page.on('response', (res) => {
    const p = new URL(res.url()).pathname
    if (/\.(js|css)$/.test(p)) assets.add(p)
  })
  await page.goto(`${BASE}/#/pages/index/index`)
  await stationed(page)
  let total = 0
  for (const asset of assets) {
    const file = path.join(DIST_H5, asset)
    if (existsSync(file)) total += gzipSync(readFileSync(file), { level: 9 }).length
  }
  console.log(`H5 first load: ${assets.size} files, ${(total / 1024).toFixed(1)} KiB JS+CSS gzipped`)
}

interface Shot {
  name: string
  path: string
  /** Runs after the page is stationed, before the screenshot. */
  act?: (page: Page) => Promise<void>
  /** Answer every /api call with a network failure, to see the offline state. */
  offline?: boolean
  fullPage?: boolean
}

async function firstInstitutionId(query: string, filters: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${BASE}/api/institutions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'search', ...(query ? { q: query } : {}), ...filters, limit: 1 }),
  })
  const body = (await res.json()) as { ok: boolean; data?: { items: { id: string }[] } }
  return body.data?.items[0]?.id ?? 'missing'
}

async function stationed(page: Page) {
  await page.waitForSelector('.taro_page_stationed', { timeout: 15000 })
  await page.waitForLoadState('networkidle').catch(() => undefined)
  await page.waitForTimeout(400)
}

/** Taro's H5 pages scroll either the window or the page element; scroll whichever can. */
async function scrollToBottom(page: Page) {
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => {
      window.scrollTo(0, document.body.scrollHeight)
      document.querySelectorAll<HTMLElement>('.taro_page, .taro-tabbar__panel').forEach((el) => {
        el.scrollTop = el.scrollHeight
      })
    })
    await page.waitForTimeout(700)
  }
}

async function main() {
  mkdirSync(OUT, { recursive: true })
  const detailId = await firstInstitutionId('舞蹈')
  const approvedId = await firstInstitutionId('', { status: 'approved' })
  const blacklistedId = await firstInstitutionId('', { status: 'blacklisted' })
  const suspendedId = await firstInstitutionId('', { status: 'suspended' })
  const approvedUscc = await fetch(`${BASE}/api/institutions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action: 'get', id: approvedId }),
  })
    .then((r) => r.json() as Promise<{ data?: { uscc: string } }>)
    .then((b) => b.data?.uscc ?? '')
  const shots: Shot[] = [
    { name: 'search', path: '/pages/index/index' },
    {
      name: 'search-query',
      path: '/pages/index/index',
      act: async (page) => {
        await page.locator('.yg-search__input input').fill('舞蹈')
        await page.waitForTimeout(900)
      },
    },
    {
      name: 'search-empty',
      path: '/pages/index/index',
      act: async (page) => {
        await page.locator('.yg-search__input input').fill('zzqqxx')
        await page.waitForTimeout(900)
      },
    },
    {
      name: 'search-end',
      path: '/pages/index/index',
      act: async (page) => {
        await page.locator('.yg-search__input input').fill('马术')
        await page.waitForTimeout(900)
        await scrollToBottom(page)
      },
    },
    {
      name: 'search-nearby',
      path: '/pages/index/index',
      act: async (page) => {
        await page.context().grantPermissions(['geolocation'], { origin: BASE })
        await page.context().setGeolocation({ latitude: 24.4798, longitude: 118.0894 })
        await page.locator('.yg-chip--toggle').click()
        await page.waitForTimeout(1500)
      },
    },
    {
      name: 'search-nearby-denied',
      path: '/pages/index/index',
      act: async (page) => {
        await page.context().clearPermissions()
        await page.locator('.yg-chip--toggle').click()
        await page.waitForTimeout(1500)
      },
    },
    { name: 'search-offline', path: '/pages/index/index', offline: true },
    { name: 'detail', path: `/pages/institution/index?id=${detailId}` },
    { name: 'detail-approved', path: `/pages/institution/index?id=${approvedId}` },
    { name: 'detail-blacklisted', path: `/pages/institution/index?id=${blacklistedId}` },
    { name: 'detail-blacklisted-bottom', path: `/pages/institution/index?id=${blacklistedId}`, act: scrollToBottom },
    { name: 'detail-suspended', path: `/pages/institution/index?id=${suspendedId}` },
    { name: 'detail-bottom', path: `/pages/institution/index?id=${detailId}`, act: scrollToBottom },
    { name: 'search-bottom', path: '/pages/index/index', act: scrollToBottom },
    { name: 'detail-missing', path: '/pages/institution/index?id=00000000-0000-0000-0000-000000000000' },
    { name: 'verify', path: '/packages/verify/index' },
    {
      name: 'verify-invalid',
      path: '/packages/verify/index',
      act: async (page) => {
        await page.locator('.yg-verify__input input').fill('91440300708461136X')
        await page.locator('.yg-verify__submit .at-button').click()
        await page.waitForTimeout(900)
      },
    },
    {
      name: 'verify-not-found',
      path: '/packages/verify/index',
      act: async (page) => {
        await page.locator('.yg-verify__input input').fill('91440300708461136T')
        await page.locator('.yg-verify__submit .at-button').click()
        await page.waitForTimeout(900)
      },
    },
    {
      name: 'verify-found',
      path: '/packages/verify/index',
      act: async (page) => {
        await page.locator('.yg-verify__input input').fill(approvedUscc.toLowerCase())
        await page.locator('.yg-verify__submit .at-button').click()
        await page.waitForTimeout(900)
      },
    },
    { name: 'explore', path: '/pages/explore/index' },
    {
      name: 'report-prefill',
      path: `/pages/institution/index?id=${detailId}`,
      act: async (page) => {
        await page.locator('.yg-actions__item--report').click()
        await page.waitForTimeout(1200)
      },
    },
    { name: 'mine', path: '/pages/mine/index' },
    {
      name: 'mine-signed-in',
      path: '/pages/mine/index',
      act: async (page) => {
        await page.locator('.yg-mine__row').nth(3).click()
        await page.waitForTimeout(1200)
      },
    },
  ]

  const viewports = [
    { tag: 'phone', width: 375, height: 812 },
    { tag: 'desktop', width: 1280, height: 800 },
  ]
  const only = process.env.SHOTS_ONLY?.split(',')

  for (const vp of viewports) {
    const profile = mkdtempSync(path.join(tmpdir(), 'yg-shots-'))
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: vp.width, height: vp.height },
      locale: 'zh-CN',
    })
    try {
      if (vp.tag === 'phone') {
        const page = await context.newPage()
        await page.route('**/*', (route) => (new URL(route.request().url()).hostname === host ? route.continue() : route.abort()))
        await measureFirstLoad(page)
        await page.close()
      }
      for (const shot of shots) {
        if (only && !only.includes(shot.name)) continue
        const page = await context.newPage()
        await page.route('**/*', (route) => {
          const url = new URL(route.request().url())
          if (url.hostname !== host) return route.abort()
          if (shot.offline && url.pathname.startsWith('/api/')) return route.abort('internetdisconnected')
          return route.continue()
        })
        await page.goto(`${BASE}/#${shot.path}`)
        await stationed(page)
        if (shot.name === 'search') {
          const focused = await page.evaluate(() => document.activeElement?.closest('.yg-search__input') !== null)
          console.log(`search box focused on arrival: ${focused}`)
        }
        if (shot.act) await shot.act(page)
        const file = path.join(OUT, `${shot.name}-${vp.tag}.png`)
        await page.screenshot({ path: file, fullPage: shot.fullPage ?? false })
        console.log(file)
        await page.close()
      }
    } finally {
      await context.close()
      rmSync(profile, { recursive: true, force: true })
    }
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
