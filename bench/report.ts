// Renders bench/RESULTS.md (and the console summary) from the merged results of the latest run of each part.
import type { SubmitReport } from './submit'
import os from 'node:os'
import type { H5Report } from './h5'
import type { SearchReport } from './search'
import type { SizesReport } from './sizes'
import type { FuzzReport } from './fuzzReport'

export interface Stamped<T> {
  at: string
  machine: string
  settings?: Record<string, unknown>
  report?: T
  error?: string
}

export interface Results {
  search: { pglite?: Stamped<SearchReport>; postgres?: Stamped<SearchReport> }
  sizes?: Stamped<SizesReport>
  h5?: Stamped<H5Report>
  submit?: Stamped<SubmitReport>
  /** Written by `npm run fuzz`. */
  fuzz?: Stamped<FuzzReport>
}

export const BUDGET = { p99Ms: 25, ratio: 0.3, mainKiB: 600, h5KiB: 250, submitsPerSecond: 500, submitP99Ms: 100 }

export function machine(): string {
  const cpu = os.cpus()[0]?.model?.trim() ?? 'unknown CPU'
  return `${os.availableParallelism?.() ?? os.cpus().length} CPUs (nproc; ${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`
}

const kib = (b: number) => (b / 1024).toFixed(1)
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1))
const mark = (ok: boolean) => (ok ? 'PASS' : '**FAIL**')
const day = (iso: string) => iso.replace('T', ' ').slice(0, 16) + ' UTC'

interface Verdict {
  budget: string
  target: string
  result: string
  ok: boolean | undefined
}

export function verdicts(r: Results): Verdict[] {
  const out: Verdict[] = []
  for (const kind of ['pglite', 'postgres'] as const) {
    const s = r.search[kind]
    const name = kind === 'pglite' ? 'PGlite' : 'PostgreSQL'
    if (!s?.report) {
      out.push({ budget: `Search p99, ${name}`, target: `≤ ${BUDGET.p99Ms} ms per class`, result: s?.error ? 'error (see below)' : 'not run', ok: undefined })
      continue
    }
    const runs = s.report.runs
    const worst = runs.reduce((a, b) => (b.p99 > a.p99 ? b : a))
    const failing = runs.filter((x) => x.p99 > BUDGET.p99Ms || x.errors > 0)
    out.push({
      budget: `Search p99, ${name}`,
      target: `≤ ${BUDGET.p99Ms} ms per class, 0 errors`,
      result: `${runs.length - failing.length}/${runs.length} classes pass; worst ${worst.label} p99 ${ms(worst.p99)} ms`,
      ok: failing.length === 0,
    })
    const ratios = runs.map((x) => ({ label: x.label, ratio: x.rps / s.report!.healthz.rps }))
    const low = ratios.reduce((a, b) => (b.ratio < a.ratio ? b : a))
    out.push({
      budget: `Search ÷ /healthz throughput, ${name}`,
      target: `≥ ${BUDGET.ratio} (aim)`,
      result: `lowest ${low.ratio.toFixed(3)} (${low.label}); highest ${Math.max(...ratios.map((x) => x.ratio)).toFixed(3)}`,
      ok: low.ratio >= BUDGET.ratio,
    })
  }
  if (r.sizes?.report) {
    const main = r.sizes.report.packages.find((p) => p.name === 'main')!
    out.push({ budget: 'WeChat main package', target: `≤ ${BUDGET.mainKiB} KiB`, result: `${kib(main.bytes)} KiB`, ok: main.bytes <= BUDGET.mainKiB * 1024 })
  } else out.push({ budget: 'WeChat main package', target: `≤ ${BUDGET.mainKiB} KiB`, result: r.sizes?.error ? 'build failed (see below)' : 'not run', ok: undefined })
  if (r.h5?.report) {
    out.push({ budget: 'H5 first load, gzipped JS+CSS', target: `≤ ${BUDGET.h5KiB} KiB`, result: `${kib(r.h5.report.totalTransfer)} KiB`, ok: r.h5.report.totalTransfer <= BUDGET.h5KiB * 1024 })
  } else out.push({ budget: 'H5 first load, gzipped JS+CSS', target: `≤ ${BUDGET.h5KiB} KiB`, result: r.h5?.error ? 'failed (see below)' : 'not run', ok: undefined })
  const sub = r.submit?.report
  if (sub) {
    const t = sub.throughput
    const c = sub.crash
    out.push({
      budget: 'Complaint submits, PostgreSQL',
      target: `≥ ${BUDGET.submitsPerSecond}/s at 32 conns, p99 ≤ ${BUDGET.submitP99Ms} ms`,
      result: `${t.rps.toFixed(0)}/s, p99 ${ms(t.p99)} ms, ${t.errors} errors, rows ${t.rowsAfter} = acknowledged ${t.acknowledged}`,
      ok: t.rps >= BUDGET.submitsPerSecond && t.p99 <= BUDGET.submitP99Ms && t.errors === 0 && t.rowsAfter === t.acknowledged,
    })
    out.push({
      budget: 'Submits survive kill -9',
      target: '0 missing, 0 twice, 0 refused',
      result: `${c.acknowledged} acknowledged; missing ${c.missing}, twice ${c.duplicates}, refused ${c.refused ?? 'not counted'}`,
      ok: c.missing === 0 && c.duplicates === 0 && c.refused === 0 && c.rowsAfter === t.acknowledged + c.acknowledged,
    })
  } else out.push({ budget: 'Complaint submits, PostgreSQL', target: `≥ ${BUDGET.submitsPerSecond}/s, p99 ≤ ${BUDGET.submitP99Ms} ms`, result: r.submit?.error ? 'error (see below)' : 'not run', ok: undefined })
  return out
}

