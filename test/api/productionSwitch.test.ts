// Issue 8.10: a demo (AUTH_MODE=dev) and a later production gateway (AUTH_MODE=wechat) on the same database and
// SESSION_SECRET. The demo wrote its accounts, admin among them; their tokens must be no one in production.
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import type http from 'node:http'
import { functions } from '../../cloud/functions/registry'
import { invoke, type Env } from '../../cloud/functions/runtime'
import { createGateway } from '../../cloud/gateway/server'
import { buildEnv } from '../../cloud/functions/environment'
import { signToken } from '../../cloud/platform/sessionToken'
import { ensureDemoAccounts } from '../../cloud/services/demoAccounts'
import { findOrCreateWechatAccount } from '../../cloud/store/accountRepo'
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases'
import { testConfig } from '../support/harness'

describe.each(DB_KINDS)('a demo token replayed against production on %s', (kind) => {
  let database: TestDatabase
  const servers: http.Server[] = []
  let devEnv: Env
  let prodEnv: Env
  let devUrl: string
  let prodUrl: string

  async function serve(env: Env): Promise<string> {
    const server = createGateway({ env, functions, webRoot: '/tmp/yg-no-web', files: env.files })
    servers.push(server)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }
  const post = async (url: string, name: string, event: unknown, token?: string) => {
    const res = await fetch(`${url}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(event),
    })
    return { status: res.status, body: (await res.json()) as any }
  }

  beforeAll(async () => {
    database = await openTestDatabase(kind)
    await ensureDemoAccounts(database.db)
    // The same database object and the same secret: the per-process account cache is shared too.
    const dev = testConfig()
    const prod = testConfig({ AUTH_MODE: 'wechat' })
    devEnv = buildEnv(dev, database.db, { sessionSecret: dev.sessionSecret, contactKey: dev.contactKey, filesRoot: '/tmp/yg-unused-files' })
    prodEnv = buildEnv(prod, database.db, { sessionSecret: prod.sessionSecret, contactKey: prod.contactKey, filesRoot: '/tmp/yg-unused-files' })
    devUrl = await serve(devEnv)
    prodUrl = await serve(prodEnv)
  })
  afterAll(async () => {
    for (const s of servers) await new Promise<void>((r) => { s.close(() => r()); s.closeAllConnections() })
    await database?.close()
  })

  it('when the demo admin token is sent to the wechat-mode gateway, then it is unauthenticated (401, in Chinese)', async () => {
    const login = await post(devUrl, 'auth', { action: 'devLogin', account: 'admin' })
    expect(login.status).toBe(200)
    const token = login.body.data.token as string
    // The demo still accepts it (and has just cached the account).
    expect((await post(devUrl, 'auth', { action: 'me' }, token)).body.data.role).toBe('admin')
    for (const event of [{ action: 'me' }, { action: 'demo' }]) {
      const r = await post(prodUrl, 'auth', event, token)
      if (event.action === 'demo') {
        // A public action still answers; the demo is off there.
        expect(r.body).toEqual({ ok: true, data: { demo: false, accounts: [] } })
        continue
      }
      expect(r.status).toBe(401)
      expect(r.body).toEqual({ ok: false, error: { code: 'unauthenticated', message: '登录已失效，请重新登录' } })
    }
    const staffAction = await post(prodUrl, 'complaints', { action: 'get', ticketNo: 'XM20260101-0001' }, token)
    expect(staffAction.status).toBe(401)
  })

  it('when any demo account token reaches a function outside the demo, then it is no one', async () => {
    for (const account of ['citizen', 'supervisor', 'staff-education', 'admin']) {
      const login = await post(devUrl, 'auth', { action: 'devLogin', account })
      const r = await invoke(functions.auth, prodEnv, { action: 'me' }, { kind: 'token', token: login.body.data.token })
      expect(r).toEqual({ ok: false, error: { code: 'unauthenticated', message: '登录已失效，请重新登录' } })
    }
  })

  it('when a WeChat user holds a token from the same secret, then production accepts it', async () => {
    const row = await findOrCreateWechatAccount(database.db, 'o-real-parent')
    const token = signToken(prodEnv.sessionSecret!, row.id, 1)
    const r = await post(prodUrl, 'auth', { action: 'me' }, token)
    expect(r.status).toBe(200)
    expect(r.body.data).toMatchObject({ id: row.id, role: 'citizen' })
  })
})

describe('npm start outside the demo', () => {
  it('when DATABASE_URL is set and AUTH_MODE is left to npm start (dev), then it refuses to start, naming the variables', () => {
    const root = path.resolve(__dirname, '../..')
    const { AUTH_MODE: _a, DEMO_DATABASE: _d, ...rest } = process.env
    const r = spawnSync('npm', ['start', '--silent'], {
      cwd: root,
      // A server nobody listens on: should the check be missing, start fails on connecting instead of touching a database.
      env: { ...rest, DATABASE_URL: 'postgres://postgres@127.0.0.1:9/yg_prod', PORT: '0', DATA_DIR: '/tmp/yg-unused', WEB_ROOT: '/tmp/yg-no-web' },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(r.status).toBe(1)
    expect(r.stderr).toMatch(/配置错误：AUTH_MODE=dev .*DATABASE_URL is set.*DEMO_DATABASE=true/)
  }, 90_000)
})
