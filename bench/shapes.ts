// Issue 12: every query shape at N institutions on PostgreSQL, from the in-memory index (per-term cache off) and
// from the SQL path (SEARCH_INDEX=false), each shape's events distinct (bench/terms.ts buildShapes), /healthz in
// the same run for a ratio, and the load generator's own CPU so a saturated generator shows.
// `npm run bench -- --only shapes [--institutions 100000] [--duration 5]`: writes only its own section of RESULTS.md.
import fs from 'node:fs'
import pg from 'pg'
import os from 'node:os'
import path from 'node:path'
import { SAVED_INDEX_DIR } from '../cloud/services/search/savedShard'
import { dbEnv, ensureData, type DataInfo } from './data'
import { get, postJson, rssMiB, startGateway, stubWebRoot } from './gateway'
import { processCpuSeconds } from './cpu'
import { runLoad, type LoadRequest, type LoadResult } from './load'
import { buildShapes } from './terms'

export interface ShapeRun extends LoadResult {
  id: string
  label: string
  distinct: number
  gatewayCpu: number
  generatorCpu: number
  example: string
}

export interface ShapeMode {
  /** service: a gateway without an index (a cloud-function instance's stand-in) asking the index gateway's. */
  mode: 'index' | 'sql' | 'service'
  gatewayStartMs: number
  /** From spawning the gateway to its first search answer (while the index is built, from SQL). */
  firstSearchMs: number
  /** From spawning the gateway to its log saying the index is ready (index mode; the gateway listens before). */
  indexReadyMs?: number
  /** Whether the first search was answered before the index was ready. */
  firstSearchBeforeIndex?: boolean
  /** Highest RSS while starting (the index build), and while the shapes ran. */
  startPeakRssMiB: number
  runPeakRssMiB: number
  gatewayRssMiB: number
  healthz: ShapeRun
  runs: ShapeRun[]
  buildLog: string[]
  /** Index mode: the same gateway started again on the shards its first start saved (SEARCH_INDEX_SAVE). */
  restart?: { indexReadyMs: number; startPeakRssMiB: number; gatewayRssMiB: number; firstSearchMs: number; readyLine: string }
}

export interface ShapesReport {
  data: DataInfo
  concurrency: number
  durationMs: number
  load: string
  /** The server measured: its version and the memory it keeps pages in (a million's tables do not fit the default). */
  server?: string
  modes: ShapeMode[]
}

const SERVICE_SECRET = 'bench-search-service-secret-0123456789abcdef'

/** `viaService`: also measure every shape through a gateway without an index asking the index gateway's (the
 *  cloud-function deployment with SEARCH_SERVICE_URL). */