function searchSection(kind: 'pglite' | 'postgres', s: Stamped<SearchReport> | undefined): string[] {
  const name = kind === 'pglite' ? 'PGlite (embedded, in the gateway process)' : 'PostgreSQL 15 (local server, pool of 20)'
  const L: string[] = [`### ${name}`, '']
  if (!s) return [...L, 'Not run.', '']
  L.push(`Run ${day(s.at)} on ${s.machine}.`, '')
  if (!s.report) return [...L, '```', (s.error ?? 'no result').slice(0, 3000), '```', '']
  const r = s.report
  const seed = r.data.seeded
    ? `seeded in this run: **${r.data.seedSeconds!.toFixed(1)} s** for ${r.data.institutions.toLocaleString('en')} institutions`
    : `reused (${r.data.institutions.toLocaleString('en')} institutions${r.data.lastSeed ? `; seeding took ${r.data.lastSeed.seconds.toFixed(1)} s on ${day(r.data.lastSeed.at)}` : ''})`
  const set = s.settings ?? {}
  L.push(
    `Data: ${seed}. Gateway child process up (to first /healthz) in ${r.gatewayStartMs} ms. ` +
      `${set.concurrency} keep-alive connections, ${Number(set.durationMs) / 1000} s per class after a ${Number(set.warmupMs) / 1000} s mixed warm-up; SEARCH_TERM_CACHE_RANKS ${set.cacheSize ?? 'default'}.`,
    '',
    '| Query class | distinct terms | example → matches | requests | p50 ms | p95 ms | p99 ms | max ms | req/s | ÷ healthz | errors | gateway CPU | p99 ≤ 25 ms |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  )
  for (const x of r.runs) {
    const ok = x.p99 <= BUDGET.p99Ms && x.errors === 0
    L.push(
      `| ${x.label} | ${x.distinctTerms} | ${x.example.q} → ${x.example.total.toLocaleString('en')} | ${x.requests} | ${ms(x.p50)} | ${ms(x.p95)} | ${ms(x.p99)} | ${ms(x.max)} | ${x.rps.toFixed(0)} | ${(x.rps / r.healthz.rps).toFixed(3)} | ${x.errors}${x.errors ? ' ' + JSON.stringify(x.errorKinds) : ''} | ${(x.gatewayCpu * 100).toFixed(0)} % | ${mark(ok)} |`,
    )
  }
  const h = r.healthz
  L.push(`| GET /healthz | – | – | ${h.requests} | ${ms(h.p50)} | ${ms(h.p95)} | ${ms(h.p99)} | ${ms(h.max)} | ${h.rps.toFixed(0)} | 1 | ${h.errors} | ${(h.gatewayCpu * 100).toFixed(0)} % | – |`, '')
  if (r.profile) {
    L.push(
      `Where the time goes: each search runs two statements (the page, and count(*) for \`total\`). Below, each statement timed alone on one connection (no load) for the first 40 terms of each class, then EXPLAIN (ANALYZE, BUFFERS) of the slowest term.`,
      '',
      '| Query class | matches p50 / max | page mean / p95 / max ms | count(*) mean / p95 / max ms | slowest term (matches: page + count ms) |',
      '|---|---:|---:|---:|---|',
    )
    for (const p of r.profile) {
      L.push(
        `| ${p.label} | ${p.total.p50.toLocaleString('en')} / ${p.total.max.toLocaleString('en')} | ${ms(p.page.mean)} / ${ms(p.page.p95)} / ${ms(p.page.max)} | ${ms(p.count.mean)} / ${ms(p.count.p95)} / ${ms(p.count.max)} | ${p.worst.term} (${p.worst.total.toLocaleString('en')}: ${ms(p.worst.page)} + ${ms(p.worst.count)}) |`,
      )
    }
    L.push('', '<details><summary>EXPLAIN (ANALYZE, BUFFERS) of the slowest term per class</summary>', '')
    for (const p of r.profile) {
      L.push(`#### ${p.label}: \`${p.worst.term}\``, '', '```')
      for (const e of p.worst.explain) L.push(`-- ${e.sql}`, `-- params ${JSON.stringify(e.params)}`, e.plan, '')
      L.push('```', '')
    }
    L.push('</details>', '')
  } else if (r.profileError) L.push('Profile failed:', '```', r.profileError.slice(0, 2000), '```', '')
  return L
}

export function renderMarkdown(r: Results, analysis: string): string {
  const L: string[] = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.ts) on ${day(new Date().toISOString())}. Machine: ${machine()}.`,
    'Each section says when it was last measured (`--only` re-runs one part and keeps the others).',
    '',
    '## Budgets',
    '',
    '| Budget | Target | Result | Verdict |',
    '|---|---|---|---|',
    ...verdicts(r).map((v) => `| ${v.budget} | ${v.target} | ${v.result} | ${v.ok === undefined ? 'not measured' : mark(v.ok)} |`),
    '',
    '## 1. Search at 100,000 institutions, through the gateway',
    '',
    '`POST /api/institutions {"action":"search","q":…}` from a closed-loop load generator (bench/load.ts, node:http keep-alive agent) in the bench process; the gateway runs as a child process (`node --import tsx cloud/gateway/start.ts`, AUTH_MODE=dev, SAMPLE_DATA=false). Terms come from `generateSample({institutions: 100000})` (bench/terms.ts) and cycle through all distinct terms of a class. Percentiles are exact (nearest rank over every request). Note the load generator and the gateway share a 2-core machine; /healthz is probably capped by the load generator, not the gateway.',
    '',
    ...searchSection('pglite', r.search.pglite),
    ...searchSection('postgres', r.search.postgres),
    '## 2. WeChat package sizes (`npm run build:weapp`, production)',
    '',
  ]
  const z = r.sizes
  if (!z) L.push('Not run.', '')
  else if (!z.report) L.push(`Run ${day(z.at)}: failed.`, '```', (z.error ?? '').slice(-3000), '```', '')
  else {
    L.push(`Run ${day(z.at)}; build took ${z.report.buildSeconds.toFixed(1)} s; measured by ${z.report.measuredBy}. Main = everything in dist/ outside the \`subPackages[].root\` of dist/app.json.`, '')
    L.push('| Package | KiB | files | budget |', '|---|---:|---:|---|')
    for (const p of z.report.packages) L.push(`| ${p.name} | ${kib(p.bytes)} | ${Number.isFinite(p.files) ? p.files : '–'} | ${p.name === 'main' ? `≤ ${BUDGET.mainKiB} KiB: ${mark(p.bytes <= BUDGET.mainKiB * 1024)}` : 'subpackage ≤ 2048 KiB (WeChat limit)'} |`)
    const total = z.report.packages.reduce((s, p) => s + p.bytes, 0)
    L.push(`| all packages | ${kib(total)} | | WeChat limit 20 MiB |`, '', 'Largest files of the main package: ' + z.report.largestMain.map((f) => `${f.file} ${kib(f.bytes)} KiB`).join(', ') + '.', '')
  }
  L.push('## 3. H5 first load (`npm run build:h5`, production, served by the gateway with gzip)', '')
  const h = r.h5
  if (!h) L.push('Not run.', '')
  else if (!h.report) L.push(`Run ${day(h.at)}: failed.`, '```', (h.error ?? '').slice(-3000), '```', '')
  else {
    const x = h.report
    L.push(
      `Run ${day(h.at)}; build took ${x.buildSeconds.toFixed(1)} s. Headless Chromium (playwright-core, 375×812) opens \`/\`, waits for \`.taro_page_stationed\` (after ${x.stationedMs} ms) and network idle. "Received" is the body size Chromium reports for the response (gzip on the wire); "gzip -9" is our own compression of the decoded body, as a cross-check.`,
      '',
      '| File | type | received KiB | encoding | raw KiB | gzip -9 KiB |',
      '|---|---|---:|---|---:|---:|',
      ...x.files.map((f) => `| ${f.url} | ${f.type} | ${kib(f.transferBytes)} | ${f.encoding} | ${kib(f.rawBytes)} | ${kib(f.gzip9Bytes)} |`),
      `| **total (${x.files.length} files)** | | **${kib(x.totalTransfer)}** | | ${kib(x.totalRaw)} | ${kib(x.totalGzip9)} |`,
      '',
      `Budget ≤ ${BUDGET.h5KiB} KiB received: ${mark(x.totalTransfer <= BUDGET.h5KiB * 1024)}. (${x.otherRequests} other responses — HTML, API, images — not counted.)`,
      '',
    )
  }
  if (analysis.trim()) L.push('## Analysis', '', analysis.trim(), '')
  return L.join('\n')
}
