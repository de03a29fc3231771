// PGlite has no lock of its own: two processes on one directory silently lose writes (TOOLCHAIN.md).
// So one process per data directory, enforced with an exclusive lock file holding the owner's PID.
import fs from 'node:fs'
import path from 'node:path'
import { ConfigError } from '../config'

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, 'pglite.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' })
      let released = false
      const release = () => {
        if (released) return
        released = true
        try {
          if (fs.readFileSync(file, 'utf8') === String(process.pid)) fs.unlinkSync(file)
        } catch {
          /* already gone */
        }
      }
      process.once('exit', release)
      return release
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const owner = Number(fs.readFileSync(file, 'utf8'))
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && alive(owner)) {
        throw new ConfigError(
          `数据目录 ${dataDir} 正被另一个进程（PID ${owner}）使用。嵌入式数据库同一时间只能由一个进程打开：请先停止它，或用 DATA_DIR 指定另一个目录。` +
            ` (data directory locked by PID ${owner})`,
        )
      }
      fs.unlinkSync(file) // stale: its owner is gone
    }
  }
  throw new ConfigError(`无法锁定数据目录 ${dataDir}`)
}
