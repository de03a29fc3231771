// Issue 12, point 2: an index corrected in place (changed rows laid over its base) must answer exactly as a fresh
// build and as SQL, after any sequence of status changes, renames, moves, new institutions and removed ones, for
// searches of every shape; and it must not get there by rebuilding.
import { sql, type Kysely } from 'kysely'
import { CATEGORIES, DISTRICTS, INSTITUTION_STATUSES } from '../../src/domain/catalog'
import { mulberry32 } from '../../content/sample/random'
import { generateSample } from '../../content/sample/generate'
import { nameSearchColumns } from '../../cloud/store/searchText'
import { search } from '../../cloud/services/institutions'
import { SearchIndex } from '../../cloud/services/search/searchIndex'
import { buildInWorker } from '../../cloud/services/search/buildInWorker'
import { shardOf } from '../../cloud/services/search/shardedIndex'
import type { Database } from '../../cloud/store/schema'
import { DB_KINDS } from '../support/databases'
import { openApi, type ApiClient } from '../support/harness'
import { searchShapes } from '../support/searchShapes'

const sample = generateSample()
const WORDS = ['舞蹈', '马术', '编程', '艺术', '培训', '中心', '学校', '厦门', '书法', '美术', '钢琴', '围棋']
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'

interface Row {
  id: string
  name: string
  uscc: string
  license_no: string
  lat: number
  lng: number
}

/** One random change to the institutions table. */
async function randomChange(db: Kysely<Database>, r: () => number, serial: { n: number }): Promise<void> {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
  const some = async () => (await sql<Row>`SELECT id, name, uscc, license_no, lat, lng FROM institutions ORDER BY md5(id || ${String(r())}) LIMIT 1`.execute(db)).rows[0]
  const kind = r()
  if (kind < 0.35) {
    const row = await some()
    await sql`UPDATE institutions SET status = ${pick(INSTITUTION_STATUSES)}, status_as_of = '2026-12-01', blacklist_reason = coalesce(blacklist_reason, '测试') WHERE id = ${row.id}`.execute(db)
  } else if (kind < 0.5) {
    const row = await some()
    const name = `${pick(WORDS)}${pick(WORDS)}${pick(WORDS)}${serial.n++}`
    const c = nameSearchColumns(name)
    await sql`UPDATE institutions SET name = ${name}, name_pinyin = ${c.name_pinyin}, name_initials = ${c.name_initials}, name_grams = ${sql.val(c.name_grams)}::text[] WHERE id = ${row.id}`.execute(db)
  } else if (kind < 0.6) {
    const row = await some()
    await sql`UPDATE institutions SET lat = ${row.lat + (r() - 0.5) * 0.02}, lng = ${row.lng + (r() - 0.5) * 0.02}, district = ${pick(DISTRICTS)} WHERE id = ${row.id}`.execute(db)
  } else if (kind < 0.8) {
    const name = `${pick(WORDS)}${pick(WORDS)}培训${serial.n++}`
    const c = nameSearchColumns(name)
    const uscc = '913502' + Array.from({ length: 12 }, () => pick(USCC_CHARS.split(''))).join('')
    const at = pick(sample.institutions)
    await sql`
      INSERT INTO institutions (name, name_pinyin, name_initials, name_grams, uscc, license_no, category, district, status, status_as_of, address, lat, lng, blacklist_reason)
      VALUES (${name}, ${c.name_pinyin}, ${c.name_initials}, ${sql.val(c.name_grams)}::text[], ${uscc}, ${'测试许可' + serial.n++}, ${pick(CATEGORIES)}, ${pick(DISTRICTS)},
              ${pick(INSTITUTION_STATUSES)}, '2026-12-01', '厦门市测试路', ${at.lat + (r() - 0.5) * 0.01}, ${at.lng + (r() - 0.5) * 0.01}, '测试')`.execute(db)
  } else if (kind < 0.92) {
    // Removed: one nothing else refers to (sample institutions have history, cases, complaints).
    await sql`DELETE FROM institutions WHERE id = (SELECT id FROM institutions WHERE license_no LIKE '测试许可%' ORDER BY md5(id || ${String(r())}) LIMIT 1)`.execute(db)
  } else {
    // One statement touching many rows.
    await sql`UPDATE institutions SET status = ${pick(INSTITUTION_STATUSES)}, blacklist_reason = coalesce(blacklist_reason, '测试') WHERE district = ${pick(DISTRICTS)} AND status = ${pick(INSTITUTION_STATUSES)} AND category = ${pick(CATEGORIES)}`.execute(db)
  }
}

/** Searches aimed at the rows most likely changed (new names, new codes), besides the generated shapes. */
async function targetedQueries(db: Kysely<Database>): Promise<Record<string, unknown>[]> {
  const recent = (await sql<Row & { name_initials: string }>`SELECT id, name, uscc, license_no, lat, lng, name_initials FROM institutions WHERE license_no LIKE '测试许可%' OR status_as_of = '2026-12-01' ORDER BY id LIMIT 25`.execute(db)).rows
  return recent.flatMap((x) => [
    { q: x.uscc },
    { q: x.uscc.slice(0, 9) },
    { q: x.license_no },
    { q: Array.from(x.name).slice(0, 2).join('') },
    { q: Array.from(x.name).slice(1, 5).join(''), status: 'approved' },
    { q: x.name_initials.slice(0, 3) },
    { lat: x.lat, lng: x.lng, sort: 'distance', limit: 10 },
  ])
}

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

  it('when change-log entries are older than ten minutes, then a catch-up prunes them and records the highest pruned version', async () => {
    const db = api.env.db
    const index = track(new SearchIndex(db, { maxStaleMs: 60_000 }))
    await index.ready()
    await sql`UPDATE institution_changes SET at = now() - interval '1 hour'`.execute(db)
    const oldTop = Number((await sql<{ v: string }>`SELECT max(version) AS v FROM institution_changes`.execute(db)).rows[0].v)
    await sql`UPDATE institutions SET status = 'suspended' WHERE id = (SELECT id FROM institutions WHERE status = 'approved' LIMIT 1)`.execute(db)
    index.markStale()
    expect((await index.current())!.changedRows).toBe(1) // corrected in place; pruning runs behind the answer
    for (let i = 0; i < 50 && Number((await sql<{ value: string }>`SELECT value FROM change_counters WHERE name = 'institution_changes_pruned'`.execute(db)).rows[0].value) !== oldTop; i++) await new Promise((r) => setTimeout(r, 20))
    expect(Number((await sql<{ value: string }>`SELECT value FROM change_counters WHERE name = 'institution_changes_pruned'`.execute(db)).rows[0].value)).toBe(oldTop)
    expect(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM institution_changes`.execute(db)).rows[0].n)).toBe(1)
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
