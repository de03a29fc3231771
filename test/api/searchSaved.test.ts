// Issue 12, point 3: the SQL path serves a gateway's first seconds. At a million the first build took ~46 s, so a
// gateway on PostgreSQL saves each shard it builds (cloud/services/search/savedShard.ts) and, started again, loads
// them and catches up from the change log. These hold a loaded index to SQL after the writes made since it was
// saved, and show each reason a saved shard is refused ending in a build, never in a wrong answer.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { mulberry32 } from '../../content/sample/random'
import { generateSample } from '../../content/sample/generate'
import { search } from '../../cloud/services/institutions'
import { buildInWorker } from '../../cloud/services/search/buildInWorker'
import { codeFingerprint, fingerprintedFiles, loadShard, savedShardFile, saveShard, type SavedShardKey } from '../../cloud/services/search/savedShard'
import { SearchIndex } from '../../cloud/services/search/searchIndex'
import { shardOf } from '../../cloud/services/search/shardedIndex'
import { packIndex } from '../../cloud/services/search/indexTransfer'
import { MemoryIndex } from '../../cloud/services/search/memoryIndex'
import { readSnapshot } from '../../cloud/services/search/indexRows'
import { openApi, type ApiClient } from '../support/harness'
import { searchShapes } from '../support/searchShapes'
import { randomChange, targetedQueries } from '../support/institutionChanges'

const sample = generateSample()
const ROOT = path.resolve(__dirname, '../..')
const BUILT_AT = Date.parse('2026-12-01T08:00:00Z')

