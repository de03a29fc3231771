// `npm run fuzz [-- --runs 10000] [--seed N] [--db pglite|postgres] [--concurrency 8]`
// The fuzz suite's generators (test/support/fuzzInputs.ts), at volume: RUNS inputs per function × action of the
// registry, through the gateway, on PGlite (bare profile) and PostgreSQL (fake WeChat), plus RUNS odd raw requests.
// Nothing stops at the first problem: every answer is checked like in the jest suite and counted; the figures
// (runs, status codes, problems with their first examples, duration, seed) go to results.json and to the
// "6. Fuzz" section of bench/RESULTS.md, leaving the other sections as they are. Exits 1 when any answer was wrong.
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { caseArbitrary, fuzzTargets, rawRequestArbitrary, targetName, type FuzzCase, type RawRequest } from '../test/support/fuzzInputs'
import { openFuzzGateway, UNCONFIGURED, type FuzzGateway, type FuzzProfile } from '../test/support/fuzzGateway'
import type { DbKind } from '../test/support/databases'
import { machine, type Results } from './report'
import { renderFuzz, type FuzzReport, type FuzzRun } from './fuzzReport'

const HERE = __dirname
const RESULTS_JSON = path.join(HERE, 'results.json')
const RESULTS_MD = path.join(HERE, 'RESULTS.md')
const PROFILE: Record<DbKind, FuzzProfile> = { pglite: 'bare', postgres: 'wechat' }

function parseArgs(argv: string[]) {
  const o = { runs: 10_000, seed: 20261202, dbs: ['pglite', 'postgres'] as DbKind[], concurrency: 8, chunk: 50 }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const next = () => argv[++i]
    if (a === '--runs') o.runs = Number(next())
    else if (a === '--seed') o.seed = Number(next())
    else if (a === '--db') o.dbs = [next() as DbKind]
    else if (a === '--concurrency') o.concurrency = Number(next())
    else throw new Error(`unknown argument ${a}`)
  }
  return o
}

/**
 * Runs `total` generated items, `concurrency` at a time, generated in small seeded chunks: generation is synchronous
 * and the gateway shares this process, so a long chunk would stall both and make requests time out.
 */
async function drive<T>(arb: fc.Arbitrary<T>, total: number, seed: number, chunk: number, concurrency: number, each: (item: T) => Promise<void>) {
  for (let done = 0, c = 0; done < total; done += chunk, c++) {
    const items = fc.sample(arb, { numRuns: Math.min(chunk, total - done), seed: seed + c })
    let next = 0
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < items.length) await each(items[next++])
    }))
  }
}

/** fetch's own error says only "fetch failed"; the cause says why (a reset, a timeout). */
const failure = (e: unknown) => `${String(e)}${e instanceof Error && e.cause ? ` (${String((e.cause as { code?: string }).code ?? e.cause)})` : ''}`

async function fuzzOne(gw: FuzzGateway, o: ReturnType<typeof parseArgs>, save: (run: FuzzRun) => void): Promise<FuzzRun> {
  const started = Date.now()
  const all = [...fuzzTargets().map((t) => ({ name: targetName(t), t })), { name: '(raw requests)', t: undefined }]
  const run: FuzzRun = { kind: gw.kind, profile: gw.profile, unconfigured: [...UNCONFIGURED[gw.profile]], seconds: 0, targetCount: all.length, targets: [] }
  for (const target of all) {
    const t0 = Date.now()
    const statuses: Record<string, number> = {}
    const problems: { problem: string; example: string }[] = []
    let problemCount = 0
    const count = (status: number, problem: string | undefined, example: () => string) => {
      statuses[status] = (statuses[status] ?? 0) + 1
      if (problem) {
        problemCount++
        if (problems.length < 5) problems.push({ problem: problem.slice(0, 300), example: example().slice(0, 300) })
      }
    }
    if (target.t) {
      const t = target.t
      await drive(caseArbitrary(t, gw.ctx), o.runs, o.seed, o.chunk, o.concurrency, async (c: FuzzCase) => {
        const r = await gw.send(t, c).catch((e) => ({ status: 0, problem: `request failed: ${failure(e)}` }))
        count(r.status, r.problem, () => `${c.caller} ${c.body}`)
      })
    } else {
      await drive(rawRequestArbitrary(), o.runs, o.seed, o.chunk, o.concurrency, async (r: RawRequest) => {
        const a = await gw.sendRaw(r).catch((e) => ({ status: 0, problem: `request failed: ${failure(e)}` }))
        count(a.status, a.problem, () => `${r.method} ${r.path} ${r.contentType ?? ''} ${r.body?.toString('latin1') ?? ''}`)
      })
    }
    run.targets.push({ target: target.name, runs: o.runs, statuses, problems: problemCount, examples: problems, seconds: (Date.now() - t0) / 1000 })
    run.seconds = (Date.now() - started) / 1000
    save(run)
    console.log(`  ${gw.kind} ${target.name}: ${o.runs} runs in ${((Date.now() - t0) / 1000).toFixed(1)} s, statuses ${JSON.stringify(statuses)}${problemCount ? `, ${problemCount} PROBLEMS` : ''}`)
  }
  return run
}

/** Writes the figures so far: this database's run replaces its previous one, the other database's is kept. */
function saver(o: ReturnType<typeof parseArgs>) {
  return (run: FuzzRun) => {
    const results = (fs.existsSync(RESULTS_JSON) ? JSON.parse(fs.readFileSync(RESULTS_JSON, 'utf8')) : { search: {} }) as Results
    const kept = (results.fuzz?.report?.runs ?? []).filter((r) => r.kind !== run.kind)
    const runs = [...kept, run].sort((a, b) => a.kind.localeCompare(b.kind))
    const report: FuzzReport = { seed: o.seed, runsPerTarget: o.runs, concurrency: o.concurrency, seconds: Math.max(...runs.map((r) => r.seconds)), runs }
    results.fuzz = { at: new Date().toISOString(), machine: machine(), settings: { runs: o.runs, seed: o.seed, concurrency: o.concurrency }, report }
    fs.writeFileSync(RESULTS_JSON, JSON.stringify(results, null, 1))
    // The fuzz section is the last of RESULTS.md: everything before it stays as it is.
    const md = fs.existsSync(RESULTS_MD) ? fs.readFileSync(RESULTS_MD, 'utf8') : ''
    const at = md.indexOf('\n## 6. Fuzz')
    fs.writeFileSync(RESULTS_MD, (at >= 0 ? md.slice(0, at + 1) : md.endsWith('\n') ? `${md}\n` : `${md}\n\n`) + renderFuzz(results.fuzz))
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2))
  const save = saver(o)
  let problems = 0
  for (const kind of o.dbs) {
    console.log(`fuzz on ${kind} (${PROFILE[kind]}): ${o.runs} runs per target, seed ${o.seed}, concurrency ${o.concurrency}`)
    const gw = await openFuzzGateway(kind, PROFILE[kind])
    try {
      const run = await fuzzOne(gw, o, save)
      problems += run.targets.reduce((n, t) => n + t.problems, 0)
    } finally {
      await gw.close()
    }
  }
  console.log(`fuzz: ${problems} wrong answer(s); bench/RESULTS.md updated`)
  process.exit(problems ? 1 : 0)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
