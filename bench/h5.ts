// Budget 3: the H5 app's first load, gzipped JS + CSS actually received (≤ 250 KiB), served by the real gateway.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { chromium } from 'playwright-core'
import { ROOT, startGateway } from './gateway'
import { npmRun } from './sizes'

export interface H5File {
  url: string
  type: 'js' | 'css'
  /** Body bytes as received (compressed when the gateway gzipped it), from the browser's own accounting. */
  transferBytes: number
  encoding: string
  /** Decoded size, and our own gzip -9 of it (a cross-check of the transfer size). */
  rawBytes: number
  gzip9Bytes: number
}

export interface H5Report {
  buildSeconds: number
  files: H5File[]
  totalTransfer: number
  totalRaw: number
  totalGzip9: number
  stationedMs: number
  otherRequests: number
}

export async function benchH5(log: (s: string) => void): Promise<H5Report> {
  log('h5: npm run build:h5 (production) …')
  const { seconds } = await npmRun('build:h5')
  log(`h5: built in ${seconds.toFixed(1)} s`)
  const webRoot = path.join(ROOT, 'dist-h5')
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) throw new Error('dist-h5/index.html missing after build:h5')
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-bench-h5-'))
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-bench-chromium-'))
  const gw = await startGateway({ DATA_DIR: dataDir, AUTH_MODE: 'dev', SAMPLE_DATA: 'true', WEB_ROOT: webRoot, DATABASE_URL: '' })
  log(`h5: gateway PID ${gw.pid} on port ${gw.port}`)
  const origin = `http://127.0.0.1:${gw.port}`
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 375, height: 812 },
  })
  try {
    await context.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()))
    const page = context.pages()[0] ?? (await context.newPage())
    const pending: Promise<H5File | undefined>[] = []
    let otherRequests = 0
    page.on('response', (res) => {
      const url = res.url()
      const p = new URL(url).pathname
      const type = res.request().resourceType() === 'script' || p.endsWith('.js') ? 'js' : res.request().resourceType() === 'stylesheet' || p.endsWith('.css') ? 'css' : undefined
      if (!type) {
        otherRequests++
        return
      }
      pending.push(
        (async () => {
          await res.finished()
          const sizes = await res.request().sizes()
          const body = await res.body()
          const encoding = (await res.allHeaders())['content-encoding'] ?? 'identity'
          return { url: p, type, transferBytes: sizes.responseBodySize, encoding, rawBytes: body.length, gzip9Bytes: zlib.gzipSync(body, { level: 9 }).length } satisfies H5File
        })(),
      )
    })
    const t0 = Date.now()
    await page.goto(origin + '/', { waitUntil: 'load', timeout: 60_000 })
    await page.waitForSelector('.taro_page_stationed', { timeout: 60_000 })
    const stationedMs = Date.now() - t0
    await page.waitForLoadState('networkidle', { timeout: 60_000 })
    await page.waitForTimeout(500)
    const files = (await Promise.all(pending)).filter((f): f is H5File => !!f).sort((a, b) => b.transferBytes - a.transferBytes)
    const sum = (k: 'transferBytes' | 'rawBytes' | 'gzip9Bytes') => files.reduce((s, f) => s + f[k], 0)
    const report: H5Report = { buildSeconds: seconds, files, totalTransfer: sum('transferBytes'), totalRaw: sum('rawBytes'), totalGzip9: sum('gzip9Bytes'), stationedMs, otherRequests }
    for (const f of files) log(`h5: ${f.url.padEnd(48)} ${(f.transferBytes / 1024).toFixed(1).padStart(7)} KiB received (${f.encoding}), ${(f.rawBytes / 1024).toFixed(1)} KiB raw`)
    log(`h5: total ${(report.totalTransfer / 1024).toFixed(1)} KiB received, ${(report.totalRaw / 1024).toFixed(1)} KiB raw; page stationed after ${stationedMs} ms`)
    return report
  } finally {
    await context.close()
    await gw.stop()
    fs.rmSync(profile, { recursive: true, force: true })
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
