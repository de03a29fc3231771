// `npm start`: the demo (AUTH_MODE=dev by default there) or a self-hosted deployment.
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { ConfigError, readConfig } from '../config'
import { boot } from './boot'

async function main() {
  const config = readConfig()
  const prepareWeb = () => {
    if (fs.existsSync(path.join(config.webRoot, 'index.html'))) return
    console.log('首次启动：正在构建 H5 页面（约半分钟）…')
    const r = spawnSync('npm', ['run', 'build:h5'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
    if (r.status !== 0) throw new Error('H5 build failed')
  }
  const running = await boot(config, { log: (line) => console.log(line), prepareWeb })
  console.log(`阳光校培已启动：${running.url}  （数据库：${config.databaseUrl ? 'PostgreSQL' : `PGlite ${config.dataDir}`}，登录模式：${config.authMode}）`)
  const shutdown = () => {
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? `配置错误：${e.message}` : e)
  process.exit(1)
})
