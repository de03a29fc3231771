// Issue 12 point 4: does a second gateway process (GATEWAY_PROCESSES=2, node:cluster on one port) add throughput on
// this 2-core machine? institutions.search (a mix of terms and filters) at 50 connections and staff.inbox at 20,
// through 1 process and then through 2, on the same PostgreSQL database (the inbox bench's: its 907 sample
// institutions and 100,000 complaints; seeded here if missing). The load generator shares the two cores, so its own
// CPU time is reported beside each run.
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { signToken } from '../cloud/platform/sessionToken'
import { COMPLAINT_STATUSES } from '../src/domain/complaints'
import { CATEGORIES, DISTRICTS } from '../src/domain/catalog'
import { PG_ADMIN_URL } from './data'
import { startGateway, stubWebRoot } from './gateway'
import { accountIds, seed } from './inbox'
import { runLoad, type LoadRequest, type LoadResult } from './load'

const URL = PG_ADMIN_URL.replace(/\/[^/]*$/, '/yg_bench_inbox')
const SECRET = 'bench-session-secret-0123456789abcdef0123456789'

export interface GatewaysRun extends LoadResult {
  action: 'search' | 'inbox'
  processes: number
  concurrency: number
  /** CPU seconds the load generator itself used per second of the run (2 = both cores). */
  loaderCpu: number
}

export interface GatewaysReport {
  institutions: number
  complaints: number
  durationMs: number
  load: string
  nice: string
  runs: GatewaysRun[]
}

async function complaintCount(): Promise<number> {
  const c = new pg.Client({ connectionString: URL })
  try {
    await c.connect()
    return Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM complaints')).rows[0].n)
  } catch {
    return 0 // no such database yet
  } finally {
    await c.end().catch(() => {})
  }
}

async function searchRequests(): Promise<LoadRequest[]> {
  const c = new pg.Client({ connectionString: URL })
  await c.connect()
  const names = (await c.query<{ name: string }>('SELECT name FROM institutions ORDER BY md5(id) LIMIT 200')).rows.map((r) => r.name)
  await c.end()
  // Name fragments, whole names, pinyin and initials, districts and categories with and without text, limits.
  const events: Record<string, unknown>[] = []
  for (const n of names) events.push({ q: n.slice(0, 2) }, { q: n.slice(2, 6) }, { q: n })
  for (const q of ['舞', '美术', '编程', '钢琴', '英语', 'wudao', 'meishu', 'bc', 'gq', 'xiamen']) events.push({ q }, { q, limit: 50 })
  for (const district of DISTRICTS) events.push({ district }, { district, q: '培训' }, { district, status: 'approved' })
  for (const category of CATEGORIES) events.push({ category }, { category, q: '厦门' })
  return events.sort(() => Math.random() - 0.5).map((e) => ({ method: 'POST', path: '/api/institutions', body: Buffer.from(JSON.stringify({ action: 'search', ...e })) }))
}

async function inboxRequests(): Promise<LoadRequest[]> {
  const ids = await accountIds()
  const out: LoadRequest[] = []
  for (const who of ['staff-culture-siming', 'staff-culture', 'staff-sports-jimei', 'admin']) {
    const headers = { authorization: `Bearer ${signToken(SECRET, ids[who], 24)}` }
    const events: Record<string, unknown>[] = [{}, { overdue: true }, ...COMPLAINT_STATUSES.map((status) => ({ status })), ...DISTRICTS.map((district) => ({ district })), { q: '舞蹈' }, { q: 'XM2026' }]
    for (const e of events) out.push({ method: 'POST', path: '/api/staff', headers, body: Buffer.from(JSON.stringify({ action: 'inbox', ...e })) })
  }
  return out.sort(() => Math.random() - 0.5)
}

async function measured(port: number, requests: LoadRequest[], concurrency: number, o: { durationMs: number; warmupMs: number }) {
  await runLoad({ port, concurrency, durationMs: o.warmupMs, maxRequests: 1_000_000, requests })
  const cpu0 = process.cpuUsage()
  const r = await runLoad({ port, concurrency, durationMs: o.durationMs, maxRequests: 2_000_000, requests })
  const cpu = process.cpuUsage(cpu0)
  return { ...r, loaderCpu: (cpu.user + cpu.system) / 1e6 / (r.elapsedMs / 1000) }
}

