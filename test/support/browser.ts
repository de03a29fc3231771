// Real Chromium (Debian's) driven by playwright-core against the real gateway serving the production H5 build,
// with an embedded database holding the sample data. Requests anywhere but the local server are blocked.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { readConfig } from '../../cloud/config'
import { boot, type Running } from '../../cloud/gateway/boot'

export const SHOTS_DIR = path.resolve(__dirname, '../../test-results/screenshots')

export interface E2E {
  app: Running
  context: BrowserContext
  /**
   * Every Content-Security-Policy violation any page of the context met (securitypolicyviolation events and Chromium's
   * console errors). close() fails the suite when one is left: the H5 build must work under the gateway's policy.
   */
  cspViolations: string[]
  page: Page
  /** The page on top of the stack (Taro H5 keeps earlier pages in the DOM, hidden with taro_page_shade). */
  view(): Locator
  /** Opens a route of the H5 app (hash router) and waits until the page has slid in. */
  open(route: string): Promise<void>
  shot(name: string): Promise<string>
  close(): Promise<void>
}

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']

export interface E2EOptions {
  viewport?: { width: number; height: number }
  /** Granted to the page, as a phone that allowed location. */
  geolocation?: { latitude: number; longitude: number }
  /** The browser's time zone (an IANA name such as 'UTC'): the app must show China time whatever it is. */
  timezoneId?: string
}

/** Browser settings a person may have changed: `defaultFontSize` is Chromium's text size (16 by default). */
export interface BrowserSettings {
  defaultFontSize?: number
}

export async function startE2E(opts: E2EOptions = {}, settings: BrowserSettings = {}): Promise<E2E> {
  const root = path.resolve(__dirname, '../..')
  const webRoot = path.join(root, 'dist-h5')
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) throw new Error('dist-h5 is missing: npm test builds it (npm run build:h5)')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-e2e-'))
  const app = await boot(readConfig({ AUTH_MODE: 'dev', DATA_DIR: dataDir, PORT: '0', WEB_ROOT: webRoot, SAMPLE_DATA: 'true' }))
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-chromium-'))
  if (settings.defaultFontSize) {
    // What 设置 › 外观 › 字号 writes: the profile's default font size, read at launch.
    fs.mkdirSync(path.join(userDir, 'Default'), { recursive: true })
    fs.writeFileSync(path.join(userDir, 'Default', 'Preferences'), JSON.stringify({ webkit: { webprefs: { default_font_size: settings.defaultFontSize } } }))
  }
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: opts.viewport ?? { width: 375, height: 812 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    ...(opts.geolocation ? { geolocation: opts.geolocation, permissions: ['geolocation'] } : {}),
    ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
  })
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url())
    return url.origin === app.url || url.protocol === 'data:' || url.protocol === 'blob:' ? route.continue() : route.abort()
  })
  const cspViolations: string[] = []
  await context.exposeBinding('__ygCspViolation', (_source, line: string) => void cspViolations.push(line))
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __ygCspViolation?: (line: string) => void }).__ygCspViolation
      report?.(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile || location.href}:${e.lineNumber}`)
    })
  })
  context.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) cspViolations.push(`console: ${msg.text()}`)
  })
  const page = context.pages()[0] ?? (await context.newPage())
  fs.mkdirSync(SHOTS_DIR, { recursive: true })
  return {
    app,
    context,
    cspViolations,
    page,
    view: () => page.locator('.taro_page.taro_page_stationed:not(.taro_page_shade)').last(),
    async open(route) {
      // A fresh document each time: a hash-only change would stack pages on top of earlier ones.
      await page.goto('about:blank')
      await page.goto(`${app.url}/#${route}`)
      await page.locator('.taro_page.taro_page_stationed:not(.taro_page_shade)').last().waitFor({ timeout: 30_000 })
    },
    async shot(name) {
      const file = path.join(SHOTS_DIR, `${name}.png`)
      await page.screenshot({ path: file })
      return file
    },
    async close() {
      await context.close()
      await app.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
      fs.rmSync(userDir, { recursive: true, force: true })
      if (cspViolations.length) throw new Error(`the H5 app broke the gateway's Content-Security-Policy:\n${cspViolations.join('\n')}`)
    },
  }
}

/**
 * The texts of `locator`'s matches, once they equal `expected` (or after 5 s, whatever they are then), for asserting
 * what a tap leads to: the page re-renders a moment after the tap, not within it.
 */
export async function settledTexts(locator: Locator, expected: string[]): Promise<string[]> {
  const until = Date.now() + 5000
  let got = await locator.allInnerTexts()
  while (JSON.stringify(got) !== JSON.stringify(expected) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50))
    got = await locator.allInnerTexts()
  }
  return got
}
