// The workbench's budgets on PostgreSQL: staff.inbox p99 ≤ 50 ms and staff.transition p99 ≤ 100 ms at 20
// connections with 100,000 complaints. The inbox is read as a user would: four accounts of different reach (district,
// city, another department, admin), every status tab, the overdue filter, categories, districts, searches and pages
// deeper than the first (cursors taken from real answers). Each transition accepts a different ticket, so nothing
// repeats and no step is refused. The complaints spread over two years, about one in five still open.
import crypto from 'node:crypto'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { sql } from 'kysely'
import { readConfig } from '../cloud/config'
import { signToken } from '../cloud/platform/sessionToken'
import { ensureDemoAccounts } from '../cloud/services/demoAccounts'
import { loadCalendar } from '../cloud/services/complaints/holidayCalendar'
import { loadSample } from '../cloud/services/sampleData'
import { openDatabase } from '../cloud/store/db'
import { migrateToLatest } from '../cloud/store/migrate'
import { generateSample } from '../content/sample/generate'
import { CATEGORY_DEPARTMENT, departmentName, DISTRICTS } from '../src/domain/catalog'
import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, type ComplaintStatus } from '../src/domain/complaints'
import { freshPgDatabase, pgUrl } from './data'
import { startGateway, stubWebRoot } from './gateway'
import { withCpu } from './cpu'
import { runLoad, type LoadRequest, type LoadResult } from './load'

const DB = 'yg_bench_inbox'
const URL = pgUrl(DB)
const SECRET = 'bench-session-secret-0123456789abcdef0123456789'

export interface InboxBenchRun extends LoadResult {
  id: string
  label: string
  distinct: number
  budgetMs: number
  /** Cores busy during the run: the gateway, this database's server processes, the load generator. */
  cpu?: { gateway: number; database: number; loader: number }
}

export interface InboxReport {
  complaints: number
  open: number
  seedSeconds: number
  concurrency: number
  durationMs: number
  load: string
  runs: InboxBenchRun[]
}

/** Status by share: about 19 % open (8 submitted, 3 accepted, 2 assigned, 5 in progress, 1 awaiting information). */
function statusOf(k: number): ComplaintStatus {
  const r = k % 100
  if (r < 8) return 'submitted'
  if (r < 11) return 'accepted'
  if (r < 13) return 'assigned'
  if (r < 18) return 'in_progress'
  if (r < 19) return 'awaiting_info'
  if (r < 30) return 'replied'
  if (r < 80) return 'resolved'
  if (r < 90) return 'rejected'
  return 'withdrawn'
}

const day = (d: Date) => d.toISOString().slice(0, 10)

export async function seed(n: number, log: (s: string) => void): Promise<{ open: number; seconds: number }> {
  const t0 = Date.now()
  await freshPgDatabase(DB)
  const config = readConfig({ ...process.env, AUTH_MODE: 'dev', DEMO_DATABASE: 'true', DATABASE_URL: URL, DATA_DIR: path.join(os.tmpdir(), 'yg-bench', 'inbox') })
  const handle = await openDatabase({ databaseUrl: URL, dataDir: config.dataDir, poolSize: 4 })
  const db = handle.db
  try {
    await migrateToLatest(db)
    await ensureDemoAccounts(db)
    await loadSample(db, generateSample())
    await loadCalendar(db, config.calendarDir)
    const institutions = await db.selectFrom('institutions').select(['id', 'category', 'district']).orderBy('id').execute()
    const citizens = await db
      .insertInto('accounts')
      .values(Array.from({ length: 2000 }, (_, k) => ({ openid: `bench-inbox-${k}`, unionid: null, dev_account: null, role: 'citizen' as const, department: null, district: null, name: '微信用户' })))
      .returning('id')
      .execute()
    log(`inbox: seeding ${n.toLocaleString('en')} complaints …`)
    const now = Date.now()
    let open = 0
    for (let start = 0; start < n; start += 2000) {
      const rows = []
      for (let k = start; k < Math.min(n, start + 2000); k++) {
        const inst = institutions[(k * 7919) % institutions.length]
        const created = new Date(now - ((k * 104_729) % (730 * 86_400_000)))
        const status = statusOf(k)
        if (['submitted', 'accepted', 'assigned', 'in_progress', 'awaiting_info'].includes(status)) open++
        const department = CATEGORY_DEPARTMENT[inst.category]
        rows.push({
          ticket_no: `XM${day(created).replace(/-/g, '')}-${String(k).padStart(6, '0')}`,
          account_id: citizens[k % citizens.length].id,
          request_id: `bench-inbox-${k}`,
          payload_hash: crypto.createHash('sha256').update(String(k)).digest('hex'),
          category: COMPLAINT_CATEGORIES[k % COMPLAINT_CATEGORIES.length],
          institution_id: inst.id,
          place: null,
          district: inst.district,
          description: `压测举报第${k}号：晚上九点半仍在上课。`,
          happened_on: day(created),
          details: null,
          anonymous: true,
          contact_name_enc: null,
          contact_phone_enc: null,
          subscribe: false,
          department,
          department_name: departmentName(department, inst.district),
          co_handlers: [],
          status,
          rating: null,
          rating_comment: null,
          reply: null,
          accept_due: day(new Date(created.getTime() + 3 * 86_400_000)),
          reply_due: day(new Date(created.getTime() + 21 * 86_400_000)),
          created_at: created,
        })
      }
      await db.insertInto('complaints').values(rows).execute()
    }
    // As autovacuum leaves a live database: statistics, and a visibility map for index-only counts.
    await sql`VACUUM ANALYZE`.execute(db)
    return { open, seconds: (Date.now() - t0) / 1000 }
  } finally {
    await handle.close()
  }
}