export async function benchGateways(o: { durationMs: number; warmupMs: number; log: (s: string) => void }): Promise<GatewaysReport> {
  const load0 = os.loadavg()
  if ((await complaintCount()) === 0) await seed(100_000, o.log)
  const complaints = await complaintCount()
  const search = await searchRequests()
  const inbox = await inboxRequests()
  const runs: GatewaysRun[] = []
  for (const processes of [1, 2]) {
    const gw = await startGateway({
      DATABASE_URL: URL,
      DEMO_DATABASE: 'true',
      AUTH_MODE: 'dev',
      SESSION_SECRET: SECRET,
      SAMPLE_DATA: 'false',
      WEB_ROOT: stubWebRoot(),
      GATEWAY_PROCESSES: String(processes),
      DATA_DIR: path.join(os.tmpdir(), 'yg-bench', 'gateways'),
    })
    try {
      // /healthz answers once the first worker listens; wait until the primary says all of them do.
      const deadline = Date.now() + 120_000
      while (processes > 1 && !/阳光校培已启动/.test(gw.log()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
      for (const [action, requests, concurrency] of [['search', search, 50], ['inbox', inbox, 20]] as const) {
        const r = await measured(gw.port, requests, concurrency, o)
        runs.push({ action, processes, concurrency, ...r })
        o.log(`gateways: ${action} × ${processes} process(es) at ${concurrency}: ${r.rps.toFixed(0)} req/s, p99 ${r.p99.toFixed(1)} ms, errors ${r.errors}, loader CPU ${r.loaderCpu.toFixed(2)}`)
      }
    } finally {
      await gw.stop()
    }
  }
  const load1 = os.loadavg()
  return {
    institutions: 907,
    complaints,
    durationMs: o.durationMs,
    load: `load average ${load0[0].toFixed(1)} before, ${load1[0].toFixed(1)} after (1 min; ${os.cpus().length} CPUs)`,
    nice: `bench at nice ${os.getPriority()}`,
    runs,
  }
}

const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1))

export function renderGateways(at: string, machine: string, r: GatewaysReport | undefined, error?: string): string {
  const out = ['<!-- gateways:start -->', '## 10. One gateway process or two on one PostgreSQL (issue 12, point 4)', '']
  if (!r) return [...out, error ? `Last run failed: ${error.slice(0, 500)}` : 'Not measured yet (`npm run bench -- --only gateways`).', '<!-- gateways:end -->', ''].join('\n')
  out.push(
    `Run ${at.replace('T', ' ').slice(0, 16)} UTC on ${machine}; ${r.load}; ${r.nice}. PostgreSQL 15 with ${r.institutions} institutions and ${r.complaints.toLocaleString('en')} complaints, ` +
      `keep-alive connections, ${r.durationMs / 1000} s per run, the gateway started with GATEWAY_PROCESSES=1 and then 2 (node:cluster, one port). ` +
      'Search mixes name fragments, whole names, pinyin, initials, districts, categories and statuses; the inbox four staff accounts over tabs, districts and searches. ' +
      'The load generator runs on the same cores: "loader CPU" is its own CPU seconds per second.',
    '',
    '| action | connections | processes | requests | p50 ms | p99 ms | req/s | errors | loader CPU | req/s vs 1 process | p99 vs 1 process |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  )
  for (const x of r.runs) {
    const base = r.runs.find((y) => y.action === x.action && y.processes === 1)
    const ratio = (a: number, b: number | undefined) => (b ? `${(a / b).toFixed(2)}×` : '')
    out.push(
      `| ${x.action === 'search' ? 'institutions.search' : 'staff.inbox'} | ${x.concurrency} | ${x.processes} | ${x.requests} | ${f(x.p50)} | ${f(x.p99)} | ${x.rps.toFixed(0)} | ${x.errors} | ${x.loaderCpu.toFixed(2)} | ${ratio(x.rps, base?.rps)} | ${ratio(x.p99, base?.p99)} |`,
    )
  }
  out.push('', '<!-- gateways:end -->', '')
  return out.join('\n')
}
