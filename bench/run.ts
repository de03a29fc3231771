// `npm run bench [-- --only search,submit,sizes,h5,shapes,inbox,observations,burst,gateways,cold] [--db pglite|postgres] [--fresh] [--duration 6] [--warmup 2]
//                 [--concurrency 50] [--no-explain] [--term-cache N] [--complaints 100000] [--render-only]`
// Runs the budgets (search latency at 100k institutions on PGlite and PostgreSQL, WeChat package sizes, H5 first
// load), prints a summary and rewrites bench/RESULTS.md. Raw figures are kept in bench/results.json so that
// `--only` re-measures one part and keeps the latest figures of the others.
import fs from 'node:fs'
import { benchSubmit, renderSubmit } from './submit'
import path from 'node:path'
import { benchH5 } from './h5'
import { machine, renderMarkdown, verdicts, type Results, type Stamped } from './report'
import { benchSearch } from './search'
import { benchSizes } from './sizes'
import { renderFuzz } from './fuzzReport'
import { benchShapes, renderShapes, spliceShapes, type ShapesReport } from './shapes'
import { benchInbox, renderInbox, spliceInbox, type InboxReport } from './inbox'
import { benchObservations, renderObservations, spliceObservations, type ObservationsReport } from './observations'
import { benchBurst, renderBurst, spliceBurst, type BurstReport } from './searchBurst'
import { benchGateways, renderGateways, spliceGateways, type GatewaysReport } from './twoGateways'
import { benchCold, renderCold, spliceCold, type ColdReport } from './coldStart'
import type { DbKind } from './data'

const HERE = __dirname
const RESULTS_JSON = path.join(HERE, 'results.json')
const RESULTS_MD = path.join(HERE, 'RESULTS.md')

