// The bundles WeChat DevTools would upload, loaded as WeChat loads them: require index.js, set the WX_* context
// variables, call main(event, context) — here against an embedded database prepared with the sample data.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync, spawnSync } from 'node:child_process'
import { openDatabase } from '../../cloud/store/db'
import { migrateToLatest } from '../../cloud/store/migrate'
import { loadSample } from '../../cloud/services/sampleData'
import { generateSample } from '../../content/sample/generate'

const root = path.resolve(__dirname, '../..')
const dist = path.join(root, 'cloud/dist')

/** Runs one event through a bundled function in a fresh Node process, as a WeChat function instance would. */
function callBundled(name: string, event: object, env: Record<string, string>) {
  const script = `
    const fn = require(${JSON.stringify(path.join(dist, name, 'index.js'))});
    fn.main(${JSON.stringify(event)}, {}).then((r) => { process.stdout.write(JSON.stringify(r)); process.exit(0) },
      (e) => { console.error(e); process.exit(2) });`
  const r = spawnSync(process.execPath, ['-e', script], { env: { PATH: process.env.PATH, ...env } as unknown as NodeJS.ProcessEnv, encoding: 'utf8', timeout: 60_000 })
  if (r.status !== 0) throw new Error(`bundled ${name} exited ${r.status}: ${r.stderr}`)
  return JSON.parse(r.stdout)
}

describe('bundled cloud functions', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-bundle-'))
  beforeAll(async () => {
    execFileSync('npx', ['tsx', 'cloud/deploy/bundle.ts'], { cwd: root, stdio: 'pipe' })
    const handle = await openDatabase({ dataDir })
    await migrateToLatest(handle.db)
    await loadSample(handle.db, generateSample())
    await handle.close()
  })
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }))

  it('when build:cloud runs, then each function is a folder with index.js and package.json', () => {
    for (const name of ['auth', 'institutions', 'content', 'complaints', 'files', 'staff', 'supervision']) {
      expect(fs.existsSync(path.join(dist, name, 'index.js'))).toBe(true)
      expect(JSON.parse(fs.readFileSync(path.join(dist, name, 'package.json'), 'utf8'))).toMatchObject({ name, main: 'index.js' })
    }
  })

  it('when the bundled institutions function is called with a search, then it answers from the embedded database', () => {
    const r = callBundled('institutions', { action: 'search', q: '舞蹈', userInfo: { appId: 'wx1', openId: 'o-1' } }, { DATA_DIR: dataDir, WX_OPENID: 'o-1', WX_APPID: 'wx1' })
    expect(r.ok).toBe(true)
    expect(r.data.total).toBe(generateSample().institutions.filter((i) => i.name.includes('舞蹈')).length)
  })

  it('when the bundled auth function is called inside WeChat, then the caller is the OPENID from the context', () => {
    const env = { DATA_DIR: dataDir, WX_OPENID: 'o-bundle-parent', WX_APPID: 'wx1' }
    const first = callBundled('auth', { action: 'me' }, env)
    const second = callBundled('auth', { action: 'me' }, env)
    expect(first).toMatchObject({ ok: true, data: { role: 'citizen', name: '微信用户' } })
    expect(second.data.id).toBe(first.data.id)
  })

  it('when the bundled files function is asked to register without cloud storage configured, then it says so in Chinese', () => {
    const r = callBundled('files', { action: 'register', fileId: 'cloud://x.y/evidence/0123456789abcdef0123.jpg' }, { DATA_DIR: dataDir, WX_OPENID: 'o-files', WX_APPID: 'wx1' })
    expect(r).toEqual({ ok: false, error: { code: 'unavailable', message: '未启用云存储上传，请直接上传文件' } })
  })

  it('when there is no OPENID, then me is unauthenticated in Chinese', () => {
    expect(callBundled('auth', { action: 'me' }, { DATA_DIR: dataDir })).toEqual({ ok: false, error: { code: 'unauthenticated', message: '请先登录' } })
  })

  it('when the event names no action, then the bundle answers invalid_input', () => {
    const r = callBundled('institutions', { q: 'x' }, { DATA_DIR: dataDir })
    expect(r.error.code).toBe('invalid_input')
    expect(r.error.fields).toHaveProperty('action')
  })
})
