// Complaint submits through the gateway on PostgreSQL: throughput and latency at 32 connections, then a
// kill -9 in the middle of a 30-second burst. Clients behave like the mini-program: one requestId per report,
// and after a failure the same requestId again. Afterwards the database must hold exactly the acknowledged tickets.
import http from 'node:http'
import crypto from 'node:crypto'
import pg from 'pg'
import { signToken } from '../cloud/platform/sessionToken'
import { percentile } from './load'
import { startGateway, stubWebRoot, type Gateway } from './gateway'
import { PG_ADMIN_URL } from './data'

export interface SubmitRun {
  concurrency: number
  warmupMs: number
  durationMs: number
  acknowledged: number
  errors: number
  errorKinds: Record<string, number>
  rps: number
  p50: number
  p95: number
  p99: number
  max: number
  rowsAfter: number
}

export interface CrashRun {
  durationMs: number
  killedAtMs: number
  restartMs: number
  acknowledged: number
  /** Requests whose outcome the client never learned before the crash, then retried with the same requestId. */
  retried: number
  /** Answers other than a ticket (the server refused or failed); each is a report the citizen did not get in. */
  refused: number
  refusedKinds: Record<string, number>
  missing: number
  duplicates: number
  rowsAfter: number
}

export interface SubmitReport {
  throughput: SubmitRun
  crash: CrashRun
}

const DB = 'yg_bench_submit'
const SECRET = 'bench-session-secret-0123456789abcdef0123456789'
const ACCOUNTS = 400

interface Report {
  requestId: string
  token: string
  body: Buffer
}

function makeReport(token: string, institutionId: string, k: number): Report {
  const requestId = `bench-${crypto.randomBytes(9).toString('base64url')}`
  const event = {
    action: 'submit',
    requestId,
    category: k % 3 === 0 ? 'prepaid_fees' : k % 3 === 1 ? 'late_hours' : 'safety',
    institutionId,
    description: `压测举报第${k}号：晚上九点半仍在上课，消防通道堆放杂物。`,
    happenedOn: '2026-11-20',
    contact: k % 2 ? { anonymous: true } : { anonymous: false, name: '测试用户', phone: '13800000000' },
  }
  return { requestId, token, body: Buffer.from(JSON.stringify(event)) }
}

function post(agent: http.Agent, port: number, r: Report): Promise<{ status: number; ticketNo?: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/complaints', method: 'POST', agent, timeout: 10_000, headers: { 'content-type': 'application/json', 'content-length': r.body.length, authorization: `Bearer ${r.token}` } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          try {
            const json = JSON.parse(Buffer.concat(chunks).toString('utf8'))
            resolve({ status: res.statusCode ?? 0, ticketNo: json?.data?.ticketNo })
          } catch (e) {
            reject(e)
          }
        })
        res.on('error', reject)
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(r.body)
  })
}

async function prepare(log: (s: string) => void): Promise<{ url: string; tokens: string[]; institutions: string[] }> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${DB}`)
  await admin.end()
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${DB}`)
  // One start loads the schema and the 907 sample institutions.
  const g = await startGateway(env(url))
  await g.stop()
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  const ids = await c.query<{ id: string }>(
    `INSERT INTO accounts (openid, role, name) SELECT 'bench-' || g, 'citizen', '压测用户' FROM generate_series(1, ${ACCOUNTS}) g RETURNING id`,
  )
  const inst = await c.query<{ id: string }>(`SELECT id FROM institutions ORDER BY id LIMIT 300`)
  await c.end()
  log(`submit: database ${DB} ready with ${ACCOUNTS} accounts`)
  return { url, tokens: ids.rows.map((r) => signToken(SECRET, r.id, 24)), institutions: inst.rows.map((r) => r.id) }
}

function env(url: string): Record<string, string> {
  return { DATABASE_URL: url, DEMO_DATABASE: 'true', AUTH_MODE: 'dev', SAMPLE_DATA: 'true', SESSION_SECRET: SECRET, CONTACT_KEY: Buffer.alloc(32, 9).toString('base64'), COMPLAINT_DAILY_LIMIT: '10000', WEB_ROOT: stubWebRoot() }
}

async function countRows(url: string): Promise<{ rows: number; tickets: Map<string, string> }> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  const r = await c.query<{ ticket_no: string; request_id: string }>('SELECT ticket_no, request_id FROM complaints')
  await c.end()
  return { rows: r.rowCount ?? 0, tickets: new Map(r.rows.map((x) => [x.request_id, x.ticket_no])) }
}

