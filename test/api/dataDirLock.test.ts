// PGlite has no lock of its own; two processes on one directory would silently lose writes.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { openDatabase } from '../../cloud/store/db'

const root = path.resolve(__dirname, '../..')

describe('one process per embedded data directory', () => {
  it('when a second process opens a directory already in use, then it is refused with a clear message and nothing is touched', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-lock-'))
    const handle = await openDatabase({ dataDir })
    try {
      const r = spawnSync('npx', ['tsx', 'cloud/cli/migrate.ts'], { cwd: root, env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 })
      expect(r.status).toBe(1)
      expect(r.stderr).toContain(`正被另一个进程（PID ${process.pid}）使用`)
      const r2 = spawnSync('npx', ['tsx', 'cloud/gateway/start.ts'], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, PORT: '0', WEB_ROOT: dataDir, AUTH_MODE: 'dev' }, encoding: 'utf8', timeout: 60_000 })
      expect(r2.status).toBe(1)
      expect(r2.stderr).toContain('正被另一个进程')
    } finally {
      await handle.close()
    }
    // Released on close: the next process gets in.
    const again = await openDatabase({ dataDir })
    await again.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('when the lock file was left by a process that has died, then it is taken over', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-lock-'))
    fs.writeFileSync(path.join(dataDir, 'pglite.lock'), '999999999')
    const handle = await openDatabase({ dataDir })
    expect(fs.readFileSync(path.join(dataDir, 'pglite.lock'), 'utf8')).toBe(String(process.pid))
    await handle.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })
})
