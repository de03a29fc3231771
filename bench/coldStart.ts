// Issue 12, point 5: a bundled `institutions` function's cold start at 100,000 institutions on PostgreSQL — a fresh
// Node process per sample (as WeChat starts an instance), from process start to its first search answer.
// `npm run bench -- --only cold` writes only its own section of RESULTS.md (BENCH_PG_DB=yg_bench_search reuses the
// search bench's 100k database instead of seeding one). BENCH_COLD_BASELINE=<a cloud/dist built from an older commit>
// measures that build the same way, beside this one.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { bundleFunctions } from '../cloud/deploy/bundle'
import { callCold } from '../cloud/deploy/coldStart'
import { dbEnv, ensureData, type DataInfo } from './data'
import { startGateway, stubWebRoot } from './gateway'

export interface ColdOptions {
  institutions: number
  /** Fresh processes per shape; the median is reported. */
  samples?: number
  fresh: boolean
  /** A cloud/dist folder built from another commit, measured alike for comparison. */
  baselineDir?: string
  log: (s: string) => void
}

export interface ColdShape {
  id: string
  label: string
  event: Record<string, unknown>
  total: number
  capped: boolean
  /** Per sample, ms: from process start to index.js required, to the first answer; and from spawn to the answer. */
  requireMs: number[]
  firstAnswerMs: number[]
  wallMs: number[]
  /** Files of the bundle folder loaded by the time of the first answer (first sample). */
  loaded: string[]
  /** The baseline build's first answer from process start, per sample, when one was given. */
  baselineMs?: number[]
  /** Asked through the search service (SEARCH_SERVICE_URL to a gateway holding the index) rather than SQL. */
  viaService?: boolean
}

export interface ColdReport {
  data: DataInfo
  samples: number
  bundleKiB: number
  onDemandKiB: number
  nice: number
  load: string
  shapes: ColdShape[]
  baseline?: { dir: string; commit?: string; bundleKiB: number }
}

const BUDGET_MS = 500

const SHAPES: { id: string; label: string; event: Record<string, unknown> }[] = [
  { id: 'chinese', label: 'a Chinese term (舞蹈)', event: { q: '舞蹈' } },
  { id: 'pinyin', label: 'a pinyin term (wudao; highlights split from the stored pinyin)', event: { q: 'wudao' } },
  { id: 'filters', label: 'the filtered home list (district + category + status, no text)', event: { district: 'huli', category: 'arts', status: 'approved' } },
  { id: 'nearby', label: '附近 (nearest first, no text)', event: { lat: 24.4798, lng: 118.0894, sort: 'distance' } },
]

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

export async function benchCold(o: ColdOptions): Promise<ColdReport> {
  const samples = o.samples ?? 5
  const data = await ensureData('postgres', o.institutions, o.fresh, o.log)
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-bench-cold-'))
  const load0 = os.loadavg()
  try {
    const built = (await bundleFunctions(out)).find((f) => f.name === 'institutions')!
    o.log(`cold: institutions bundle ${(built.bytes / 1024).toFixed(0)} KiB (+ ${(built.onDemandBytes / 1024).toFixed(0)} KiB on demand)`)
    const env = dbEnv('postgres', o.institutions)
    fs.mkdirSync(env.DATA_DIR, { recursive: true })
    const shapes: ColdShape[] = SHAPES.map((s) => ({ ...s, total: 0, capped: false, requireMs: [], firstAnswerMs: [], wallMs: [], loaded: [], ...(o.baselineDir ? { baselineMs: [] } : {}) }))
    /** One fresh process's first call of `s`, recorded (its page's total and the files loaded from the first round). An
     *  instance given SEARCH_SERVICE_URL logs when the service did not answer: such a sample is not counted. */
    const sample = async (s: ColdShape, round: number, callEnv: Record<string, string>) => {
      const r = await callCold(path.join(out, 'institutions'), { action: 'search', ...s.event }, callEnv)
      if (!r.answer.ok) throw new Error(`${s.id}: ${JSON.stringify(r.answer).slice(0, 300)}`)
      if (r.stderr.includes('[search service]')) throw new Error(`${s.id}: the search service did not answer: ${r.stderr.slice(-500)}`)
      if (round === 0) {
        const page = r.answer.data as { total: number; totalCapped?: boolean }
        s.total = page.total
        s.capped = page.totalCapped === true
        s.loaded = r.loaded
      }
      s.requireMs.push(r.requireMs)
      s.firstAnswerMs.push(r.firstAnswerMs)
      s.wallMs.push(r.wallMs)
    }
    // Rounds over the shapes rather than one shape at a time, so that a busy moment of the machine spreads over all.
    for (let round = 0; round < samples; round++) {
      for (const s of shapes) {
        await sample(s, round, env)
        if (o.baselineDir) {
          const b = await callCold(path.join(o.baselineDir, 'institutions'), { action: 'search', ...s.event }, env)
          if (!b.answer.ok) throw new Error(`baseline ${s.id}: ${JSON.stringify(b.answer).slice(0, 300)}`)
          s.baselineMs!.push(b.firstAnswerMs)
        }
      }
    }
    // The same first calls with SEARCH_SERVICE_URL: an instance asking a gateway's index (issue 12, point 6), which
    // runs beside it on these two cores; its first answer adds the service's round trip to the connect.
    const secret = 'bench-cold-search-service-secret-0123456789'
    const webRoot = stubWebRoot()
    const service = await startGateway({ ...env, AUTH_MODE: 'dev', SAMPLE_DATA: 'false', WEB_ROOT: webRoot, SEARCH_SERVICE_SECRET: secret }, { timeoutMs: 300_000, waitForIndex: true })
    try {
      const viaService: ColdShape[] = SHAPES.map((s) => ({ ...s, id: `${s.id}-service`, label: `${s.label.replace(/;.*\)$/, ')')}, through the search service`, total: 0, capped: false, requireMs: [], firstAnswerMs: [], wallMs: [], loaded: [], viaService: true }))
      const serviceEnv = { ...env, SEARCH_SERVICE_URL: `http://127.0.0.1:${service.port}`, SEARCH_SERVICE_SECRET: secret }
      for (let round = 0; round < samples; round++) {
        for (const s of viaService) await sample(s, round, serviceEnv)
      }
      shapes.push(...viaService)
    } finally {
      await service.stop()
      fs.rmSync(webRoot, { recursive: true, force: true })
    }
    for (const s of shapes) o.log(`cold: ${s.id} first answer median ${median(s.firstAnswerMs).toFixed(0)} ms from process start (${s.firstAnswerMs.map((x) => x.toFixed(0)).join(', ')})`)
    const load1 = os.loadavg()
    return {
      data,
      samples,
      bundleKiB: built.bytes / 1024,
      onDemandKiB: built.onDemandBytes / 1024,
      nice: os.getPriority(),
      load: `load average ${load0[0].toFixed(1)} before, ${load1[0].toFixed(1)} after (1 min; 2 CPUs)`,
      shapes,
      ...(o.baselineDir ? { baseline: { dir: o.baselineDir, commit: commitOf(o.baselineDir), bundleKiB: fs.statSync(path.join(o.baselineDir, 'institutions', 'index.js')).size / 1024 } } : {}),
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true })
  }
}