export async function benchShapes(o: { institutions: number; concurrency: number; durationMs: number; warmupMs: number; fresh: boolean; viaService?: boolean; log: (s: string) => void }): Promise<ShapesReport> {
  const load0 = os.loadavg()
  const data = await ensureData('postgres', o.institutions, o.fresh, o.log)
  const server = await serverSettings(dbEnv('postgres', o.institutions).DATABASE_URL)
  o.log(`shapes: building distinct events per shape for ${o.institutions} …`)
  const shapes = buildShapes(o.institutions, 40_000)
  const webRoot = stubWebRoot()
  const modes: ShapeMode[] = []
  const reqs = (events: Record<string, unknown>[]) => events.map((e) => ({ method: 'POST' as const, path: '/api/institutions', body: Buffer.from(JSON.stringify({ action: 'search', ...e })) }))
  // The first answer to a search a parent would send (not a warm-up event, not the term a run starts with).
  const firstEvent = shapes.find((s) => s.id === 'zh2')!.events.at(-51)!
  /** Every shape against the gateway at `port`, after a warm-up; CPU is that of `pids` together. */
  const measureShapes = async (port: number, pids: number[], mode: ShapeMode['mode']): Promise<{ healthz: ShapeRun; runs: ShapeRun[] }> => {
    const cpu = () => pids.reduce((sum, pid) => sum + processCpuSeconds(pid), 0)
    const measure = async (id: string, label: string, requests: LoadRequest[], example: string): Promise<ShapeRun> => {
      const c0 = cpu()
      const g0 = process.cpuUsage()
      const t0 = Date.now()
      const r = await runLoad({ port, concurrency: o.concurrency, durationMs: o.durationMs, maxRequests: 2_000_000, requests })
      const wall = (Date.now() - t0) / 1000
      const g = process.cpuUsage(g0)
      const run = { id, label, distinct: requests.length, example, gatewayCpu: (cpu() - c0) / wall, generatorCpu: (g.user + g.system) / 1e6 / wall, ...r }
      o.log(`shapes/${mode}: ${label.padEnd(32)} p50 ${r.p50.toFixed(1).padStart(7)} p99 ${r.p99.toFixed(1).padStart(7)} ms ${r.rps.toFixed(0).padStart(6)} req/s err ${r.errors} gw ${(run.gatewayCpu * 100).toFixed(0)} % gen ${(run.generatorCpu * 100).toFixed(0)} %`)
      return run
    }
    // Warm-up on events no shape run uses again (the tail of each list).
    const warm = shapes.flatMap((s) => reqs(s.events.slice(-50)))
    await runLoad({ port, concurrency: o.concurrency, durationMs: o.warmupMs, maxRequests: 1_000_000, requests: warm })
    const healthz = await measure('healthz', 'GET /healthz', [{ method: 'GET', path: '/healthz' }], '')
    const runs: ShapeRun[] = []
    for (const s of shapes) {
      const events = s.events.length > 100 ? s.events.slice(0, -50) : s.events
      const first = await postJson(port, '/api/institutions', { action: 'search', ...events[0] })
      const example = `${JSON.stringify(events[0])} → ${first.json?.data?.total ?? first.status}`
      runs.push(await measure(s.id, s.label, reqs(events), example))
    }
    return { healthz, runs }
  }
  try {
    for (const mode of ['index', 'sql'] as const) {
      const env: Record<string, string> = { ...dbEnv('postgres', o.institutions), AUTH_MODE: 'dev', SAMPLE_DATA: 'false', WEB_ROOT: webRoot, SEARCH_TERM_CACHE_RANKS: '0', SEARCH_INDEX: mode === 'index' ? 'true' : 'false', ...(mode === 'index' ? { SEARCH_SERVICE_SECRET: SERVICE_SECRET, SEARCH_INDEX_SAVE: 'true' } : {}) }
      // The index gateway saves its shards as a deployment does; none from an earlier run (or the other size) is there.
      const savedDir = path.join(env.DATA_DIR, SAVED_INDEX_DIR)
      if (mode === 'index') fs.rmSync(savedDir, { recursive: true, force: true })
      const gw = await startGateway(env, { timeoutMs: 600_000, waitForIndex: false })
      const ready = () => gw.log().includes('搜索索引已就绪')
      const firstStatus = (await postJson(gw.port, '/api/institutions', { action: 'search', ...firstEvent })).status
      const firstSearchMs = Date.now() - gw.spawnedAt
      const firstSearchBeforeIndex = mode === 'index' ? !ready() : undefined
      o.log(`shapes/${mode}: gateway PID ${gw.pid} up in ${gw.startMs} ms, first search ${firstStatus} at ${firstSearchMs} ms${firstSearchBeforeIndex ? ' (from SQL, index still building)' : ''}, RSS ${rssMiB(gw.pid).toFixed(0)} MiB`)
      // The gateway listens before its index is built: the shapes are measured once it is ready.
      let startPeak = gw.startPeakRssMiB
      let indexReadyMs: number | undefined
      if (mode === 'index') {
        const built = await gw.waitForIndex()
        indexReadyMs = built.readyMs
        startPeak = built.peakRssMiB
        o.log(`shapes/${mode}: index ready at ${indexReadyMs} ms (peak RSS ${startPeak.toFixed(0)} MiB)`)
      }
      let runPeak = 0
      const sampler = setInterval(() => (runPeak = Math.max(runPeak, rssMiB(gw.pid))), 250)
      try {
        const measured = await measureShapes(gw.port, [gw.pid], mode)
        modes.push({ mode, gatewayStartMs: gw.startMs, firstSearchMs, indexReadyMs, firstSearchBeforeIndex, startPeakRssMiB: startPeak, runPeakRssMiB: runPeak, gatewayRssMiB: rssMiB(gw.pid), ...measured, buildLog: gw.log().split('\n').filter((l) => l.includes('搜索索引')).slice(-3) })
        // A cloud-function instance's search at this scale: a process without an index (SEARCH_INDEX=false) asking
        // this gateway's (SEARCH_SERVICE_URL), both on these two cores; CPU is both processes'.
        if (mode === 'index' && o.viaService) {
          const front = await startGateway({ ...env, SEARCH_INDEX: 'false', SEARCH_SERVICE_URL: `http://127.0.0.1:${gw.port}`, SEARCH_SERVICE_SECRET: SERVICE_SECRET }, { timeoutMs: 120_000, waitForIndex: false })
          try {
            const firstStatus = (await postJson(front.port, '/api/institutions', { action: 'search', ...firstEvent })).status
            const firstSearchMs = Date.now() - front.spawnedAt
            o.log(`shapes/service: front gateway PID ${front.pid} up in ${front.startMs} ms, first search ${firstStatus} at ${firstSearchMs} ms`)
            const viaService = await measureShapes(front.port, [front.pid, gw.pid], 'service')
            if (/搜索服务未回答/.test(front.log())) throw new Error(`the search service did not answer some searches:\n${front.log().slice(-2000)}`)
            modes.push({ mode: 'service', gatewayStartMs: front.startMs, firstSearchMs, startPeakRssMiB: 0, runPeakRssMiB: 0, gatewayRssMiB: rssMiB(front.pid), ...viaService, buildLog: [] })
          } finally {
            await front.stop()
          }
        }
      } finally {
        clearInterval(sampler)
        await gw.stop()
      }
      if (mode === 'index') modes.find((m) => m.mode === 'index')!.restart = await restartOnSaved(env, firstEvent, o.log)
      fs.rmSync(savedDir, { recursive: true, force: true })
    }
  } finally {
    fs.rmSync(webRoot, { recursive: true, force: true })
  }
  const load1 = os.loadavg()
  return { data, concurrency: o.concurrency, durationMs: o.durationMs, load: `load average ${load0[0].toFixed(1)} before, ${load1[0].toFixed(1)} after (1 min; 2 CPUs shared with other sessions)`, server, modes }
}

