// The index split by id into shards (issue 12, point 2: only a quarter of it is held twice during a rebuild) must
// answer exactly as one index over every institution: pages merged in list, code or distance order, totals added,
// cursors followed to the end. And the worker reads a shard's rows by the same rule the serving thread routes a
// changed row by.
import { sql } from 'kysely'
import { generateSample } from '../../content/sample/generate'
import { STATUS_RANK } from '../../src/domain/catalog'
import { nameSearchColumns } from '../../cloud/store/searchText'
import { MemoryIndex, type IndexedInstitution, type IndexQuery } from '../../cloud/services/search/memoryIndex'
import { OverlaidIndex } from '../../cloud/services/search/overlay'
import { autoShards, ShardedIndex, shardOf } from '../../cloud/services/search/shardedIndex'
import { readSnapshot } from '../../cloud/services/search/indexRows'
import { readConfig } from '../../cloud/config'
import { search } from '../../cloud/services/institutions'
import { DB_KINDS } from '../support/databases'
import { openApi } from '../support/harness'
import { indexQueryOf, searchShapes } from '../support/searchShapes'

const docs: IndexedInstitution[] = generateSample({ institutions: 12_000 }).institutions.map((i, k) => {
  const c = nameSearchColumns(i.name)
  // Ids end in every hex digit, as the database's random ones do.
  return { id: `id-${k.toString(16)}`, name: i.name, status: i.status, category: i.category, district: i.district, address: i.address, lat: i.lat, lng: i.lng, uscc: i.uscc, licenseNo: i.licenseNo, pinyin: c.name_pinyin, initials: c.name_initials }
})

function sharded(all: IndexedInstitution[], n: number, changed: (k: number) => Map<string, IndexedInstitution | null> = () => new Map()): ShardedIndex {
  const parts = Array.from({ length: n }, (): IndexedInstitution[] => [])
  for (const d of all) parts[shardOf(d.id, n)].push(d)
  return new ShardedIndex(parts.map((p, k) => new OverlaidIndex(new MemoryIndex(p, 0, 0), changed(k))))
}

/** Follows a list page by page with the cursors the index hands out (a key after the last hit, or an offset). */
function allPages(index: { search: (q: IndexQuery) => ReturnType<ShardedIndex['search']> }, q: IndexQuery, pages: number): unknown[] {
  const out: unknown[] = []
  let after = q.after
  for (let p = 0; p < pages; p++) {
    const page = index.search({ ...q, after })
    out.push(page)
    if (!page.more || !page.hits.length) break
    const last = page.hits[page.hits.length - 1].doc
    after = q.query.kind === 'uscc_prefix' ? { kind: 'uscc', uscc: last.uscc } : q.sortByDistance ? { kind: 'offset', offset: (after?.kind === 'offset' ? after.offset : 0) + q.limit } : { kind: 'key', rank: STATUS_RANK[last.status], id: last.id, name: last.name }
  }
  return out
}