function parseArgs(argv: string[]) {
  const o = {
    only: ['search', 'submit', 'sizes', 'h5', 'inbox', 'observations'],
    dbs: ['pglite', 'postgres'] as DbKind[],
    fresh: false,
    durationMs: 6000,
    warmupMs: 2000,
    concurrency: 50,
    explain: true,
    cacheSize: undefined as string | undefined,
    institutions: 100_000,
    complaints: 100_000,
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const val = () => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${a} needs a value`)
      return v
    }
    const num = (min: number, max: number) => {
      const n = Number(val())
      if (!Number.isFinite(n) || n < min || n > max) throw new Error(`${a} must be a number from ${min} to ${max}`)
      return n
    }
    if (a === '--only') {
      o.only = val().split(',')
      for (const p of o.only) if (!['search', 'submit', 'sizes', 'h5', 'shapes', 'inbox', 'observations', 'burst', 'gateways', 'cold'].includes(p)) throw new Error(`--only takes search, submit, sizes, h5, shapes, inbox, observations, burst, gateways, cold (got ${p})`)
    } else if (a === '--db') {
      o.dbs = val().split(',') as DbKind[]
      for (const d of o.dbs) if (d !== 'pglite' && d !== 'postgres') throw new Error(`--db takes pglite or postgres (got ${d})`)
    } else if (a === '--fresh') o.fresh = true
    else if (a === '--render-only') o.only = []
    else if (a === '--duration') o.durationMs = num(1, 60) * 1000
    else if (a === '--warmup') o.warmupMs = num(0, 30) * 1000
    else if (a === '--concurrency') o.concurrency = num(1, 500)
    else if (a === '--no-explain') o.explain = false
    else if (a === '--term-cache') o.cacheSize = String(num(0, 100_000_000))
    else if (a === '--institutions') o.institutions = num(1000, 1_000_000)
    else if (a === '--complaints') o.complaints = num(1000, 1_000_000)
    else throw new Error(`unknown argument ${a}`)
  }
  return o
}

function load(): Results {
  try {
    return JSON.parse(fs.readFileSync(RESULTS_JSON, 'utf8')) as Results
  } catch {
    return { search: {} }
  }
}

async function stamped<T>(fn: () => Promise<T>, settings?: Record<string, unknown>): Promise<Stamped<T>> {
  const at = new Date().toISOString()
  try {
    return { at, machine: machine(), settings, report: await fn() }
  } catch (e) {
    const error = e instanceof Error ? e.stack ?? e.message : String(e)
    console.error(error)
    return { at, machine: machine(), settings, error }
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2))
  const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`)
  const results = load()
  const t0 = Date.now()
  const save = () => {
    fs.writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 1))
    const analysis = fs.existsSync(path.join(HERE, 'ANALYSIS.md'))
      ? 'Where the time goes in the failing budgets, and what to change: see [ANALYSIS.md](ANALYSIS.md) (written by hand from a run of this bench; re-check it against the figures above).'
      : ''
    const shapes = (results as Results & { shapes?: Stamped<ShapesReport> }).shapes
    // Sections in order: search, sizes, H5, submits, shapes (5), then fuzz (6) last, since `npm run fuzz` rewrites
    // everything from its heading on.
    const md = renderMarkdown(results, analysis) + renderSubmit(results.submit)
    const withShapes = shapes ? spliceShapes(md, renderShapes(shapes.at, shapes.machine, shapes.report, shapes.error)) : md
    const inbox = (results as Results & { inbox?: Stamped<InboxReport> }).inbox
    const withInbox = inbox ? spliceInbox(withShapes, renderInbox(inbox.at, inbox.machine, inbox.report, inbox.error)) : withShapes
    const obs = (results as Results & { observations?: Stamped<ObservationsReport> }).observations
    const withObs = obs ? spliceObservations(withInbox, renderObservations(obs.at, obs.machine, obs.report, obs.error)) : withInbox
    const burst = (results as Results & { burst?: Stamped<BurstReport> }).burst
    const withBurst = burst ? spliceBurst(withObs, renderBurst(burst.at, burst.machine, burst.report, burst.error)) : withObs
    const gateways = (results as Results & { gateways?: Stamped<GatewaysReport> }).gateways
    const withGateways = gateways ? spliceGateways(withBurst, renderGateways(gateways.at, gateways.machine, gateways.report, gateways.error)) : withBurst
    const cold = (results as Results & { cold?: Stamped<ColdReport> }).cold
    const withCold = cold ? spliceCold(withGateways, renderCold(cold.at, cold.machine, cold.report, cold.error)) : withGateways
    fs.writeFileSync(RESULTS_MD, withCold + (results.fuzz ? `\n${renderFuzz(results.fuzz)}` : ''))
  }
  if (o.only.includes('search')) {
    for (const kind of o.dbs) {
      const settings = { concurrency: o.concurrency, durationMs: o.durationMs, warmupMs: o.warmupMs, cacheSize: o.cacheSize, institutions: o.institutions }
      results.search[kind] = await stamped(() => benchSearch(kind, { ...o, log }), settings)
      save()
    }
  }
  if (o.only.includes('submit')) {
    results.submit = await stamped(() => benchSubmit({ log, warmupMs: o.warmupMs }))
    save()
  }
  if (o.only.includes('sizes')) {
    results.sizes = await stamped(() => benchSizes(log))
    save()
  }
  if (o.only.includes('h5')) {
    results.h5 = await stamped(() => benchH5(log))
    save()
  }
  if (o.only.includes('shapes')) {
    // Writes only its own section, so sections other benches or people added to RESULTS.md stay as they are.
    const shapes = await stamped(() => benchShapes({ ...o, fresh: o.fresh, log }), { concurrency: o.concurrency, durationMs: o.durationMs, institutions: o.institutions })
    ;(results as Results & { shapes?: Stamped<ShapesReport> }).shapes = shapes
    fs.writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 1))
    const md = fs.existsSync(RESULTS_MD) ? fs.readFileSync(RESULTS_MD, 'utf8') : ''
    fs.writeFileSync(RESULTS_MD, spliceShapes(md, renderShapes(shapes.at, shapes.machine, shapes.report, shapes.error)))
    if (o.only.length === 1) return
  }
  if (o.only.includes('inbox')) {
    // Its own section, like shapes: 20 connections as the budget says.
    const inbox = await stamped(() => benchInbox({ complaints: o.complaints, concurrency: 20, durationMs: o.durationMs, warmupMs: o.warmupMs, log }), { complaints: o.complaints, concurrency: 20, durationMs: o.durationMs })
    ;(results as Results & { inbox?: Stamped<InboxReport> }).inbox = inbox
    fs.writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 1))
    const md = fs.existsSync(RESULTS_MD) ? fs.readFileSync(RESULTS_MD, 'utf8') : ''
    fs.writeFileSync(RESULTS_MD, spliceInbox(md, renderInbox(inbox.at, inbox.machine, inbox.report, inbox.error)))
    if (o.only.length === 1) return
  }
  if (o.only.includes('observations')) {
    // Its own section, like the inbox: 100 phones, the shape the budget names.
    const obs = await stamped(() => benchObservations({ log }))
    ;(results as Results & { observations?: Stamped<ObservationsReport> }).observations = obs
    fs.writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 1))
    const md = fs.existsSync(RESULTS_MD) ? fs.readFileSync(RESULTS_MD, 'utf8') : ''
    fs.writeFileSync(RESULTS_MD, spliceObservations(md, renderObservations(obs.at, obs.machine, obs.report, obs.error)))
    if (o.only.length === 1) return
  }
  if (o.only.includes('burst')) {
    // Its own section, like shapes: searches at 50 connections while institutions change (issue 12, point 2).
    const burst = await stamped(() => benchBurst({ institutions: o.institutions, concurrency: o.concurrency, durationMs: o.durationMs, warmupMs: o.warmupMs, log }), { concurrency: o.concurrency, durationMs: o.durationMs, institutions: o.institutions })
    ;(results as Results & { burst?: Stamped<BurstReport> }).burst = burst
    fs.writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 1))
    const md = fs.existsSync(RESULTS_MD) ? fs.readFileSync(RESULTS_MD, 'utf8') : ''
    fs.writeFileSync(RESULTS_MD, spliceBurst(md, renderBurst(burst.at, burst.machine, burst.report, burst.error)))
    if (o.only.length === 1) return
  }
  if (o.only.includes('gateways')) {
    // Its own section, like the burst: one gateway process against two on the same database (issue 12, point 4).
    const gw = await stamped(() => benchGateways({ durationMs: o.durationMs, warmupMs: o.warmupMs, log }), { durationMs: o.durationMs })
    ;(results as Results & { gateways?: Stamped<GatewaysReport> }).gateways = gw
    fs.writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 1))
    const md = fs.existsSync(RESULTS_MD) ? fs.readFileSync(RESULTS_MD, 'utf8') : ''
    fs.writeFileSync(RESULTS_MD, spliceGateways(md, renderGateways(gw.at, gw.machine, gw.report, gw.error)))
    if (o.only.length === 1) return
  }
  if (o.only.includes('cold')) {
    // Its own section: a bundled function's first answer in fresh processes at 100k (issue 12, point 5).
    const cold = await stamped(() => benchCold({ institutions: o.institutions, fresh: o.fresh, baselineDir: process.env.BENCH_COLD_BASELINE || undefined, log }), { institutions: o.institutions, samples: 5 })
    ;(results as Results & { cold?: Stamped<ColdReport> }).cold = cold
    fs.writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 1))
    const md = fs.existsSync(RESULTS_MD) ? fs.readFileSync(RESULTS_MD, 'utf8') : ''
    fs.writeFileSync(RESULTS_MD, spliceCold(md, renderCold(cold.at, cold.machine, cold.report, cold.error)))
    if (o.only.length === 1) return
  }
  save()
  console.log('\nBudgets:')
  for (const v of verdicts(results)) console.log(`  ${(v.ok === undefined ? 'n/a ' : v.ok ? 'PASS' : 'FAIL').padEnd(5)} ${v.budget.padEnd(40)} ${v.target.padEnd(32)} ${v.result}`)
  console.log(`\nWrote ${path.relative(process.cwd(), RESULTS_MD)} in ${((Date.now() - t0) / 1000).toFixed(0)} s.`)
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})