/** The index gateway started again with what its first start saved: how soon it serves from its index (issue 12,
 *  point 3: the SQL path should answer only a process's first seconds). Fails the run if it built instead. */
async function restartOnSaved(env: Record<string, string>, firstEvent: Record<string, unknown>, log: (s: string) => void): Promise<NonNullable<ShapeMode['restart']>> {
  const gw = await startGateway(env, { timeoutMs: 600_000, waitForIndex: false })
  try {
    await postJson(gw.port, '/api/institutions', { action: 'search', ...firstEvent })
    const firstSearchMs = Date.now() - gw.spawnedAt
    const { readyMs: indexReadyMs, peakRssMiB: peak, lines } = await gw.waitForIndex()
    const line = lines[0]
    if (!line.includes('载入')) throw new Error(`the restarted gateway built its index instead of loading the saved one: ${line}`)
    log(`shapes/index: restarted on its saved shards, index ready at ${indexReadyMs} ms (peak RSS ${peak.toFixed(0)} MiB)`)
    return { indexReadyMs, startPeakRssMiB: peak, gatewayRssMiB: rssMiB(gw.pid), firstSearchMs, readyLine: line }
  } finally {
    await gw.stop()
  }
}

const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1))

/** The server's version and shared_buffers, as the section's header names them. */
async function serverSettings(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ v: string; b: string }>(`SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS b`)
    return `PostgreSQL ${rows[0].v.split(' ')[0]} (shared_buffers ${rows[0].b}; the gateway's connections set their own work_mem, cloud/store/serverPool.ts)`
  } finally {
    await client.end()
  }
}

/** §5: the shapes at 100,000 (budget 25 ms from the index, 100 ms from SQL). */
export function renderShapes(at: string, machine: string, r: ShapesReport | undefined, error?: string): string {
  return renderShapeSection({ marker: 'shapes', title: '5. Search shapes at national scale (issue 12)', only: 'shapes', budgets: { index: 25, sql: 100 } }, at, machine, r, error)
}

/** §12: the same shapes at 1,000,000 (issue 12, point 6: every shape p99 ≤ 50 ms), with the seed, the build and memory. */
export function renderMillion(at: string, machine: string, r: ShapesReport | undefined, error?: string): string {
  return renderShapeSection({ marker: 'million', title: '12. A million institutions (issue 12, point 6)', only: 'million', budgets: { index: 50, sql: 50 } }, at, machine, r, error)
}

