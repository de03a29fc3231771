// Issue 12, point 2: an index corrected in place (changed rows laid over its base) must answer exactly as a fresh
// build and as SQL, after any sequence of status changes, renames, moves, new institutions and removed ones, for
// searches of every shape; and it must not get there by rebuilding.
import { sql } from 'kysely'
import { mulberry32 } from '../../content/sample/random'
import { generateSample } from '../../content/sample/generate'
import { search } from '../../cloud/services/institutions'
import { KEEP_LOG_MS, SearchIndex } from '../../cloud/services/search/searchIndex'
import { buildInWorker } from '../../cloud/services/search/buildInWorker'
import { shardOf } from '../../cloud/services/search/shardedIndex'
import { DB_KINDS } from '../support/databases'
import { openApi, type ApiClient } from '../support/harness'
import { searchShapes } from '../support/searchShapes'
import { randomChange, targetedQueries } from '../support/institutionChanges'

const sample = generateSample()

describe.each(DB_KINDS)('the search index corrected in place on %s', (kind) => {
  let api: ApiClient
  // Every index these tests make, stopped before the database closes under a build or check still reading.
  const made: SearchIndex[] = []
  const track = (index: SearchIndex) => (made.push(index), index)
  beforeAll(async () => {
    api = await openApi(kind, 'main', { config: { SEARCH_INDEX: 'false' } })
  })
  afterAll(async () => {
    await Promise.all(made.map((index) => index.stop()))
    await api?.close()
  })

  it('when random changes arrive in rounds, then after each the corrected index answers as a fresh build and as SQL, without rebuilding', async () => {
    const db = api.env.db
    const log: string[] = []
    // A long staleness window: only markStale (a write in this process) makes these look at the change log.
    const live = track(new SearchIndex(db, { maxStaleMs: 60_000, scoreAllBelow: 0, log: (l) => log.push(l) }))
    // A small overlay limit: this one builds new bases (in slices) along the way and must answer alike meanwhile.
    const smallLog: string[] = []
    // Split in 4 (SEARCH_INDEX_SHARDS): shards are rebuilt alone and answers merged across them.
    const small = track(new SearchIndex(db, { maxStaleMs: 60_000, maxOverlay: 30, shards: 4, buildSliceMs: 1, log: (l) => smallLog.push(l) }))
    // On PostgreSQL the rebuilt bases and the fresh ones come from a worker thread, as a server builds them.
    const builder = kind === 'postgres' ? buildInWorker(api.databaseUrl!) : undefined
    await Promise.all([live.ready(), small.ready(builder)])
    const bases = (await live.current())!.shards.map((s) => s.base)
    expect(bases).toHaveLength(1) // whole unless configured
    const r = mulberry32(kind === 'postgres' ? 12 : 13)
    const serial = { n: 1 }
    const shapes = searchShapes(sample.institutions, 17)
    let compared = 0
    for (let round = 0; round < 6; round++) {
      const changes = 5 + Math.floor(r() * 30)
      for (let c = 0; c < changes; c++) await randomChange(db, r, serial)
      live.markStale()
      small.markStale()
      const fresh = track(new SearchIndex(db, { maxStaleMs: 0, scoreAllBelow: 0, termCacheRanks: 0 }))
      await fresh.ready(builder)
      for (const q of [...shapes, ...(await targetedQueries(db))]) {
        const fromSql = await search(db, q)
        expect({ round, q, answer: await search(db, q, fresh) }).toEqual({ round, q, answer: fromSql })
        expect({ round, q, answer: await search(db, q, live) }).toEqual({ round, q, answer: fromSql })
        expect({ round, q, answer: await search(db, q, small) }).toEqual({ round, q, answer: fromSql })
        compared += fromSql.items.length
      }
    }
    expect(compared).toBeGreaterThan(3000)
    const now = (await live.current())!
    now.shards.forEach((s, k) => expect(s.base).toBe(bases[k])) // every round was laid over the first build
    expect(now.changedRows).toBeGreaterThan(20)
    expect(log.filter((l) => l.includes('已就绪'))).toHaveLength(1)
    expect(log.filter((l) => l.includes('已更新')).length).toBeGreaterThanOrEqual(6)
    await small.ready(builder)
    expect(smallLog.filter((l) => l.includes('已就绪')).length).toBeGreaterThanOrEqual(2) // the first build and at least one more
    const builds = smallLog.filter((l) => l.includes('已就绪') || l.includes('片已重建'))
    expect(builds.filter((l) => l.includes('在工作线程中构建')).length).toBe(kind === 'postgres' ? builds.length : 0)
  })

  it('when one shard’s overlay outgrows its share, then that shard alone is rebuilt and switched in while the others keep their bases, and answers stay as SQL’s', async () => {
    const db = api.env.db
    const log: string[] = []
    // maxOverlay 40 over 4 shards: a shard is rebuilt past 5 changed rows; 8 changes are still read as rows.
    const index = track(new SearchIndex(db, { maxStaleMs: 60_000, maxOverlay: 40, shards: 4, log: (l) => log.push(l) }))
    await index.ready(kind === 'postgres' ? buildInWorker(api.databaseUrl!) : undefined)
    const before = (await index.current())!.shards.map((s) => s.base)
    const ids = (await sql<{ id: string }>`SELECT id FROM institutions ORDER BY id`.execute(db)).rows.map((r) => r.id)
    const k = 2
    const mine = ids.filter((id) => shardOf(id, 4) === k).slice(0, 8)
    expect(mine).toHaveLength(8)
    for (const id of mine) await sql`UPDATE institutions SET status = 'suspended', status_as_of = '2026-12-01' WHERE id = ${id}`.execute(db)
    index.markStale()
    await index.current() // lays the 8 rows over shard 3 of 4 and starts its rebuild
    await index.ready(kind === 'postgres' ? buildInWorker(api.databaseUrl!) : undefined) // waits for the build in progress
    const after = (await index.current())!
    after.shards.forEach((s, i) => (i === k ? expect(s.base).not.toBe(before[i]) : expect(s.base).toBe(before[i])))
    expect(after.shards[k].changedRows).toBe(0)
    expect(log.filter((l) => l.startsWith(`搜索索引第 ${k + 1}/4 片已重建：`))).toHaveLength(1)
    expect(log.filter((l) => /片已重建/.test(l))).toHaveLength(1)
    for (const id of mine) {
      const uscc = (await sql<{ uscc: string }>`SELECT uscc FROM institutions WHERE id = ${id}`.execute(db)).rows[0].uscc
      expect((await search(db, { q: uscc }, index)).items.map((i) => i.status)).toEqual(['suspended'])
    }
    for (const q of searchShapes(sample.institutions, 29)) expect({ q, answer: await search(db, q, index) }).toEqual({ q, answer: await search(db, q) })
  })

  it('when a write commits, then the next search after markStale sees it, even with a check already in flight', async () => {
    const db = api.env.db
    const index = track(new SearchIndex(db, { maxStaleMs: 60_000 }))
    await index.ready()
    const target = (await sql<{ uscc: string }>`SELECT uscc FROM institutions WHERE status = 'pending' LIMIT 1`.execute(db)).rows[0]
    // A catch-up that starts before the write must not count as having seen it.
    const before = index.current()
    index.markStale()
    const inFlight = index.current()
    await sql`UPDATE institutions SET status = 'revoked' WHERE uscc = ${target.uscc}`.execute(db)
    index.markStale()
    await Promise.all([before, inFlight])
    const page = await search(db, { q: target.uscc }, index)
    expect(page.items.map((i) => i.status)).toEqual(['revoked'])
    expect((await index.current())!.changedRows).toBe(1)
  })

  it('when change-log entries are older than a week, then a catch-up prunes them, keeps the younger and records the highest pruned version', async () => {
    const db = api.env.db
    const index = track(new SearchIndex(db, { maxStaleMs: 60_000 }))
    await index.ready()
    expect(KEEP_LOG_MS).toBe(7 * 24 * 3_600_000)
    // Versions up to the middle one eight days old, the later ones six: only the first go.
    const middle = Number((await sql<{ v: string }>`SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY version) AS v FROM institution_changes`.execute(db)).rows[0].v)
    await sql`UPDATE institution_changes SET at = now() - CASE WHEN version <= ${middle} THEN interval '8 days' ELSE interval '6 days' END`.execute(db)
    const younger = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM institution_changes WHERE version > ${middle}`.execute(db)).rows[0].n)
    expect(younger).toBeGreaterThan(0)
    const oldTop = middle
    await sql`UPDATE institutions SET status = 'suspended' WHERE id = (SELECT id FROM institutions WHERE status = 'approved' LIMIT 1)`.execute(db)
    index.markStale()
    expect((await index.current())!.changedRows).toBe(1) // corrected in place; pruning runs behind the answer
    for (let i = 0; i < 50 && Number((await sql<{ value: string }>`SELECT value FROM change_counters WHERE name = 'institution_changes_pruned'`.execute(db)).rows[0].value) !== oldTop; i++) await new Promise((r) => setTimeout(r, 20))
    expect(Number((await sql<{ value: string }>`SELECT value FROM change_counters WHERE name = 'institution_changes_pruned'`.execute(db)).rows[0].value)).toBe(oldTop)
    expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM institution_changes`.execute(db)).rows[0].n)).toBe(younger + 1)
  })

  it('when the table is truncated or the change log pruned past the index, then search answers from SQL until a new base is built', async () => {
    const db = api.env.db
    const index = track(new SearchIndex(db, { maxStaleMs: 60_000 }))
    await index.ready()
    const version = Number((await sql<{ value: string }>`SELECT value FROM change_counters WHERE name = 'institutions'`.execute(db)).rows[0].value)
    await sql`UPDATE change_counters SET value = ${version + 1} WHERE name = 'institution_changes_pruned'`.execute(db)
    await sql`UPDATE institutions SET status = 'approved' WHERE id = (SELECT id FROM institutions WHERE status = 'pending' LIMIT 1)`.execute(db)
    index.markStale()
    expect(await index.current()).toBeUndefined() // cannot be corrected: SQL, and a rebuild started
    await index.ready()
    expect(await index.current()).toBeDefined()
    expect((await index.current())!.changedRows).toBe(0)
  })
})
