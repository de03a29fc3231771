// Runs the same API cases two ways: through a function's `main`-equivalent (invoke, with a WeChat or token
// identity) and through the real HTTP gateway — each on PGlite and on PostgreSQL.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type http from 'node:http'
import type { Envelope } from '../../src/domain/api'
import { readConfig, type Config } from '../../cloud/config'
import { functions } from '../../cloud/functions/registry'
import { invoke, type Env, type Identity } from '../../cloud/functions/runtime'
import { createGateway } from '../../cloud/gateway/server'
import { STATUS_OF } from '../../cloud/gateway/http'
import { ensureDemoAccounts } from '../../cloud/services/demoAccounts'
import { loadSample, loadSampleCases } from '../../cloud/services/sampleData'
import { loadArticles } from '../../cloud/services/content/articleLoader'
import { loadCalendar } from '../../cloud/services/complaints/holidayCalendar'
import { buildEnv } from '../../cloud/functions/environment'
import { generateCases } from '../../content/sample/cases'
import { generateSample } from '../../content/sample/generate'
import { openTestDatabase, type DbKind, type TestDatabase } from './databases'

export type Via = 'main' | 'gateway'

export interface ApiClient {
  kind: DbKind
  via: Via
  env: Env
  /** Calls function `name` with `event`; `as` is a token from devLogin/login, or a WeChat openid prefixed 'wx:'. */
  call<T = any>(name: string, event: unknown, as?: string): Promise<{ status: number; body: Envelope<T> }>
  login(account: string): Promise<string>
  /** The raw gateway URL (gateway only). */
  url?: string
  /** The gateway's HTTP server (gateway only), for tests that watch its requests. */
  server?: http.Server
  /** The test database's own URL (PostgreSQL only), for what opens connections of its own (a build worker). */
  databaseUrl?: string
  /** The gateway's evidence store (gateway only). */
  filesDir?: string
  close(): Promise<void>
}

export const TEST_SECRET = 'test-session-secret-0123456789abcdef0123456789'
export const TEST_CONTACT_KEY = Buffer.alloc(32, 7).toString('base64')

export function testConfig(overrides: Record<string, string> = {}): Readonly<Config> {
  // SEARCH_INDEX_MAX_STALE_MS=0: every search checks the change counter, so writes made straight through services
  // in a test are seen at once.
  return readConfig({ AUTH_MODE: 'dev', DATA_DIR: '/tmp/yg-unused', SESSION_SECRET: TEST_SECRET, WEB_ROOT: '/tmp/yg-no-web', SEARCH_INDEX_MAX_STALE_MS: '0', CONTACT_KEY: TEST_CONTACT_KEY, ...overrides })
}


export async function openApi(kind: DbKind, via: Via, opts: { sample?: boolean; config?: Record<string, string> } = {}): Promise<ApiClient> {
  const database: TestDatabase = await openTestDatabase(kind)
  const config = testConfig(opts.config)
  if (config.authMode === 'dev') await ensureDemoAccounts(database.db)
  if (opts.sample !== false) {
    const sample = generateSample()
    await loadSample(database.db, sample)
    await loadSampleCases(database.db, generateCases(sample))
    await loadArticles(database.db, config.articlesDir)
    await loadCalendar(database.db, config.calendarDir)
  }
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-files-'))
  // Built as every process builds it. EVIDENCE_STORE=wechat in a test's config: evidence goes to the fake WeChat
  // cloud storage, as in cloud functions.
  const env: Env = buildEnv(config, database.db, { sessionSecret: config.sessionSecret, contactKey: config.contactKey, filesRoot: filesDir, prepared: database.prepared })
  await env.search?.ready()
  let server: http.Server | undefined
  let url: string | undefined
  if (via === 'gateway') {
    server = createGateway({ env, functions, webRoot: config.webRoot, files: env.files })
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }
  const client: ApiClient = {
    kind,
    via,
    env,
    url,
    server,
    databaseUrl: database.url,
    filesDir,
    async call(name, event, as) {
      if (via === 'main') {
        const identity: Identity = !as ? { kind: 'anonymous' } : as.startsWith('wx:') ? { kind: 'wechat', openid: as.slice(3) } : { kind: 'token', token: as }
        const fn = functions[name]
        if (!fn) return { status: 404, body: { ok: false, error: { code: 'not_found', message: '没有这个接口' } } }
        const body = await invoke(fn, env, event, identity)
        return { status: body.ok ? 200 : STATUS_OF[body.error.code], body }
      }
      const res = await fetch(`${url}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(as && !as.startsWith('wx:') ? { authorization: `Bearer ${as}` } : {}) },
        body: JSON.stringify(event),
      })
      return { status: res.status, body: (await res.json()) as Envelope<any> }
    },
    async login(account) {
      const r = await client.call('auth', { action: 'devLogin', account })
      if (!r.body.ok) throw new Error(`devLogin ${account} failed: ${JSON.stringify(r.body)}`)
      return (r.body.data as { token: string }).token
    },
    async close() {
      if (server) await new Promise<void>((r) => { server!.close(() => r()); server!.closeAllConnections() })
      await database.close()
      if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true })
    },
  }
  return client
}

/** Every combination the API suites run on. */
export const MATRIX: [DbKind, Via][] = [
  ['pglite', 'main'],
  ['pglite', 'gateway'],
  ['postgres', 'main'],
  ['postgres', 'gateway'],
]