describe('an index split into shards', () => {
  const whole = new MemoryIndex(docs, 0, 0)

  it('when ids are split, then each of 4 shards holds about a quarter and every doc exactly one', () => {
    const counts = [0, 0, 0, 0]
    for (const d of docs) counts[shardOf(d.id, 4)]++
    expect(counts.reduce((a, b) => a + b)).toBe(docs.length)
    for (const c of counts) expect(c).toBeGreaterThan(docs.length / 5)
    expect(shardOf('anything', 1)).toBe(0)
  })

  it('when every shape is searched and followed page by page, then 4 shards answer as one index', () => {
    const index = sharded(docs, 4)
    expect(index.size).toBe(docs.length)
    const events: Record<string, unknown>[] = [
      ...searchShapes(docs, 7),
      ...docs.filter((_, i) => i % 700 === 0).flatMap((d) => [{ q: d.uscc.slice(0, 8) }, { q: Array.from(d.name).slice(0, 2).join('') }, { q: d.initials.slice(0, 3) }, { q: d.uscc }]),
      { q: '培' },
      { limit: 50 },
      // Totals over 10,000 (capped) and near it, counted shard after shard to what the ones before left.
      { q: 'i' },
      { q: 'pei' },
      { q: 'x', limit: 5 },
      { q: 'i', after: { kind: 'offset', offset: 40 } },
    ]
    for (const ev of events) {
      const q = indexQueryOf(ev)
      expect({ ev, pages: allPages(index, q, 4) }).toEqual({ ev, pages: allPages(whole, q, 4) })
    }
    expect(events.length).toBeGreaterThan(100)
  })

  it('when one shard holds a whole page and more, then it is asked again for the rest and the pages equal one index; when matches are spread, then each shard is asked for its share', () => {
    // 60 short names with a rare term, all in shard 0 and first in list order, then 60 longer ones spread over all.
    const inZero = (k: number) => {
      for (let i = 0; ; i++) if (shardOf(`crowd-${k}-${i}`, 4) === 0) return `crowd-${k}-${i}`
    }
    const base = docs[0]
    const crowd = Array.from({ length: 60 }, (_, k): IndexedInstitution => ({ ...base, id: inZero(k), status: 'approved', name: `犇犇${String(k).padStart(2, '0')}`, uscc: `CROWD${k}`, licenseNo: `C${k}` }))
    const spread = Array.from({ length: 60 }, (_, k): IndexedInstitution => ({ ...base, id: `spread-${k}`, status: 'approved', name: `犇犇培训中心分部${String(k).padStart(2, '0')}`, uscc: `SPREAD${k}`, licenseNo: `S${k}` }))
    const all = [...docs, ...crowd, ...spread]
    const index = sharded(all, 4)
    const asks: number[][] = index.shards.map(() => [])
    index.shards.forEach((s, k) => {
      const search = s.search.bind(s)
      s.search = (q) => (asks[k].push(q.limit), search(q))
    })
    const one = new MemoryIndex(all, 0, 0)
    const q = indexQueryOf({ q: '犇犇', limit: 20 })
    expect(allPages(index, q, 8)).toEqual(allPages(one, q, 8))
    // Shard 0 gave its share (6 + 4 of a page and one more), ran out first and was asked for the whole page.
    expect(asks[0].slice(0, 2)).toEqual([10, 21])
    expect(asks[1][0]).toBe(10)
    // Spread matches: every shard asked once, for its share.
    for (const a of asks) a.length = 0
    const spreadQ = indexQueryOf({ q: '培训中心分部', limit: 20 })
    expect(index.search(spreadQ)).toEqual(one.search(spreadQ))
    expect(asks.map((a) => a.length)).toEqual([1, 1, 1, 1])
  })

  it('when nearest first, then the shards after a page and one more are told how far it reaches, and pages still equal one index', () => {
    const index = sharded(docs, 4)
    const told: number[][] = index.shards.map(() => [])
    index.shards.forEach((s, k) => {
      const search = s.search.bind(s)
      s.search = (q, countTo, within) => (told[k].push(within ?? Infinity), search(q, countTo, within))
    })
    for (const ev of [{ lat: 24.48, lng: 118.1, sort: 'distance' }, { lat: 24.6, lng: 118.3, sort: 'distance', category: 'sports' }, { q: '培训', lat: 24.5, lng: 118.05, sort: 'distance' }]) {
      const q = indexQueryOf(ev)
      expect({ ev, pages: allPages(index, q, 4) }).toEqual({ ev, pages: allPages(whole, q, 4) })
    }
    // The first shard is never told; with matches everywhere (the first event: no filter), shares of 10 from the first
    // three give 30 ≥ 21 before the last is asked, which is told a finite distance for the first page (later pages
    // by offset need more than three shares hold).
    expect(told[0].every((w) => w === Infinity)).toBe(true)
    for (const t of told) t.length = 0
    allPages(index, indexQueryOf({ lat: 24.48, lng: 118.1, sort: 'distance' }), 1)
    expect(told[3]).toHaveLength(1)
    expect(told[3][0]).toBeGreaterThan(0)
    expect(told[3][0]).toBeLessThan(Infinity)
  })

  it('when rows changed in some shards are laid over them, then the shards still answer as one index built with the changes', () => {
    const moved = docs.slice(0, 300).map((d, i) => ({ ...d, status: i % 2 ? ('approved' as const) : ('blacklisted' as const), name: i % 3 ? d.name : `${d.name}新` }))
    const gone = new Set(docs.slice(300, 360).map((d) => d.id))
    const now = [...moved, ...docs.slice(300).filter((d) => !gone.has(d.id))]
    const index = sharded(docs, 4, (k) => {
      const m = new Map<string, IndexedInstitution | null>()
      for (const d of moved) if (shardOf(d.id, 4) === k) m.set(d.id, d)
      for (const id of gone) if (shardOf(id, 4) === k) m.set(id, null)
      return m
    })
    const fresh = new MemoryIndex(now, 0, 0)
    expect(index.size).toBe(now.length)
    for (const ev of [...searchShapes(now, 11), { q: '新' }, { status: 'blacklisted' }]) {
      const q = indexQueryOf(ev)
      expect({ ev, pages: allPages(index, q, 3) }).toEqual({ ev, pages: allPages(fresh, q, 3) })
    }
  })
})

