// Hot statements as named statements with generic plans, on a PostgreSQL server: each is parsed and planned once per
// connection, then only executed. Measured on the workbench's inbox (bench §7 and ANALYSIS.md §5): planning the
// first page's statement cost more than running it, about 1.4 ms of the server's CPU per request against 0.55 ms
// prepared. A staff step's one statement (write and page, ticketStep.ts) runs here too: 3.4–4.5 ms of the server's
// CPU per step unnamed, 2.6–3.1 ms named. Statements here run alone, never in a transaction of several.
//
// Only for statements whose plan does not depend on the values: a generic plan is made before the values are known,
// so a LIKE prefix or a filter whose selectivity swings with its value belongs on the ordinary path, which plans
// each statement for its values. The connections are their own small pool so that setting cannot leak into other
// statements.
import crypto from 'node:crypto'
import type { CompiledQuery, Kysely } from 'kysely'
import type pg from 'pg'
import { serverPool } from './serverPool'

export interface PreparedStatements {
  /** Runs a compiled statement as a named one (parsed and planned once per connection). */
  execute<R>(query: CompiledQuery<R>): Promise<R[]>
  close(): Promise<void>
}

/** Statements kept per connection; past it, a statement runs unnamed (the server keeps each prepared one). */
const MAX_NAMED_PER_CONNECTION = 200

export function openPreparedStatements(connectionString: string, poolSize: number): PreparedStatements {
  // No parallel workers: a generic plan is made before the values are known, and at a million institutions it
  // guessed a pinyin term's slices at 5,000 rows and gathered two workers for 27 (38 ms, against 1 ms without; full
  // pinyin from SQL fell from 120 to 28 req/s, bench/ANALYSIS.md §18). Starting workers for a statement that reads a
  // page is never worth it here: every connection is one of many, on as many cores as the server has.
  const pool = serverPool(connectionString, poolSize, 'prepared-statement connection', '-c plan_cache_mode=force_generic_plan -c max_parallel_workers_per_gather=0')
  const named = new WeakMap<pg.PoolClient, Set<string>>()
  return {
    async execute<R>(query: CompiledQuery<R>): Promise<R[]> {
      const client = await pool.connect()
      let failed: Error | undefined
      try {
        const name = statementName(query.sql)
        let kept = named.get(client)
        if (!kept) named.set(client, (kept = new Set()))
        const useName = kept.has(name) || kept.size < MAX_NAMED_PER_CONNECTION
        const result = await client.query<R & pg.QueryResultRow>({ text: query.sql, values: [...query.parameters], ...(useName ? { name } : {}) })
        if (useName) kept.add(name)
        return result.rows
      } catch (e) {
        failed = e as Error
        throw e
      } finally {
        // A connection that failed is dropped, not returned: its state (and its prepared statements) is unknown.
        client.release(failed)
      }
    },
    close: () => pool.end(),
  }
}

/** Names by statement text, so that a text (1–3 KB) is hashed once, not on every execution. Texts are few (values
 *  are parameters; the literals are page sizes, districts and bounds), and the map is emptied should they not be. */
const names = new Map<string, string>()
function statementName(text: string): string {
  let name = names.get(text)
  if (name === undefined) {
    if (names.size >= 2_000) names.clear()
    names.set(text, (name = `r${crypto.createHash('sha1').update(text).digest('hex').slice(0, 24)}`))
  }
  return name
}

/** A statement through the prepared ones where the server offers them (PGlite does not), else as usual. */
export async function preparedQuery<R, DB>(prepared: PreparedStatements | undefined, db: Kysely<DB>, compiled: CompiledQuery<R>): Promise<R[]> {
  return prepared ? prepared.execute(compiled) : (await db.executeQuery(compiled)).rows
}
