// Child-process helper (one process per PGlite directory, and the bench process stays lean):
//   count                → {"institutions": N}
//   profile <terms.json> → per class, single-connection timings of the page query and the count(*) query the
//                          store runs for each term, and EXPLAIN (ANALYZE, BUFFERS) of the slowest term.
// Reads DATABASE_URL / DATA_DIR like the app does. Writes one JSON line to stdout, prefixed with "RESULT ".
import fs from 'node:fs'
import { CompiledQuery, createQueryId, type KyselyPlugin, type RootOperationNode } from 'kysely'
import { readConfig } from '../cloud/config'
import { openDatabase } from '../cloud/store/db'
import { searchInstitutions } from '../cloud/store/institutionRepo'
import { classifyQuery } from '../src/domain/query'

interface ProfileInput {
  classes: { id: string; label: string; terms: string[]; offset?: number }[]
  termsPerClass: number
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b)
  const at = (p: number) => s[Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length))) - 1]
  return { n: s.length, mean: s.reduce((a, b) => a + b, 0) / s.length, p50: at(50), p95: at(95), max: s[s.length - 1] }
}

async function main() {
  const [cmd, file] = process.argv.slice(2)
  const config = readConfig({ ...process.env, AUTH_MODE: 'dev', DEMO_DATABASE: 'true' })
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 })
  try {
    if (cmd === 'count') {
      let n = 0
      try {
        const row = await handle.db.selectFrom('institutions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
        n = Number(row.n)
      } catch {
        n = 0 // no table yet
      }
      console.log('RESULT ' + JSON.stringify({ institutions: n }))
      return
    }
    if (cmd !== 'profile') throw new Error(`unknown command ${cmd}`)
    const input = JSON.parse(fs.readFileSync(file, 'utf8')) as ProfileInput
    const db = handle.db
    const executor = db.getExecutor()
    let captured: RootOperationNode[] = []
    const capture: KyselyPlugin = {
      transformQuery: (args) => (captured.push(args.node), args.node),
      transformResult: async (args) => args.result,
    }
    const spy = db.withPlugin(capture)
    /** The two statements the store issues for one search (page, count), compiled exactly as it runs them. */
    async function statementsFor(term: string, offset: number) {
      captured = []
      const res = await searchInstitutions(spy, { query: classifyQuery(term), sortByDistance: false, after: { kind: 'offset', offset }, limit: 20 })
      const compiled = captured.map((n) => executor.compileQuery(n, createQueryId()))
      return { total: res.total, compiled }
    }
    const time = async (q: CompiledQuery) => {
      const t0 = process.hrtime.bigint()
      await db.executeQuery(q)
      return Number(process.hrtime.bigint() - t0) / 1e6
    }
    const out: unknown[] = []
    for (const c of input.classes) {
      const terms = c.terms.slice(0, input.termsPerClass)
      const rows: { term: string; total: number; page: number; count: number; sqls: CompiledQuery[] }[] = []
      for (const term of terms) {
        const { total, compiled } = await statementsFor(term, c.offset ?? 0)
        // Identify the count statement by its text; the rest is the page.
        const countQ = compiled.find((q) => /count\(\*\)/i.test(q.sql))
        const pageQ = compiled.find((q) => q !== countQ)
        const page = pageQ ? await time(pageQ) : 0
        const count = countQ ? await time(countQ) : 0
        rows.push({ term, total, page, count, sqls: compiled })
      }
      const worst = rows.reduce((a, b) => (b.page + b.count > a.page + a.count ? b : a))
      const explain: { sql: string; params: readonly unknown[]; plan: string }[] = []
      for (const q of worst.sqls) {
        const r = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw('EXPLAIN (ANALYZE, BUFFERS) ' + q.sql, [...q.parameters]))
        explain.push({ sql: q.sql, params: q.parameters, plan: r.rows.map((x) => x['QUERY PLAN']).join('\n') })
      }
      out.push({
        id: c.id,
        label: c.label,
        page: stats(rows.map((r) => r.page)),
        count: stats(rows.map((r) => r.count)),
        total: stats(rows.map((r) => r.total)),
        worst: { term: worst.term, total: worst.total, page: worst.page, count: worst.count, explain },
      })
    }
    console.log('RESULT ' + JSON.stringify(out))
  } finally {
    await handle.close()
  }
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
