// Brings up everything `npm start` serves: environment, demo accounts and sample data, and the HTTP gateway.
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import type http from 'node:http'
import type { Config } from '../config'
import { openEnvironment } from '../functions/environment'
import { functions } from '../functions/registry'
import { setDefaultEnv, type Env } from '../functions/runtime'
import { ensureDemoAccounts } from '../services/demoAccounts'
import { isEmpty, loadSample, loadSampleCases } from '../services/sampleData'
import { loadArticles } from '../services/content/articleLoader'
import { describeCalendar, loadCalendar } from '../services/complaints/holidayCalendar'
import { generateCases } from '../../content/sample/cases'
import { generateSample } from '../../content/sample/generate'
import { createGateway } from './server'
import { buildInWorker } from '../services/search/buildInWorker'
import { SAVED_INDEX_DIR } from '../services/search/savedShard'
import { wechatSubscribeSender } from '../platform/subscribeMessage'
import { deliverDue } from '../services/notifications/sender'

export interface Running {
  server: http.Server
  url: string
  /** The environment it serves (tests use it to arrange data). */
  env: Env
  /** Settles once the search index is built (true) or its first build failed or was stopped (false; search stays on
   *  SQL and the next search tries again). Searches answer from SQL until then. */
  searchReady: Promise<boolean>
  stop(): Promise<void>
}

export interface BootOptions {
  log?: (line: string) => void
  /** Runs once the data directory is ours and before serving, e.g. building the H5 app when it is missing. */
  prepareWeb?: () => void
  /**
   * Whether this process does the work that must happen once per deployment, not once per process: the H5 build,
   * demo accounts and sample data, loading the calendar and articles, and the subscribe-message sender (two senders
   * would each deliver every due message). True unless this is a further worker of GATEWAY_PROCESSES > 1, which the
   * cluster starts only after the first worker has done that work.
   */
  runOnceJobs?: boolean
}

/** Delivers queued subscribe messages every few seconds, one round at a time, when WeChat is configured. */
function startNoticeSender(env: Env, log: (line: string) => void): () => Promise<void> {
  const { wxSubscribeTemplateId, wxApiBase, wxMiniprogramState } = env.config
  if (!env.wechat || !wxSubscribeTemplateId) return async () => {}
  const sender = wechatSubscribeSender({ apiBase: wxApiBase, token: env.wechat.token, state: wxMiniprogramState })
  let round: Promise<unknown> = Promise.resolve()
  const timer = setInterval(() => {
    round = round.then(() =>
      deliverDue(env.db, sender, wxSubscribeTemplateId).catch((e) => log(`订阅消息发送出错，稍后重试：${(e as Error).message}`)),
    )
  }, 5000)
  timer.unref()
  return async () => {
    clearInterval(timer)
    await round
  }
}

/** The H5 build, demo accounts, sample data, calendar and articles: once per deployment (see runOnceJobs). */
async function setUpOnce(env: Env, config: Readonly<Config>, opts: BootOptions, log: (line: string) => void): Promise<void> {
  opts.prepareWeb?.()
  if (config.authMode === 'dev') await ensureDemoAccounts(env.db)
  if (config.sampleData && (await isEmpty(env.db))) {
    const t = Date.now()
    const sample = generateSample()
    const { institutions } = await loadSample(env.db, sample)
    const cases = await loadSampleCases(env.db, generateCases(sample))
    log(`已载入示例数据：${institutions} 家机构、${cases} 条违规案例（${Date.now() - t} ms）`)
  }
  const years = await loadCalendar(env.db, config.calendarDir)
  if (years.length) log(`办理时限日历：${describeCalendar(years)}`)
  const articles = await loadArticles(env.db, config.articlesDir)
  if (articles.created || articles.updated || articles.removed) {
    log(`文章已更新：新增 ${articles.created}，更新 ${articles.updated}，下线 ${articles.removed}`)
  }
}

/** Starts the first build of the search index without waiting for it; says in the log when it starts and (through
 *  the index's own log line, with its duration and size) when it is ready. On PostgreSQL every base is built in a
 *  worker thread, so no build's garbage pauses the thread that answers; the embedded database can only be read from
 *  this thread, so there the index builds here, in slices. */
function startSearchIndex(env: Env, log: (line: string) => void): Promise<boolean> {
  if (!env.search) return Promise.resolve(false)
  log('正在构建搜索索引；构建完成前，搜索由数据库直接回答')
  const { databaseUrl, searchIndexSave, dataDir } = env.config
  const savedDir = searchIndexSave ? path.join(dataDir, SAVED_INDEX_DIR) : undefined
  return env.search.ready(databaseUrl ? buildInWorker(databaseUrl, { savedDir }) : undefined).then(
    () => true,
    () => false, // the index logged why; search stays on SQL and a later search starts another build
  )
}

export async function boot(config: Readonly<Config>, opts: BootOptions = {}): Promise<Running> {
  const log = opts.log ?? (() => {})
  const env = await openEnvironment(config)
  const runOnceJobs = opts.runOnceJobs ?? true
  try {
    if (runOnceJobs) await setUpOnce(env, config, opts, log)
  } catch (e) {
    await env.handle.close()
    throw e
  }
  // A long-running server builds its search index, but listens first: at 1,000,000 institutions the build takes
  // ~90 s, and /healthz, sign-in, reports and the workbench must not wait for it. Until it is ready, searches answer
  // from SQL (SearchIndex.current returns nothing while it has no index). A cloud function never builds one.
  const searchReady = startSearchIndex(env, log)
  setDefaultEnv(Promise.resolve(env))
  const stopSender = runOnceJobs ? startNoticeSender(env, log) : async () => {}
  const server = createGateway({ env, functions, webRoot: config.webRoot, files: env.files })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => resolve())
  })
  const { port } = server.address() as AddressInfo
  let stopped = false
  return {
    server,
    env,
    searchReady,
    url: `http://${config.host}:${port}`,
    async stop() {
      if (stopped) return
      stopped = true
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      setDefaultEnv(undefined)
      // A build still running would read from a closed pool: stop it at its next slice, and wait for it.
      await env.search?.stop()
      await searchReady
      await stopSender()
      await env.handle.close()
    },
  }
}
