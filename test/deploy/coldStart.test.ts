// Issue 12, point 5: a bundled `institutions` function started cold (a fresh Node process, as a WeChat instance) gives
// the right first answer for every search shape, without building an index on the way and without loading pinyin-pro
// unless the term is pinyin. How long that takes is measured by `npm run bench -- --only cold`, not asserted here.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { openTestDatabase, type TestDatabase } from '../support/databases'
import { loadSample } from '../../cloud/services/sampleData'
import { generateSample } from '../../content/sample/generate'
import { search } from '../../cloud/services/institutions'
import { callCold } from '../../cloud/deploy/coldStart'
import type { AddressInfo } from 'node:net'
import { readConfig } from '../../cloud/config'
import { buildEnv } from '../../cloud/functions/environment'
import { functions } from '../../cloud/functions/registry'
import { createGateway } from '../../cloud/gateway/server'

const root = path.resolve(__dirname, '../..')

describe('a bundled institutions function started cold, on PostgreSQL', () => {
  // A folder of its own: the other deploy test rebuilds cloud/dist while this one may run.
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-cold-'))
  const fnDir = path.join(out, 'institutions')
  let db: TestDatabase
  let env: Record<string, string>
  beforeAll(async () => {
    execFileSync('npx', ['tsx', 'cloud/deploy/bundle.ts', '--out', out], { cwd: root, stdio: 'pipe' })
    db = await openTestDatabase('postgres')
    await loadSample(db.db, generateSample())
    env = { DATABASE_URL: db.url!, DATA_DIR: path.join(out, 'data') }
  }, 120_000)
  afterAll(async () => {
    await db?.close()
    fs.rmSync(out, { recursive: true, force: true })
  })

  it('when build:cloud runs, then pinyin-pro is a file beside index.js, not inside it', () => {
    const index = fs.readFileSync(path.join(fnDir, 'index.js'), 'utf8')
    const side = fs.readFileSync(path.join(fnDir, 'pinyin-pro.js'), 'utf8')
    expect(index).toContain('"./pinyin-pro.js"')
    // A message of pinyin-pro's own marks its code (booleans: a failure should not print 800 KiB).
    const marker = 'The first param of pinyin is error'
    expect({ side: side.includes(marker), index: index.includes(marker) }).toEqual({ side: true, index: false })
    expect(index.length).toBeLessThan(side.length)
  })

  it("when build:cloud runs, then pg's socket is Node's without asking: no Cloudflare probe that loads fetch at require", () => {
    const index = fs.readFileSync(path.join(fnDir, 'index.js'), 'utf8')
    // pg's probe constructs a Response (undici's fetch loaded on Node 18+, ~40 ms of the require); its test string marks it.
    expect(index.includes('Cloudflare-Workers')).toBe(false)
    expect(index.includes('pg-cloudflare')).toBe(false)
  })

  const sample = generateSample()
  const somewhere = sample.institutions.find((i) => i.status === 'approved')!
  const shapes: [string, Record<string, unknown>][] = [
    ['a Chinese term', { q: '舞蹈' }],
    ['the filtered home list (no text)', { district: somewhere.district, category: somewhere.category, status: 'approved' }],
    ['nearby, nearest first', { lat: somewhere.lat, lng: somewhere.lng, sort: 'distance' }],
    ['a licence number prefix', { q: somewhere.uscc.slice(0, 10) }],
  ]

  it.each(shapes)('when the first call is %s, then it answers what SQL answers, builds no index and leaves pinyin-pro unloaded', async (_, input) => {
    const expected = await search(db.db, input)
    expect(expected.items.length).toBeGreaterThan(0)
    // Lingers 1.5 s after answering: with a build started by the first search, the index's "ready" line (a few
    // hundred rows: well under a second) would be in stderr by then.
    const cold = await callCold(fnDir, { action: 'search', ...input }, env, { lingerMs: 1500 })
    expect(cold.answer).toEqual({ ok: true, data: expected })
    expect(cold.stderr).not.toContain('[search index]')
    expect(cold.loaded).toEqual(['index.js'])
  })

  // The SQL path returns each hit's stored pinyin and initials, so its highlights are split from them
  // (searchText.syllablesFromColumns) and the dictionary is needed only for a name whose split is ambiguous.
  it('when the first call is a pinyin term, then its highlights come from the stored pinyin, pinyin-pro stays unloaded and the answer is what SQL answers', async () => {
    const input = { q: 'wudao' }
    const expected = await search(db.db, input)
    expect(expected.items[0].highlight?.length ?? 0).toBeGreaterThan(0)
    const cold = await callCold(fnDir, { action: 'search', ...input }, env)
    expect(cold.answer).toEqual({ ok: true, data: expected })
    expect(cold.loaded.sort()).toEqual(['index.js'])
  })

  // Issue 12, point 6: at a million institutions the SQL path misses 50 ms on four shapes, so an instance may ask a
  // gateway's index instead (SEARCH_SERVICE_URL). Its first answer is then the service's page.
  it('when SEARCH_SERVICE_URL names a gateway holding the index, then the cold instance answers every shape from it, what SQL answers, without pinyin-pro', async () => {
    const secret = 'cold-start-search-service-secret-0123456789'
    const serviceEnv = buildEnv(readConfig({ AUTH_MODE: 'dev', DATA_DIR: path.join(out, 'service'), WEB_ROOT: out, SEARCH_SERVICE_SECRET: secret, SEARCH_INDEX_MAX_STALE_MS: '0' }), db.db)
    await serviceEnv.search!.ready()
    const server = createGateway({ env: serviceEnv, functions, webRoot: out, files: serviceEnv.files })
    let asked = 0
    server.on('request', (req) => {
      if (req.url === '/internal/search') asked++
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      for (const [name, input] of [...shapes, ['a pinyin term', { q: 'wudao' }] as [string, Record<string, unknown>]]) {
        const expected = await search(db.db, input)
        const before = asked
        const cold = await callCold(fnDir, { action: 'search', ...input }, { ...env, SEARCH_SERVICE_URL: url, SEARCH_SERVICE_SECRET: secret })
        expect({ name, answer: cold.answer, asked: asked - before, loaded: cold.loaded }).toEqual({ name, answer: { ok: true, data: expected }, asked: 1, loaded: ['index.js'] })
      }
    } finally {
      await new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      })
      await serviceEnv.search!.stop()
    }
  })
})