export async function accountIds(): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: URL })
  await c.connect()
  try {
    const r = await c.query<{ dev_account: string; id: string }>('SELECT dev_account, id FROM accounts WHERE dev_account IS NOT NULL')
    return Object.fromEntries(r.rows.map((x) => [x.dev_account, x.id]))
  } finally {
    await c.end()
  }
}

async function submittedTickets(department: string, limit: number): Promise<string[]> {
  const c = new pg.Client({ connectionString: URL })
  await c.connect()
  try {
    const r = await c.query<{ ticket_no: string }>(`SELECT ticket_no FROM complaints WHERE department = $1 AND status = 'submitted' ORDER BY md5(id) LIMIT $2`, [department, limit])
    return r.rows.map((x) => x.ticket_no)
  } finally {
    await c.end()
  }
}

export async function benchInbox(o: { complaints: number; concurrency: number; durationMs: number; warmupMs: number; log: (s: string) => void }): Promise<InboxReport> {
  const load0 = os.loadavg()
  const seeded = await seed(o.complaints, o.log)
  o.log(`inbox: seeded in ${seeded.seconds.toFixed(0)} s (${seeded.open.toLocaleString('en')} open)`)
  const ids = await accountIds()
  const auth = (who: string) => ({ authorization: `Bearer ${signToken(SECRET, ids[who], 24)}` })
  const webRoot = stubWebRoot()
  const gw = await startGateway({ DATABASE_URL: URL, DEMO_DATABASE: 'true', AUTH_MODE: 'dev', SESSION_SECRET: SECRET, SAMPLE_DATA: 'false', WEB_ROOT: webRoot, SEARCH_INDEX: 'false', DATA_DIR: path.join(os.tmpdir(), 'yg-bench', 'inbox') })
  const runs: InboxBenchRun[] = []
  try {
    // What staff ask the inbox: each account's tabs and filters, then deeper pages from real cursors.
    const events: { who: string; event: Record<string, unknown> }[] = []
    for (const who of ['staff-culture-siming', 'staff-culture', 'staff-sports-jimei', 'admin']) {
      events.push({ who, event: {} }, { who, event: { overdue: true } })
      for (const status of COMPLAINT_STATUSES) events.push({ who, event: { status } })
      for (const category of COMPLAINT_CATEGORIES) events.push({ who, event: { category } })
      for (const district of DISTRICTS) events.push({ who, event: { district } })
      for (const q of ['舞蹈', '美术', '篮球', 'XM2026', '编程']) events.push({ who, event: { q } })
    }
    const paged: typeof events = []
    for (const e of events.filter((x) => Object.keys(x.event).length <= 1).slice(0, 80)) {
      let cursor: string | undefined
      for (let page = 0; page < 4; page++) {
        const r = await fetch(`http://127.0.0.1:${gw.port}/api/staff`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth(e.who) }, body: JSON.stringify({ action: 'inbox', ...e.event, ...(cursor ? { cursor } : {}) }) })
        const json = (await r.json()) as { ok: boolean; data?: { nextCursor?: string } }
        cursor = json.data?.nextCursor
        if (!cursor) break
        paged.push({ who: e.who, event: { ...e.event, cursor } })
      }
    }
    const all = [...events, ...paged].sort(() => Math.random() - 0.5)
    const inboxRequests: LoadRequest[] = all.map((e) => ({ method: 'POST', path: '/api/staff', headers: auth(e.who), body: Buffer.from(JSON.stringify({ action: 'inbox', ...e.event })) }))
    await runLoad({ port: gw.port, concurrency: o.concurrency, durationMs: o.warmupMs, maxRequests: 1_000_000, requests: inboxRequests })
    const who = { gatewayPid: gw.pid, database: DB }
    const { result: inbox, cpu: inboxCpu } = await withCpu(who, () => runLoad({ port: gw.port, concurrency: o.concurrency, durationMs: o.durationMs, maxRequests: 2_000_000, requests: inboxRequests }))
    runs.push({ id: 'inbox', label: 'staff.inbox (tabs, filters, searches, pages 2–5)', distinct: inboxRequests.length, budgetMs: 50, ...inbox, cpu: inboxCpu })
    o.log(`inbox: staff.inbox p50 ${inbox.p50.toFixed(1)} p99 ${inbox.p99.toFixed(1)} ms, ${inbox.rps.toFixed(0)} req/s, errors ${inbox.errors}, cores gw ${inboxCpu.gateway.toFixed(2)} db ${inboxCpu.database.toFixed(2)} loader ${inboxCpu.loader.toFixed(2)}`)

    // Every transition accepts a ticket nobody touched yet: no step is refused, none repeats.
    const tickets = await submittedTickets('culture', 20_000)
    const steps: LoadRequest[] = tickets.map((ticketNo) => ({ method: 'POST', path: '/api/staff', headers: auth('staff-culture'), body: Buffer.from(JSON.stringify({ action: 'transition', ticketNo, step: 'accept', note: '压测受理' })) }))
    // Warmed up like the inbox, on tickets of its own: the inbox's reads run on the prepared-statement connections, so
    // without it the first steps would pay for opening the other connections and filling their catalog caches.
    const warm = await runLoad({ port: gw.port, concurrency: o.concurrency, durationMs: o.warmupMs, maxRequests: Math.floor(steps.length / 4), requests: steps })
    const rest = steps.slice(warm.requests)
    const { result: transition, cpu: transitionCpu } = await withCpu(who, () => runLoad({ port: gw.port, concurrency: o.concurrency, durationMs: o.durationMs, maxRequests: rest.length, requests: rest }))
    runs.push({ id: 'transition', label: 'staff.transition (accept, each ticket once)', distinct: rest.length, budgetMs: 100, ...transition, cpu: transitionCpu })
    o.log(`inbox: staff.transition p50 ${transition.p50.toFixed(1)} p99 ${transition.p99.toFixed(1)} ms, ${transition.rps.toFixed(0)} req/s, errors ${transition.errors}, cores gw ${transitionCpu.gateway.toFixed(2)} db ${transitionCpu.database.toFixed(2)} loader ${transitionCpu.loader.toFixed(2)}`)
  } finally {
    await gw.stop()
  }
  const load1 = os.loadavg()
  return {
    complaints: o.complaints,
    open: seeded.open,
    seedSeconds: seeded.seconds,
    concurrency: o.concurrency,
    durationMs: o.durationMs,
    load: `load average ${load0[0].toFixed(1)} before, ${load1[0].toFixed(1)} after (1 min; 2 CPUs)`,
    runs,
  }
}