export async function benchSubmit(o: { log: (s: string) => void; concurrency?: number; durationMs?: number; warmupMs?: number; crashMs?: number }): Promise<SubmitReport> {
  const concurrency = o.concurrency ?? 32
  const { url, tokens, institutions } = await prepare(o.log)

  // 1. Throughput and latency.
  let g: Gateway = await startGateway(env(url))
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  const lat: number[] = []
  const kinds: Record<string, number> = {}
  let k = 0
  let acked = 0
  let measuredAcked = 0
  const durationMs = o.durationMs ?? 10_000
  // Like the search runs: a warm-up (JIT, pool connections) whose answers count for rows == acknowledged but not
  // for the latency and throughput figures.
  const warmupMs = o.warmupMs ?? 2000
  const w0 = Date.now()
  const t0 = w0 + warmupMs
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() - t0 < durationMs) {
        const n = k++
        const r = makeReport(tokens[n % tokens.length], institutions[n % institutions.length], n)
        const s = process.hrtime.bigint()
        const measured = Date.now() >= t0
        try {
          const res = await post(agent, g.port, r)
          if (measured) lat.push(Number(process.hrtime.bigint() - s) / 1e6)
          if (res.status === 200 && res.ticketNo) {
            acked++
            if (measured) measuredAcked++
          }
          else kinds[String(res.status)] = (kinds[String(res.status)] ?? 0) + 1
        } catch (e) {
          kinds[(e as Error).message] = (kinds[(e as Error).message] ?? 0) + 1
        }
      }
    }),
  )
  const elapsed = Date.now() - t0
  agent.destroy()
  await g.stop()
  lat.sort((a, b) => a - b)
  const after1 = await countRows(url)
  const throughput: SubmitRun = {
    concurrency,
    warmupMs,
    durationMs: elapsed,
    acknowledged: acked,
    errors: Object.values(kinds).reduce((a, b) => a + b, 0),
    errorKinds: kinds,
    rps: (measuredAcked * 1000) / elapsed,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    p99: percentile(lat, 99),
    max: lat[lat.length - 1] ?? NaN,
    rowsAfter: after1.rows,
  }
  o.log(`submit: ${throughput.rps.toFixed(0)}/s at ${concurrency} connections, p99 ${throughput.p99.toFixed(1)} ms, acknowledged ${acked}, rows ${after1.rows}`)

  // 2. kill -9 in the middle of a burst; clients keep their unanswered reports and retry them with the same requestId.
  const crashMs = o.crashMs ?? 30_000
  g = await startGateway(env(url))
  let port = g.port
  let down = false
  const ackedTickets = new Map<string, string>()
  let retried = 0
  let refused = 0
  const refusedKinds: Record<string, number> = {}
  const burstStart = Date.now()
  const killAt = crashMs / 2
  let restartMs = 0
  const killer = (async () => {
    await new Promise((r) => setTimeout(r, killAt))
    down = true
    process.kill(g.pid, 'SIGKILL')
    const t = Date.now()
    g = await startGateway(env(url))
    restartMs = Date.now() - t
    port = g.port
    down = false
  })()
  const crashAgent = () => new http.Agent({ keepAlive: true, maxSockets: 1 })
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      let a = crashAgent()
      let pending: Report | undefined
      while (Date.now() - burstStart < crashMs || pending) {
        if (down) {
          await new Promise((r) => setTimeout(r, 100))
          continue
        }
        const n = k++
        const r = pending ?? makeReport(tokens[n % tokens.length], institutions[n % institutions.length], n)
        try {
          const res = await post(a, port, r)
          if (res.status === 200 && res.ticketNo) {
            const prev = ackedTickets.get(r.requestId)
            if (prev && prev !== res.ticketNo) throw new Error(`requestId ${r.requestId} answered ${prev} then ${res.ticketNo}`)
            ackedTickets.set(r.requestId, res.ticketNo)
          } else {
            // A refusal is an answer too: counted, never silently dropped.
            refused++
            refusedKinds[String(res.status)] = (refusedKinds[String(res.status)] ?? 0) + 1
          }
          pending = undefined
        } catch (e) {
          if ((e as Error).message.startsWith('requestId')) throw e
          // The answer was lost with the process: keep the report and send it again, like the app's draft does.
          if (!pending) retried++
          pending = r
          a.destroy()
          a = crashAgent()
          await new Promise((res) => setTimeout(res, 50))
        }
      }
      a.destroy()
    }),
  )
  await killer
  await g.stop()
  const after2 = await countRows(url)
  let missing = 0
  for (const [requestId, ticketNo] of ackedTickets) if (after2.tickets.get(requestId) !== ticketNo) missing++
  const ticketCounts = new Map<string, number>()
  for (const t of after2.tickets.values()) ticketCounts.set(t, (ticketCounts.get(t) ?? 0) + 1)
  const duplicates = [...ticketCounts.values()].filter((n) => n > 1).length
  const crash: CrashRun = { durationMs: Date.now() - burstStart, killedAtMs: killAt, restartMs, acknowledged: ackedTickets.size, retried, refused, refusedKinds, missing, duplicates, rowsAfter: after2.rows }
  o.log(`submit: crash burst: acknowledged ${ackedTickets.size}, retried after the crash ${retried}, refused ${refused}, missing ${missing}, duplicate tickets ${duplicates}, rows ${after2.rows} (acknowledged in both phases ${after1.rows + ackedTickets.size})`)
  return { throughput, crash }
}

