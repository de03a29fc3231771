// The fuzz (issue 8, point 5): through the HTTP gateway, on PGlite and on PostgreSQL, FUZZ_RUNS (300) generated
// inputs for every function × action of the registry — wrong types, missing and extra keys, huge and odd strings,
// control characters, lone surrogates, deep nesting, odd numbers and dates, bad cursors, and valid-shaped inputs
// with one field broken — from anonymous callers, citizens, staff, the admin and forged tokens. Every answer is the
// envelope with a Chinese message and the status of its code; never `internal`; `unavailable` only where the
// profile leaves the feature unconfigured (UNCONFIGURED). The seed is fixed (FUZZ_SEED to change it); a failure
// prints it with the shrunk counterexample. `npm run fuzz` runs the same generators ≥ 10,000 times per action.
import fc from 'fast-check'
import { DB_KINDS, type DbKind } from '../support/databases'
import { caseArbitrary, fuzzTargets, rawRequestArbitrary, targetName } from '../support/fuzzInputs'
import { openFuzzGateway, UNCONFIGURED, type FuzzGateway, type FuzzProfile } from '../support/fuzzGateway'
import { functions } from '../../cloud/functions/registry'

const SEED = Number(process.env.FUZZ_SEED || 20261202)
const RUNS = Number(process.env.FUZZ_RUNS || 300)
/** PGlite runs bare (no WeChat, SQL search); PostgreSQL with a fake WeChat and the search index. */
const PROFILE: Record<DbKind, FuzzProfile> = { pglite: 'bare', postgres: 'wechat' }

const targets = fuzzTargets()

it('covers every action of every function in the registry', () => {
  expect(targets.map(targetName).sort()).toEqual(Object.entries(functions).flatMap(([fn, f]) => Object.keys(f.actions).map((a) => `${fn}.${a}`)).sort())
  expect(targets.length).toBeGreaterThanOrEqual(20)
  // Whatever is listed as unconfigured is a real action.
  for (const name of Object.values(UNCONFIGURED).flat()) expect(targets.map(targetName)).toContain(name)
})

describe.each(DB_KINDS)('fuzz through the gateway on %s', (kind) => {
  let gw: FuzzGateway
  beforeAll(async () => {
    gw = await openFuzzGateway(kind, PROFILE[kind])
  })
  afterAll(async () => {
    await gw?.close()
  })

  it.each(targets.map((t) => [targetName(t), t] as const))(`%s: ${RUNS} generated inputs, never a 500, always the envelope`, async (_name, target) => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary(target, gw.ctx), async (c) => {
        const r = await gw.send(target, c)
        if (r.problem) throw new Error(`${r.problem}\n  caller ${c.caller}, body ${c.body.slice(0, 500)}`)
      }),
      { numRuns: RUNS, seed: SEED },
    )
  })

  // POST /internal/search (the index answering for cloud-function instances) takes a search's input as the function
  // does, from a caller holding the service's secret.
  it(`the search service's route: ${RUNS} generated search inputs and ${RUNS} odd requests, never a 500, always the envelope`, async () => {
    const search = targets.find((t) => targetName(t) === 'institutions.search')!
    const answered: Record<number, number> = {}
    await fc.assert(
      // The route takes the input without the function's `action` (the generator writes it last).
      fc.asyncProperty(caseArbitrary(search, gw.ctx).map((c) => c.body.replace(/,?"action":"search"}$/, '}')), async (body) => {
        const a = await gw.sendToSearchService({ method: 'POST', contentType: 'application/json', body: Buffer.from(body) })
        answered[a.status] = (answered[a.status] ?? 0) + 1
        if (a.problem) throw new Error(`${a.problem}\n  body ${body.slice(0, 500)}`)
      }),
      { numRuns: RUNS, seed: SEED },
    )
    // The generated inputs reach the index, not only the schema's refusals.
    expect(answered[gw.profile === 'bare' ? 503 : 200]).toBeGreaterThan(RUNS / 10)
    await fc.assert(
      fc.asyncProperty(rawRequestArbitrary(), async (r) => {
        const a = await gw.sendToSearchService(r)
        if (a.problem) throw new Error(`${a.problem}\n  ${r.method} ${r.contentType ?? ''} ${r.body?.toString('latin1').slice(0, 300) ?? ''}`)
      }),
      { numRuns: RUNS, seed: SEED },
    )
  })

  it(`when the request itself is odd (not JSON, other methods and content types, huge bodies), then ${RUNS} answers are envelopes too`, async () => {
    await fc.assert(
      fc.asyncProperty(rawRequestArbitrary(), async (r) => {
        const a = await gw.sendRaw(r)
        if (a.problem) throw new Error(`${a.problem}\n  ${r.method} ${r.path} ${r.contentType ?? ''} ${r.body?.toString('latin1').slice(0, 300) ?? ''}`)
      }),
      { numRuns: RUNS, seed: SEED },
    )
  })
})