const f = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1))

export function renderInbox(at: string, machine: string, r: InboxReport | undefined, error?: string): string {
  const out = ['<!-- inbox:start -->', '## 7. The workbench (issue 9)', '']
  if (!r) return [...out, error ? `Last run failed: ${error.slice(0, 500)}` : 'Not measured yet (`npm run bench -- --only inbox`).', '<!-- inbox:end -->', ''].join('\n')
  out.push(
    `Run ${at.replace('T', ' ').slice(0, 16)} UTC on ${machine}; ${r.load}. PostgreSQL 15, ${r.complaints.toLocaleString('en')} complaints over two years (${r.open.toLocaleString('en')} open; seeded in ${r.seedSeconds.toFixed(0)} s), ` +
      `${r.concurrency} keep-alive connections, ${r.durationMs / 1000} s per run, through the gateway with a staff session. The inbox requests mix four accounts (district, city, another department, admin), every status tab, ` +
      'the overdue filter, categories, districts, searches and pages 2–5 from real cursors, in a random order; each transition accepts a different ticket. ' +
      'CPU: cores busy during the run (from /proc) — the gateway, this database\'s server processes and the load generator, which share the machine\'s cores; ' +
      'ms per request is their sum divided by requests per second.',
    '',
    '| action | distinct requests | requests | p50 ms | p99 ms | max ms | req/s | errors | CPU gateway / database / loader | CPU ms per request | p99 budget |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|',
  )
  const cores = (c: InboxBenchRun['cpu']) => (c ? `${c.gateway.toFixed(2)} / ${c.database.toFixed(2)} / ${c.loader.toFixed(2)}` : '–')
  const perRequest = (x: InboxBenchRun) => (x.cpu && x.rps ? (((x.cpu.gateway + x.cpu.database + x.cpu.loader) / x.rps) * 1000).toFixed(2) : '–')
  for (const x of r.runs)
    out.push(
      `| ${x.label} | ${x.distinct} | ${x.requests} | ${f(x.p50)} | ${f(x.p99)} | ${f(x.max)} | ${x.rps.toFixed(0)} | ${x.errors} | ${cores(x.cpu)} | ${perRequest(x)} | ${x.errors === 0 && x.p99 <= x.budgetMs ? 'PASS' : '**FAIL**'} (≤ ${x.budgetMs} ms) |`,
    )
  out.push('', '<!-- inbox:end -->', '')
  return out.join('\n')
}
