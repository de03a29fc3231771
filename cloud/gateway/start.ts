// `npm start`: the demo (AUTH_MODE=dev by default there) or a self-hosted deployment. With GATEWAY_PROCESSES > 1 this
// file runs as the cluster's primary (forks, nothing else) and again in every worker (serves).
import cluster from 'node:cluster'
import fs from 'node:fs'
import path from 'node:path'
import { spawnSync } from 'node:child_process'
import { ConfigError, readConfig, type Config } from '../config'
import { boot } from './boot'
import { announceReady, runPrimary, runsOnceJobs } from './cluster'

const log = (line: string) => console.log(line)

function startedLine(config: Readonly<Config>, url: string): string {
  const processes = config.gatewayProcesses > 1 ? `，${config.gatewayProcesses} 个网关进程` : ''
  return `阳光校培已启动：${url}  （数据库：${config.databaseUrl ? 'PostgreSQL' : `PGlite ${config.dataDir}`}，登录模式：${config.authMode}${processes}）`
}

async function primary(config: Readonly<Config>) {
  const { url, stopped } = await runPrimary(config.gatewayProcesses, log)
  log(startedLine(config, url))
  process.exit(await stopped)
}

async function serve(config: Readonly<Config>) {
  const prepareWeb = () => {
    if (fs.existsSync(path.join(config.webRoot, 'index.html'))) return
    console.log('首次启动：正在构建 H5 页面（约半分钟）…')
    const r = spawnSync('npm', ['run', 'build:h5'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
    if (r.status !== 0) throw new Error('H5 build failed')
  }
  const running = await boot(config, { log, prepareWeb, runOnceJobs: runsOnceJobs() })
  if (cluster.isWorker) announceReady(running.url)
  else log(startedLine(config, running.url))
  const shutdown = () => {
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

async function main() {
  const config = readConfig()
  await (config.gatewayProcesses > 1 && cluster.isPrimary ? primary(config) : serve(config))
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? `配置错误：${e.message}` : e)
  process.exit(1)
})