function renderShapeSection(s: { marker: string; title: string; only: string; budgets: { index: number; sql: number } }, at: string, machine: string, r: ShapesReport | undefined, error?: string): string {
  const out = [`<!-- ${s.marker}:start -->`, `## ${s.title}`, '']
  if (!r) return [...out, error ? `Last run failed: ${error.slice(0, 500)}` : `Not measured yet (\`npm run bench -- --only ${s.only}\`).`, `<!-- ${s.marker}:end -->`, ''].join('\n')
  const seed = r.data.seeded ? `seeded in this run: \`npm run seed -- --institutions ${r.data.institutions}\` took ${r.data.seedSeconds?.toFixed(0)} s` : `reused${r.data.lastSeed ? `, seeded ${r.data.lastSeed.at.slice(0, 16).replace('T', ' ')} in ${r.data.lastSeed.seconds.toFixed(0)} s` : ''}`
  out.push(
    `Run ${at.replace('T', ' ').slice(0, 16)} UTC on ${machine}; ${r.load}. ${r.server ?? 'PostgreSQL 15'}, ${r.data.institutions.toLocaleString('en')} institutions (${seed}), ${r.concurrency} keep-alive connections, ${r.durationMs / 1000} s per shape, per-term cache OFF (SEARCH_TERM_CACHE_RANKS=0). ` +
      `Each shape sends its events in a fixed random order without repeating one until the list runs out ("distinct" = list length: 1-char terms, 2-char terms and filter combinations have fewer values than a run sends, so those repeat — the cache is off, so a repeat costs the same). Budget: p99 ≤ ${s.budgets.index} ms from the index, ≤ ${s.budgets.sql} ms from SQL. "gen CPU" is the load generator's own CPU (100 % = one core: at that point it, not the gateway, limits req/s).`,
    '',
  )
  for (const m of r.modes) {
    // Through the service the index answers, so the index's budget.
    const budget = s.budgets[m.mode === 'sql' ? 'sql' : 'index']
    const heading = { index: 'From the in-memory index', sql: 'From the SQL path (SEARCH_INDEX=false)', service: "Through the search service: a gateway without an index (a cloud-function instance's stand-in) asking the index gateway's" }[m.mode]
    out.push(`### ${heading}`, '')
    if (m.mode === 'service') out.push('SEARCH_INDEX=false, SEARCH_SERVICE_URL = the gateway above (POST /internal/search), both processes on the same two cores; "gateway CPU" is both together. This is how a cloud-function deployment answers at this size (issue 12, point 6).', '')
    const memory = m.startPeakRssMiB ? ` RSS peak while starting ${m.startPeakRssMiB.toFixed(0)} MiB, peak during the shapes ${m.runPeakRssMiB.toFixed(0)} MiB, after the run ${m.gatewayRssMiB.toFixed(0)} MiB.` : ` RSS after the run ${m.gatewayRssMiB.toFixed(0)} MiB.`
    const first = m.firstSearchMs ? ` First search answered ${m.firstSearchMs} ms after the process was spawned${m.firstSearchBeforeIndex ? ' (from SQL: the index was still being built)' : ''}.` : ''
    const ready = m.indexReadyMs ? ` Index ready (its log line) ${m.indexReadyMs} ms after spawn; the shapes below ran after that.` : ''
    const listens = m.mode === 'index' ? ': the gateway listens before its index is built' : ''
    out.push(`First answer (GET /healthz) ${m.gatewayStartMs} ms after spawn${listens}.${first}${ready}${memory}${m.buildLog.length ? ' ' + m.buildLog.join(' ') : ''}`, '')
    if (m.restart) {
      const r = m.restart
      out.push(`**Started again on the shards it saved** (SEARCH_INDEX_SAVE, DATA_DIR/search-index; the first start above built and saved them): index ready ${r.indexReadyMs} ms after spawn (${m.indexReadyMs ? `${(m.indexReadyMs / r.indexReadyMs).toFixed(1)}× sooner than the build` : 'the build not timed'}), first search answered ${r.firstSearchMs} ms after spawn, RSS peak while starting ${r.startPeakRssMiB.toFixed(0)} MiB, ${r.gatewayRssMiB.toFixed(0)} MiB once ready. ${r.readyLine}`, '')
    }
    out.push('| shape | example → total | distinct | requests | p50 ms | p99 ms | max ms | req/s | ÷ healthz | errors | gateway CPU | gen CPU | p99 budget |', '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|')
    for (const x of [...m.runs, m.healthz]) {
      const isH = x.id === 'healthz'
      out.push(
        `| ${x.label} | ${isH ? '–' : '`' + x.example.replace(/\|/g, '\\|') + '`'} | ${isH ? '–' : x.distinct} | ${x.requests} | ${f(x.p50)} | ${f(x.p99)} | ${f(x.max)} | ${x.rps.toFixed(0)} | ${(x.rps / m.healthz.rps).toFixed(3)} | ${x.errors} | ${(x.gatewayCpu * 100).toFixed(0)} % | ${(x.generatorCpu * 100).toFixed(0)} % | ${isH ? '–' : x.errors === 0 && x.p99 <= budget ? 'PASS' : '**FAIL**'} |`,
      )
    }
    out.push('')
  }
  out.push(`<!-- ${s.marker}:end -->`, '')
  return out.join('\n')
}

/** Replaces this bench's own section of RESULTS.md (or appends it), leaving every other section as it is. */