export function renderSubmit(s: { at: string; machine: string; report?: SubmitReport; error?: string } | undefined): string {
  if (!s) return ''
  if (!s.report) return `\n## 4. Complaint submits (PostgreSQL, through the gateway)\n\nRun ${s.at}: error\n\n\`\`\`\n${s.error}\n\`\`\`\n`
  const t = s.report.throughput
  const c = s.report.crash
  const ok = (b: boolean) => (b ? 'PASS' : '**FAIL**')
  return [
    '',
    '## 4. Complaint submits (PostgreSQL, through the gateway)',
    '',
    `Run ${s.at} on ${s.machine}. bench/submit.ts: a fresh database with the 907 sample institutions and ${ACCOUNTS} citizen accounts; every request is a new report (own requestId, half of them named, so the contact is sealed); closed loop over keep-alive connections; the gateway is a child process.`,
    '',
    '| figure | value | budget | verdict |',
    '|---|---:|---|---|',
    `| submits/s at ${t.concurrency} connections (acknowledged, ${(t.durationMs / 1000).toFixed(0)} s after a ${((t.warmupMs ?? 0) / 1000).toFixed(0)} s warm-up) | ${t.rps.toFixed(0)} | ≥ 500 | ${ok(t.rps >= 500)} |`,
    `| p50 / p95 / p99 / max ms | ${t.p50.toFixed(1)} / ${t.p95.toFixed(1)} / ${t.p99.toFixed(1)} / ${t.max.toFixed(1)} | p99 ≤ 100 | ${ok(t.p99 <= 100)} |`,
    `| rows afterwards vs acknowledged answers (warm-up included) | ${t.rowsAfter} vs ${t.acknowledged} | equal | ${ok(t.rowsAfter === t.acknowledged)} |`,
    `| errors | ${t.errors} ${Object.keys(t.errorKinds).length ? JSON.stringify(t.errorKinds) : ''} | 0 | ${ok(t.errors === 0)} |`,
    '',
    `Crash: a ${(c.durationMs / 1000).toFixed(0)} s burst at ${t.concurrency} connections, the gateway killed with SIGKILL at ${(c.killedAtMs / 1000).toFixed(0)} s and restarted (${c.restartMs} ms to /healthz); reports whose answer was lost were sent again with the same requestId.`,
    '',
    '| figure | value | verdict |',
    '|---|---:|---|',
    `| acknowledged tickets | ${c.acknowledged} | |`,
    `| reports retried after the crash | ${c.retried} | |`,
    `| answers other than a ticket | ${c.refused ?? 0} ${Object.keys(c.refusedKinds ?? {}).length ? JSON.stringify(c.refusedKinds) : ''} | ${ok((c.refused ?? 0) === 0)} |`,
    `| rows afterwards vs acknowledged (both phases) | ${c.rowsAfter} vs ${t.acknowledged + c.acknowledged} | ${ok(c.rowsAfter === t.acknowledged + c.acknowledged)} |`,
    `| acknowledged tickets missing afterwards | ${c.missing} | ${ok(c.missing === 0)} |`,
    `| tickets stored twice | ${c.duplicates} | ${ok(c.duplicates === 0)} |`,
    '',
  ].join('\n')
}
