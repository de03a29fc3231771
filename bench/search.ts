// Budget 1: search at 100,000 institutions through the gateway, per query class, at 50 keep-alive connections.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { dbEnv, ensureData, resultLine, runTs, type DataInfo, type DbKind } from './data'
import { processCpuSeconds } from './cpu'
import { postJson, startGateway, stubWebRoot } from './gateway'
import { runLoad, type LoadRequest, type LoadResult } from './load'
import { buildTerms, type TermClass } from './terms'

export interface SearchOptions {
  institutions: number
  concurrency: number
  durationMs: number
  warmupMs: number
  fresh: boolean
  explain: boolean
  /** SEARCH_TERM_CACHE_RANKS for the gateway (0: every search computed from the posting lists); undefined leaves the default. */
  cacheSize?: string
  log: (s: string) => void
}

export interface ClassRun extends LoadResult {
  id: string
  label: string
  distinctTerms: number
  /** Share of the gateway's one thread it kept busy (user+system CPU / wall time). */
  gatewayCpu: number
  /** Matches of the class's first term, from a single request before the run (sanity). */
  example: { q: string; total: number }
}

export interface ProfileClass {
  id: string
  label: string
  page: { n: number; mean: number; p50: number; p95: number; max: number }
  count: { n: number; mean: number; p50: number; p95: number; max: number }
  total: { n: number; mean: number; p50: number; p95: number; max: number }
  worst: { term: string; total: number; page: number; count: number; explain: { sql: string; params: unknown[]; plan: string }[] }
}

export interface SearchReport {
  kind: DbKind
  data: DataInfo
  gatewayStartMs: number
  runs: ClassRun[]
  healthz: ClassRun
  profile?: ProfileClass[]
  profileError?: string
}


const searchReq = (event: Record<string, unknown>): LoadRequest => ({ method: 'POST', path: '/api/institutions', body: Buffer.from(JSON.stringify({ action: 'search', ...event })) })

export async function benchSearch(kind: DbKind, o: SearchOptions): Promise<SearchReport> {
  const data = await ensureData(kind, o.institutions, o.fresh, o.log)
  o.log(`${kind}: building terms from generateSample({institutions: ${o.institutions}}) …`)
  const classes = buildTerms(o.institutions)
  const webRoot = stubWebRoot()
  const env: Record<string, string> = { ...dbEnv(kind, o.institutions), AUTH_MODE: 'dev', SAMPLE_DATA: 'false', WEB_ROOT: webRoot }
  if (o.cacheSize !== undefined) env.SEARCH_TERM_CACHE_RANKS = o.cacheSize
  const gw = await startGateway(env)
  o.log(`${kind}: gateway PID ${gw.pid} on port ${gw.port}, up in ${gw.startMs} ms`)
  const runs: ClassRun[] = []
  let healthz: ClassRun
  try {
    const examples = new Map<string, { q: string; total: number }>()
    for (const c of classes) {
      const r = await postJson(gw.port, '/api/institutions', { action: 'search', q: c.terms[0] })
      if (r.status !== 200 || !r.json?.ok) throw new Error(`search ${c.terms[0]} answered ${r.status}: ${JSON.stringify(r.json).slice(0, 300)}`)
      examples.set(c.id, { q: c.terms[0], total: r.json.data.total })
    }
    // Paging: the cursor each 1-character term's first page hands out.
    const zh1 = classes.find((c) => c.id === 'zh1')!
    const paged: LoadRequest[] = []
    for (const q of zh1.terms) {
      const r = await postJson(gw.port, '/api/institutions', { action: 'search', q })
      if (r.json?.data?.nextCursor) paged.push(searchReq({ q, cursor: r.json.data.nextCursor }))
    }
    const pagingClass: TermClass & { reqs: LoadRequest[] } = { id: 'zh1_page2', label: '1-char Chinese, page 2 (cursor)', terms: paged.map((p) => p.path), reqs: paged }

    // Warm-up: every class interleaved, so no class is measured cold and none is pre-cached more than another.
    const mixed: LoadRequest[] = []
    const longest = Math.max(...classes.map((c) => c.terms.length))
    for (let i = 0; i < longest; i++) for (const c of classes) mixed.push(searchReq({ q: c.terms[(i * 7 + 3) % c.terms.length] }))
    o.log(`${kind}: warm-up ${o.warmupMs} ms`)
    await runLoad({ port: gw.port, concurrency: o.concurrency, durationMs: o.warmupMs, maxRequests: 1_000_000, requests: mixed })

    const measure = async (id: string, label: string, requests: LoadRequest[], distinctTerms: number, example: { q: string; total: number }) => {
      const c0 = processCpuSeconds(gw.pid)
      const t0 = Date.now()
      const r = await runLoad({ port: gw.port, concurrency: o.concurrency, durationMs: o.durationMs, maxRequests: 2_000_000, requests })
      const gatewayCpu = (processCpuSeconds(gw.pid) - c0) / ((Date.now() - t0) / 1000)
      const run: ClassRun = { id, label, distinctTerms, gatewayCpu, example, ...r }
      o.log(
        `${kind}: ${label.padEnd(34)} p50 ${r.p50.toFixed(1).padStart(6)}  p95 ${r.p95.toFixed(1).padStart(6)}  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${r.rps.toFixed(0).padStart(6)} req/s  errors ${r.errors}  gateway CPU ${(gatewayCpu * 100).toFixed(0)} %`,
      )
      return run
    }
    for (const c of classes) runs.push(await measure(c.id, c.label, c.terms.map((q) => searchReq({ q })), c.terms.length, examples.get(c.id)!))
    runs.push(await measure(pagingClass.id, pagingClass.label, pagingClass.reqs, pagingClass.reqs.length, { q: zh1.terms[0], total: examples.get('zh1')!.total }))
    healthz = await measure('healthz', 'GET /healthz', [{ method: 'GET', path: '/healthz' }], 1, { q: '', total: 0 })
  } catch (e) {
    o.log(`${kind}: gateway output:\n${gw.log().slice(-2000)}`)
    throw e
  } finally {
    await gw.stop()
    fs.rmSync(webRoot, { recursive: true, force: true })
  }

  const report: SearchReport = { kind, data, gatewayStartMs: gw.startMs, runs, healthz: healthz! }
  if (o.explain) {
    o.log(`${kind}: profiling the store's statements on one connection (EXPLAIN ANALYZE of the slowest term per class) …`)
    const file = path.join(os.tmpdir(), `yg-bench-profile-${process.pid}.json`)
    const profClasses = [...classes.map((c) => ({ id: c.id, label: c.label, terms: c.terms })), { id: 'zh1_page2', label: '1-char Chinese, page 2 (offset 20)', terms: zh1Terms(classes), offset: 20 }]
    fs.writeFileSync(file, JSON.stringify({ classes: profClasses, termsPerClass: 40 }))
    try {
      const out = await runTs(['bench/dbtool.ts', 'profile', file], dbEnv(kind, o.institutions))
      report.profile = resultLine<ProfileClass[]>(out)
    } catch (e) {
      report.profileError = e instanceof Error ? e.message : String(e)
      o.log(`${kind}: profile failed: ${report.profileError.slice(0, 500)}`)
    } finally {
      fs.rmSync(file, { force: true })
    }
  }
  return report
}

const zh1Terms = (classes: TermClass[]) => classes.find((c) => c.id === 'zh1')!.terms