describe('search index shards saved on disk and loaded at the next start (postgres)', () => {
  let api: ApiClient
  const made: SearchIndex[] = []
  const dirs: string[] = []
  const track = (index: SearchIndex) => (made.push(index), index)
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-saved-'))
    dirs.push(d)
    return d
  }
  /** A gateway's index as boot.ts makes it: shards built in workers, saved in `dir`. */
  const gatewayIndex = (dir: string, log: string[], shards = 2) => {
    const index = track(new SearchIndex(api.env.db, { maxStaleMs: 0, shards, firstBuildThreads: 2, log: (l) => log.push(l) }))
    return { index, ready: () => index.ready(buildInWorker(api.databaseUrl!, { savedDir: dir })) }
  }
  const expectAsSql = async (index: SearchIndex, queries: Record<string, unknown>[]) => {
    let compared = 0
    for (const q of queries) {
      const fromSql = await search(api.env.db, q)
      expect({ q, answer: await search(api.env.db, q, index) }).toEqual({ q, answer: fromSql })
      compared += fromSql.items.length
    }
    return compared
  }
  const counter = async () => Number((await sql<{ value: string }>`SELECT value FROM change_counters WHERE name = 'institutions'`.execute(api.env.db)).rows[0].value)

  beforeAll(async () => {
    api = await openApi('postgres', 'main', { config: { SEARCH_INDEX: 'false' } })
  })
  afterAll(async () => {
    await Promise.all(made.map((index) => index.stop()))
    await api?.close()
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
  })

  it('when a gateway built and saved its shards, then the next one loads them, says so, and answers every shape as SQL — after the writes made since, too', async () => {
    const dir = tempDir()
    const firstLog: string[] = []
    const first = gatewayIndex(dir, firstLog)
    await first.ready()
    expect(firstLog[0]).toMatch(/^搜索索引已就绪：\d+ 家机构，分 2 片，重建 2 片，.*未载入保存的索引：没有保存的索引；已保存 \d+ MiB（\d+ ms）/)
    expect(fs.readdirSync(dir).sort()).toEqual(['shard-1-of-2.bin', 'shard-2-of-2.bin'])

    // Written after the save: status changes, renames, moves, new institutions, removals, one statement over many rows.
    const r = mulberry32(31)
    const serial = { n: 1 }
    for (let c = 0; c < 40; c++) await randomChange(api.env.db, r, serial)

    const log: string[] = []
    const next = gatewayIndex(dir, log)
    await next.ready()
    expect(log[0]).toMatch(/^搜索索引已就绪：\d+ 家机构，分 2 片，载入 2 片，用时 \d+ ms（从保存的索引载入：\d+ MiB，读取 \d+ ms，接收/)
    const live = (await next.index.current())!
    expect(live.changedRows).toBeGreaterThan(20) // the writes since were laid over the loaded bases, not built in
    const compared = await expectAsSql(next.index, [...searchShapes(sample.institutions, 23), ...(await targetedQueries(api.env.db))])
    expect(compared).toBeGreaterThan(1000)

    // And it keeps up afterwards like any index: one more change, seen by the next search.
    const row = (await sql<{ id: string; uscc: string }>`SELECT id, uscc FROM institutions WHERE status = 'approved' ORDER BY id LIMIT 1`.execute(api.env.db)).rows[0]
    await sql`UPDATE institutions SET status = 'revoked' WHERE id = ${row.id}`.execute(api.env.db)
    next.index.markStale()
    expect((await search(api.env.db, { q: row.uscc }, next.index)).items.map((i) => i.status)).toEqual(['revoked'])
  })

  it('when the change log was pruned past a saved shard, then it is built afresh, the log says why, and answers equal SQL', async () => {
    const dir = tempDir()
    await gatewayIndex(dir, []).ready()
    await randomChange(api.env.db, mulberry32(5), { n: 500 })
    // As the prune a week later records it: entries up to the counter's value are gone.
    await sql`UPDATE change_counters SET value = (SELECT value FROM change_counters WHERE name = 'institutions') WHERE name = 'institution_changes_pruned'`.execute(api.env.db)
    const log: string[] = []
    const next = gatewayIndex(dir, log)
    await next.ready()
    expect(log[0]).toMatch(/^搜索索引已就绪：\d+ 家机构，分 2 片，重建 2 片，.*在工作线程中构建：.*保存的索引太旧（其后的变动已无法补齐），已重新构建/)
    await expectAsSql(next.index, searchShapes(sample.institutions, 29))
    // The shards built now were saved over the old ones: a third start loads them.
    const thirdLog: string[] = []
    await gatewayIndex(dir, thirdLog).ready()
    expect(thirdLog[0]).toMatch(/载入 2 片/)
  })

  it('when a saved shard is cut short, has a flipped byte or is not a saved shard at all, then that shard is built and the other loaded, with the reason in the log', async () => {
    for (const [damage, why] of [
      [(f: string) => fs.truncateSync(f, fs.statSync(f).size - 1000), /文件长度 \d+ 字节，应为 \d+/],
      [(f: string) => {
        const fd = fs.openSync(f, 'r+')
        const at = fs.statSync(f).size - 5000
        const b = Buffer.alloc(1)
        fs.readSync(fd, b, 0, 1, at)
        b[0] ^= 0x40
        fs.writeSync(fd, b, 0, 1, at)
        fs.closeSync(fd)
      }, /校验不符（文件已损坏）/],
      [(f: string) => fs.writeFileSync(f, 'not an index'), /文件格式不符|无法读取/],
      [(f: string) => fs.writeFileSync(f, Buffer.concat([Buffer.from('YGSHARD1'), Buffer.from([200, 0, 0, 0]), Buffer.alloc(50, 9)])), /无法读取/],
    ] as const) {
      const dir = tempDir()
      await gatewayIndex(dir, []).ready()
      damage(savedShardFile(dir, { index: 1, of: 2 }))
      const log: string[] = []
      const next = gatewayIndex(dir, log)
      await next.ready()
      // The line names the last shard's way, the damaged one here: built, and why the saved one was not loaded.
      expect(log[0]).toMatch(/载入 1 片，重建 1 片/)
      expect(log[0]).toMatch(new RegExp(`在工作线程中构建：.*未载入保存的索引：(${why.source})[^；]*；已保存`))
      // Saved whole again: a later start loads it.
      const again = await buildInWorker(api.databaseUrl!, { savedDir: dir })({ shard: { index: 1, of: 2 }, stopped: () => false, mayLoad: true })
      expect(again.loaded).toBe(true)
      await expectAsSql(next.index, searchShapes(sample.institutions, 37).slice(0, 30))
    }
  })

  it('when several processes save the same shard at once (GATEWAY_PROCESSES sharing a DATA_DIR), then one whole file remains, no temporary one, and it loads', async () => {
    const dir = tempDir()
    const shard = { index: 0, of: 1 }
    const builds = await Promise.all(Array.from({ length: 4 }, () => buildInWorker(api.databaseUrl!, { savedDir: dir })({ shard, stopped: () => false })))
    expect(builds.every((b) => /已保存 \d+ MiB/.test(b.detail))).toBe(true)
    expect(fs.readdirSync(dir)).toEqual(['shard-1-of-1.bin'])
    const loaded = await buildInWorker(api.databaseUrl!, { savedDir: dir })({ shard, stopped: () => false, mayLoad: true })
    expect(loaded.loaded).toBe(true)
    expect(loaded.index.size).toBe(builds[0].index.size)
  })

  it('when a base with changes laid over it grows older than renewBasesAfterMs, then that shard alone is rebuilt and saved again; one with no changes is left as it is', async () => {
    const dir = tempDir()
    const log: string[] = []
    const index = track(new SearchIndex(api.env.db, { maxStaleMs: 0, shards: 2, firstBuildThreads: 2, renewBasesAfterMs: 1500, log: (l) => log.push(l) }))
    await index.ready(buildInWorker(api.databaseUrl!, { savedDir: dir }))
    const saved = async (k: number) => {
      const databaseId = (await api.env.db.selectFrom('database_identity').select('id').executeTakeFirstOrThrow()).id
      const got = loadShard(dir, { databaseId, fingerprint: codeFingerprint(), shard: { index: k, of: 2 }, settings: 'termCacheRanks=default scoreAllBelow=default' }, await counter())
      if (!got.ok) throw new Error(got.why)
      return got
    }
    const before = [await saved(0), await saved(1)]
    // One change, in one shard; the other has nothing laid over it.
    const row = (await sql<{ id: string }>`SELECT id FROM institutions WHERE status = 'approved' ORDER BY id LIMIT 1`.execute(api.env.db)).rows[0]
    const k = shardOf(row.id, 2)
    await sql`UPDATE institutions SET status = 'suspended' WHERE id = ${row.id}`.execute(api.env.db)
    await index.current()
    expect((await index.current())!.changedRows).toBe(1)
    expect(log.filter((l) => l.includes('片已重建'))).toEqual([]) // young yet
    await new Promise((r) => setTimeout(r, 1600))
    // The next look at the counter (a search) finds the base old: rebuilt beside the serving index.
    await index.current()
    for (let i = 0; i < 100 && !log.some((l) => l.includes('片已重建')); i++) await new Promise((r) => setTimeout(r, 50))
    expect(log.filter((l) => l.includes('片已重建'))).toEqual([expect.stringContaining(`搜索索引第 ${k + 1}/2 片已重建`)])
    const after = [await saved(0), await saved(1)]
    expect(after[k].version).toBeGreaterThan(before[k].version)
    expect(after[k].builtAt).toBeGreaterThan(before[k].builtAt)
    expect(after[1 - k]).toMatchObject({ version: before[1 - k].version, builtAt: before[1 - k].builtAt })
    expect((await index.current())!.changedRows).toBe(0)
    await expectAsSql(index, [{ q: '舞蹈' }, { status: 'suspended' }, { lat: 24.48, lng: 118.09, sort: 'distance' }])

    // A base loaded from disk is as old as its build, not its load: the other shard's, saved at the start, is renewed
    // by the first change laid over it in a gateway started now.
    const nextLog: string[] = []
    const next = track(new SearchIndex(api.env.db, { maxStaleMs: 0, shards: 2, firstBuildThreads: 2, renewBasesAfterMs: 1500, log: (l) => nextLog.push(l) }))
    await next.ready(buildInWorker(api.databaseUrl!, { savedDir: dir }))
    expect(nextLog[0]).toMatch(/载入 2 片/)
    const other = (await sql<{ id: string }>`SELECT id FROM institutions WHERE status = 'approved' ORDER BY id DESC`.execute(api.env.db)).rows.find((r) => shardOf(r.id, 2) === 1 - k)!
    await sql`UPDATE institutions SET status = 'suspended' WHERE id = ${other.id}`.execute(api.env.db)
    await next.current()
    for (let i = 0; i < 100 && !nextLog.some((l) => l.includes('片已重建')); i++) await new Promise((r) => setTimeout(r, 50))
    expect(nextLog.filter((l) => l.includes('片已重建'))).toEqual([expect.stringContaining(`搜索索引第 ${2 - k}/2 片已重建`)])
    expect((await saved(1 - k)).builtAt).toBeGreaterThan(before[1 - k].builtAt)
  })

  describe('what a saved shard must match to be loaded', () => {
    let packed: Parameters<typeof saveShard>[3]
    let key: SavedShardKey
    let version: number
    let dir: string
    beforeAll(async () => {
      const shard = { index: 0, of: 1 }
      const snap = await readSnapshot(api.env.db, { pauseMs: 0, stopped: () => false, shard })
      const { index } = await MemoryIndex.build(snap.pages, { sliceMs: Infinity })
      const { root, texts } = packIndex(index)
      packed = { root, texts }
      version = snap.version
      key = { databaseId: (await api.env.db.selectFrom('database_identity').select('id').executeTakeFirstOrThrow()).id, fingerprint: codeFingerprint(), shard, settings: 'termCacheRanks=default scoreAllBelow=default' }
      dir = tempDir()
      saveShard(dir, key, { version, builtAt: BUILT_AT }, packed)
    })

    it('when everything matches, then it loads at the version it was saved at', async () => {
      const got = loadShard(dir, key, await counter())
      expect(got).toMatchObject({ ok: true, version, builtAt: BUILT_AT })
    })

    it.each([
      ['another database', (k: SavedShardKey) => ({ ...k, databaseId: 'another' }), /保存自另一个数据库/],
      ['other code', (k: SavedShardKey) => ({ ...k, fingerprint: 'f'.repeat(64) }), /保存自另一版程序/],
      ['another split', (k: SavedShardKey) => ({ ...k, shard: { index: 0, of: 2 } }), /没有保存的索引/],
      ['other build settings (SEARCH_TERM_CACHE_RANKS changed)', (k: SavedShardKey) => ({ ...k, settings: 'termCacheRanks=0 scoreAllBelow=default' }), /构建设置不同（termCacheRanks=default scoreAllBelow=default，现为 termCacheRanks=0/],
    ])('when it was saved for %s, then it is refused', async (_, change, why) => {
      const got = loadShard(dir, change(key), await counter())
      expect(got.ok).toBe(false)
      expect(!got.ok && got.why).toMatch(why)
    })

    it('when the database’s counter stands below the version it was saved at (a restored copy), then it is refused', () => {
      const got = loadShard(dir, key, version - 1)
      expect(!got.ok && got.why).toMatch(new RegExp(`版本 ${version} 高于数据库的 ${version - 1}`))
    })

    it('when the same shard is saved for another split, then the files of the old split are removed; a temporary file left by a killed save goes once it is an hour old', () => {
      const d = tempDir()
      fs.writeFileSync(path.join(d, 'shard-1-of-3.bin'), 'old split')
      const young = path.join(d, 'shard-1-of-1.bin.123.aa.tmp')
      const old = path.join(d, 'shard-1-of-1.bin.456.bb.tmp')
      fs.writeFileSync(young, 'x')
      fs.writeFileSync(old, 'x')
      const hourAgo = new Date(Date.now() - 3_700_000)
      fs.utimesSync(old, hourAgo, hourAgo)
      saveShard(d, key, { version, builtAt: BUILT_AT }, packed)
      expect(fs.readdirSync(d).sort()).toEqual(['shard-1-of-1.bin', path.basename(young)])
    })

    it('when the code that builds the index changes, then its fingerprint changes; every module the build worker loads is one it hashes', () => {
      const files = fingerprintedFiles()
      expect(files.length).toBeGreaterThan(30)
      const copy = tempDir()
      for (const f of files) {
        const to = path.join(copy, path.relative(ROOT, f))
        fs.mkdirSync(path.dirname(to), { recursive: true })
        fs.copyFileSync(f, to)
      }
      expect(codeFingerprint(copy)).toBe(codeFingerprint())
      const changed = path.join(copy, 'cloud/services/search/docColumns.ts')
      fs.appendFileSync(changed, '\n// a change\n')
      expect(codeFingerprint(copy)).not.toBe(codeFingerprint())

      // The build worker's own imports, followed: none may lie outside what is hashed.
      const hashed = new Set(files)
      const seen = new Set<string>()
      const visit = (file: string) => {
        if (seen.has(file)) return
        seen.add(file)
        for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)'/g)) {
          const base = path.resolve(path.dirname(file), m[1])
          const target = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p))
          if (!target) throw new Error(`unresolved import ${m[1]} in ${file}`)
          visit(target)
        }
      }
      visit(path.join(ROOT, 'cloud/services/search/buildWorker.ts'))
      expect(seen.size).toBeGreaterThan(10)
      expect([...seen].filter((f) => !hashed.has(f)).map((f) => path.relative(ROOT, f))).toEqual([])
    })
  })
})