describe.each(DB_KINDS)('shards read from %s', (kind) => {
  it('when ids end in ASCII, CJK and astral characters or are shorter than four, then SQL selects each shard’s rows by the rule changed rows are routed by', async () => {
    const api = await openApi(kind, 'main', { config: { SEARCH_INDEX: 'false' } })
    try {
      const db = api.env.db
      // Short ids too: both sides take the first character for the missing ones.
      const ids = ['a', 'b', 'c', 'd', 'e', 'f', '0', '9', '培', '训', '𠀋', '𠀌', '中心𠀋', '𠀋x', 'x𠀋yz', '5f3a-9c', 't-a', 't-中心', 'ab']
      for (const [i, id] of ids.entries()) {
        await sql`INSERT INTO institutions (id, name, name_pinyin, name_initials, name_grams, uscc, license_no, category, district, status, status_as_of, address, lat, lng)
                  VALUES (${id}, ${'分片测试' + i}, 'fenpian', 'fp', ARRAY['分'], ${'91350200MA' + String(i).padStart(8, '0')}, ${'分片许可' + i}, 'arts', 'siming', 'pending', '2026-12-01', '厦门', 24.5, 118.1)`.execute(db)
      }
      const all = (await sql<{ id: string }>`SELECT id FROM institutions`.execute(db)).rows.map((r) => r.id)
      for (const n of [2, 3, 4]) {
        const seen = new Set<string>()
        for (let index = 0; index < n; index++) {
          const { pages } = await readSnapshot(db, { pauseMs: 0, stopped: () => false, shard: { index, of: n } })
          for (const page of pages) {
            for (let r = 0; r < page.size; r++) {
              const id = page.id.get(r)
              expect({ id, shard: shardOf(id, n) }).toEqual({ id, shard: index })
              seen.add(id)
            }
          }
        }
        expect(seen.size).toBe(all.length)
      }
    } finally {
      await api.close()
    }
  })
})

describe('SEARCH_INDEX_BUILD_THREADS', () => {
  it('when it is not an integer from 1 to 16, then the config says so at start; unset, the first build runs two parts at a time', () => {
    for (const bad of ['0', '17', '1.5', 'two']) expect(() => readConfig({ SEARCH_INDEX_BUILD_THREADS: bad })).toThrow(/SEARCH_INDEX_BUILD_THREADS/)
    expect(readConfig({}).searchIndexBuildThreads).toBe(2)
    expect(readConfig({ SEARCH_INDEX_BUILD_THREADS: '1' }).searchIndexBuildThreads).toBe(1)
  })
})

describe('SEARCH_INDEX_SHARDS', () => {
  it('when it is neither auto nor 1–16, then the config says so at start; unset, it is auto: whole below 50,000 institutions, at least two from there, one per 250,000 beyond, at most 16', async () => {
    for (const bad of ['0', '17', '2.5', 'Auto']) expect(() => readConfig({ SEARCH_INDEX_SHARDS: bad })).toThrow(/SEARCH_INDEX_SHARDS must be auto or an integer from 1 to 16/)
    expect(readConfig({}).searchIndexShards).toBe('auto')
    expect(readConfig({ SEARCH_INDEX_SHARDS: 'auto' }).searchIndexShards).toBe('auto')
    expect(readConfig({ SEARCH_INDEX_SHARDS: '3' }).searchIndexShards).toBe(3)
    expect([0, 900, 49_999, 50_000, 100_000, 250_000, 500_001, 1_000_000, 1_000_001, 4_000_000, 50_000_000].map(autoShards)).toEqual([1, 1, 1, 2, 2, 2, 3, 4, 5, 16, 16])
    // The demo's ~900 institutions, counted when the index is built: whole.
    const api = await openApi('pglite', 'main')
    try {
      expect((await api.env.search!.current())!.shards).toHaveLength(1)
    } finally {
      await api.close()
    }
  })

  it('when 4, then the gateway’s index is in 4 shards and answers as SQL', async () => {
    const api = await openApi('pglite', 'main', { config: { SEARCH_INDEX_SHARDS: '4' } })
    try {
      const index = (await api.env.search!.current())!
      expect(index.shards).toHaveLength(4)
      expect(index.size).toBe(Number((await sql<{ n: string }>`SELECT count(*) AS n FROM institutions`.execute(api.env.db)).rows[0].n))
      const sample = generateSample().institutions
      for (const ev of [{ q: '培训' }, { district: 'siming' }, ...searchShapes(sample, 3)]) {
        expect({ ev, answer: await search(api.env.db, ev, api.env.search) }).toEqual({ ev, answer: await search(api.env.db, ev) })
      }
    } finally {
      await api.close()
    }
  })
})
