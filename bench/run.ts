// `npm run bench [-- --only search,submit,sizes,h5,shapes,inbox,observations,burst,gateways,cold,million] [--db pglite|postgres] [--fresh] [--duration 6] [--warmup 2]
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
import { benchShapes, renderMillion, renderShapes } from './shapes'
import { benchInbox, renderInbox } from './inbox'
import { benchObservations, renderObservations } from './observations'
import { benchBurst, renderBurst } from './searchBurst'
import { benchGateways, renderGateways } from './twoGateways'
import { benchCold, renderCold } from './coldStart'
import type { DbKind } from './data'
import { spliceSection, withSectionBudgets } from './sections'

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
      for (const p of o.only) if (!['search', 'submit', 'sizes', 'h5', 'shapes', 'inbox', 'observations', 'burst', 'gateways', 'cold', 'million'].includes(p)) throw new Error(`--only takes search, submit, sizes, h5, shapes, inbox, observations, burst, gateways, cold, million (got ${p})`)
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

/** A bench that writes only its own section of RESULTS.md. */
interface OwnSection {
  name: string
  run: () => Promise<unknown>
  render: (at: string, machine: string, report: unknown, error?: string) => string
  settings?: Record<string, unknown>
}

function own<R>(name: string, run: () => Promise<R>, render: (at: string, machine: string, report: R | undefined, error?: string) => string, settings?: Record<string, unknown>): OwnSection {
  return { name, run, render: (at, machine, report, error) => render(at, machine, report as R | undefined, error), settings }
}

async function main() {
  const o = parseArgs(process.argv.slice(2))
  const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`)
  const results = load()
  const t0 = Date.now()
  // The benches that write their own section of RESULTS.md (`--only NAME`), in the page's order.
  const ownSections: OwnSection[] = [
    // 20 connections for the inbox, as its budget says; 100 phones for the sync.
    own('shapes', () => benchShapes({ ...o, fresh: o.fresh, log }), renderShapes, { concurrency: o.concurrency, durationMs: o.durationMs, institutions: o.institutions }),
    own('inbox', () => benchInbox({ complaints: o.complaints, concurrency: 20, durationMs: o.durationMs, warmupMs: o.warmupMs, log }), renderInbox, { complaints: o.complaints, concurrency: 20, durationMs: o.durationMs }),
    own('observations', () => benchObservations({ log }), renderObservations),
    // Searches at 50 connections while institutions change (issue 12, point 2).
    own('burst', () => benchBurst({ institutions: o.institutions, concurrency: o.concurrency, durationMs: o.durationMs, warmupMs: o.warmupMs, log }), renderBurst, { concurrency: o.concurrency, durationMs: o.durationMs, institutions: o.institutions }),
    // One gateway process against two on the same database (issue 12, point 4).
    own('gateways', () => benchGateways({ durationMs: o.durationMs, warmupMs: o.warmupMs, log }), renderGateways, { durationMs: o.durationMs }),
    // A bundled function's first answer in fresh processes at 100k (issue 12, point 5).
    own('cold', () => benchCold({ institutions: o.institutions, fresh: o.fresh, baselineDir: process.env.BENCH_COLD_BASELINE || undefined, log }), renderCold, { institutions: o.institutions, samples: 5 }),
    // Every shape at 1,000,000 institutions, in a database of their own (issue 12, point 6).
    own('million', () => benchShapes({ ...o, institutions: 1_000_000, fresh: o.fresh, viaService: true, log }), renderMillion, { concurrency: o.concurrency, durationMs: o.durationMs, institutions: 1_000_000 }),
  ]
  const save = () => {
    fs.writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 1))
    const analysis = fs.existsSync(path.join(HERE, 'ANALYSIS.md'))
      ? 'Where the time goes in the failing budgets, and what to change: see [ANALYSIS.md](ANALYSIS.md) (written by hand from a run of this bench; re-check it against the figures above).'
      : ''
    // Sections in order: search, sizes, H5, submits, then those the benches below write alone, then fuzz (6) last,
    // since `npm run fuzz` rewrites everything from its heading on.
    let md = renderMarkdown(results, analysis) + renderSubmit(results.submit)
    for (const section of ownSections) {
      const r = (results as unknown as Record<string, Stamped<unknown> | undefined>)[section.name]
      if (r) md = spliceSection(md, section.name, section.render(r.at, r.machine, r.report, r.error))
    }
    fs.writeFileSync(RESULTS_MD, withSectionBudgets(md + (results.fuzz ? `\n${renderFuzz(results.fuzz)}` : '')))
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
  for (const section of ownSections) {
    if (!o.only.includes(section.name)) continue
    // Writes only its own section, so sections other benches or people added to RESULTS.md stay as they are.
    const r = await stamped(section.run, section.settings)
    ;(results as unknown as Record<string, Stamped<unknown>>)[section.name] = r
    fs.writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 1))
    const md = fs.existsSync(RESULTS_MD) ? fs.readFileSync(RESULTS_MD, 'utf8') : ''
    fs.writeFileSync(RESULTS_MD, withSectionBudgets(spliceSection(md, section.name, section.render(r.at, r.machine, r.report, r.error))))
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
