// Hot reads as named statements with generic plans (cloud/store/preparedStatements.ts), on the PostgreSQL server: a
// statement is prepared once per connection and then only executed, the generic plan is the one used, a failed
// statement leaves nothing broken behind, and past the per-connection limit statements still run.
import { sql } from 'kysely'
import { openPreparedStatements, preparedQuery, type PreparedStatements } from '../../cloud/store/preparedStatements'
import { openTestDatabase, type TestDatabase } from '../support/databases'

describe('prepared reads on PostgreSQL', () => {
  let database: TestDatabase
  let reads: PreparedStatements

  beforeAll(async () => {
    database = await openTestDatabase('postgres')
    // One connection, so what the server keeps for the session can be read back through the same reader.
    reads = openPreparedStatements(database.url!, 1)
  })
  afterAll(async () => {
    await reads?.close()
    await database?.close()
  })

  const kept = async () =>
    reads.execute(sql<{ statement: string; generic_plans: number; custom_plans: number }>`SELECT statement, generic_plans::int, custom_plans::int FROM pg_prepared_statements`.compile(database.db))

  it('when a read runs three times with different values, then the server prepared it once and used its generic plan every time', async () => {
    const q = (district: string) => sql<{ n: number }>`SELECT count(*)::int AS n FROM institutions WHERE district = ${district} /* t1 */`.compile(database.db)
    for (const d of ['siming', 'huli', 'jimei']) await reads.execute(q(d))
    const mine = (await kept()).filter((s) => s.statement.includes('/* t1 */'))
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ generic_plans: 3, custom_plans: 0 })
  })

  it('when a read runs, then its connection plans generically and can start no parallel workers', async () => {
    // A generic plan guesses without the values: at a million institutions it gathered two workers for a pinyin term
    // of 27 matches (38 ms against 1).
    const settings = await reads.execute(sql<{ workers: string; mode: string }>`SELECT current_setting('max_parallel_workers_per_gather') AS workers, current_setting('plan_cache_mode') AS mode`.compile(database.db))
    expect(settings).toEqual([{ workers: '0', mode: 'force_generic_plan' }])
  })

  it('when either pool reads, then a bitmap of a million institutions\' pages fits its memory (work_mem 16 MB), the other pool\'s settings apart', async () => {
    // At 4 MB a common pinyin slice's bitmap went lossy and every row of a lossy page had its slices computed again.
    const q = sql<{ mem: string; cost: string }>`SELECT current_setting('work_mem') AS mem, current_setting('random_page_cost') AS cost`
    expect(await reads.execute(q.compile(database.db))).toEqual([{ mem: '16MB', cost: '4' }])
    expect((await q.execute(database.db)).rows).toEqual([{ mem: '16MB', cost: '1.1' }])
  })

  it('when a read fails, then the error reaches the caller and the next read on the pool works', async () => {
    await expect(reads.execute(sql`SELECT 1 / ${0}::int AS x`.compile(database.db))).rejects.toThrow(/division by zero/)
    await expect(reads.execute(sql<{ x: number }>`SELECT ${2}::int AS x`.compile(database.db))).resolves.toEqual([{ x: 2 }])
  })

  it('when more distinct reads than the per-connection limit run, then every one answers and the server keeps no more than the limit', async () => {
    for (let k = 0; k < 230; k++) {
      const rows = await reads.execute(sql<{ k: number }>`SELECT ${k}::int AS k /* distinct ${sql.raw(String(k))} */`.compile(database.db))
      expect(rows).toEqual([{ k }])
    }
    expect((await kept()).length).toBeLessThanOrEqual(200)
  })

  it('when no prepared reads are given (PGlite), then the same read runs through the ordinary pool', async () => {
    const q = sql<{ x: number }>`SELECT ${5}::int AS x`.compile(database.db)
    expect(await preparedQuery(undefined, database.db, q)).toEqual([{ x: 5 }])
    expect(await preparedQuery(database.prepared, database.db, q)).toEqual([{ x: 5 }])
  })
})