/** The commit a baseline build's checkout is at, when it is one. */
function commitOf(dir: string): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return undefined
  }
}

const f = (x: number) => x.toFixed(0)

export function renderCold(at: string, machine: string, r: ColdReport | undefined, error?: string): string {
  const out = ['<!-- cold:start -->', '## 11. Cold start of a cloud function (issue 12, point 5)', '']
  if (!r) return [...out, error ? `Last run failed: ${error.slice(0, 500)}` : 'Not measured yet (`npm run bench -- --only cold`).', '<!-- cold:end -->', ''].join('\n')
  out.push(
    `Run ${at.replace('T', ' ').slice(0, 16)} UTC on ${machine}; ${r.load}; the bench and its children at nice ${r.nice}. ` +
      `PostgreSQL 15 with ${r.data.institutions.toLocaleString('en')} institutions. The bundle \`npm run build:cloud\` makes: institutions/index.js ${f(r.bundleKiB)} KiB, ` +
      `plus pinyin-pro.js ${f(r.onDemandKiB)} KiB beside it, required only when a name's syllables cannot be split from its stored pinyin and initials (an ambiguous split, for a pinyin term's highlights). ` +
      `Each sample is a fresh \`node\` process that requires index.js and calls \`main({action: 'search', …})\` once, as a WeChat instance does (connect, migrations check, search). ` +
      `A function instance never builds the in-memory index (only a server calling \`ready()\` does): its searches answer from SQL, or, in the rows "through the search service", from a gateway's index it asks (SEARCH_SERVICE_URL; the gateway runs beside it on the same cores, index built before the first sample). Medians of ${r.samples} processes per shape; ` +
      '"from process start" is `performance.now()` in the child (from its time origin), "from spawn" adds Node\'s own start-up as the parent sees it.',
    r.baseline
      ? ` The baseline column is ${r.baseline.commit ? `the build of commit ${r.baseline.commit}` : r.baseline.dir} (index.js ${f(r.baseline.bundleKiB)} KiB), measured in the same rounds, each process right after this build's; there the first search also started the index build, which these processes cost only until they exit at their answer (a living instance would go on paying for it in its next calls).`
      : '',
    '',
    `| first call | matches | index.js required, ms | first answer from process start, ms (all samples) | from spawn, ms | files loaded |${r.baseline ? ' baseline: first answer, ms (all samples) |' : ''} budget ≤ 500 ms |`,
    `|---|---:|---:|---:|---:|---|${r.baseline ? '---:|' : ''}---|`,
  )
  for (const s of r.shapes) {
    const first = median(s.firstAnswerMs)
    const base = !r.baseline ? '' : s.baselineMs ? ` ${f(median(s.baselineMs))} (${s.baselineMs.map(f).join(', ')}) |` : ' – |'
    out.push(
      `| ${s.label} | ${s.total.toLocaleString('en')}${s.capped ? '+' : ''} | ${f(median(s.requireMs))} | ${f(first)} (${s.firstAnswerMs.map(f).join(', ')}) | ${f(median(s.wallMs))} | ${s.loaded.join(', ')} |${base} ${median(s.wallMs) <= BUDGET_MS ? 'PASS' : '**FAIL**'} |`,
    )
  }
  out.push('', 'The verdict uses the figure from spawn, the stricter of the two.', '', '<!-- cold:end -->', '')
  return out.join('\n')
}
