// Keeps a process's in-memory index current without ever stopping search for a rebuild (issue 12, point 2).
//
// The database logs which institutions each write touched, under the change counter's value (migration 015). When
// the counter moves (this process wrote: markStale; another did: seen by the periodic check), the index reads the
// rows changed since its version and lays them over its base (OverlaidIndex): a status change is visible after two
// small reads, with no rebuild. When the overlay grows past MAX_OVERLAY rows (an import), a new base is built in
// slices on the event loop (MemoryIndex.build) while the overlaid one keeps answering; only when the changes cannot
// be read as rows (a TRUNCATE, a log pruned past our version, or more rows than an overlay may hold) does search
// answer from SQL until the new base is ready.
//
// Only ready() starts the first build. A long-running server calls it at start-up without waiting for it (searches
// answer from SQL until it is done, boot.ts) and serves from the index after; a
// cloud-function instance (a bundle started by WeChat, which never calls it) holds no index: its first answer must not
// share the thread with a 100,000-row read (issue 12, point 5: ≤ 500 ms from a cold start), an instance may be frozen
// between calls, so a build "in the background" would run inside later calls instead, and an index at 100k needs more
// memory (RSS ~420 MiB) than a function instance is usually given (256 MiB). It answers from SQL, which meets its budget
// at 100,000 (point 3), or, with SEARCH_SERVICE_URL, asks a gateway's index first (cloud/platform/searchService.ts):
// at a million the SQL path misses 50 ms on four shapes.
//
// The index is n shards by id (ShardedIndex, SEARCH_INDEX_SHARDS; 'auto': decided at each full build from the number
// of institutions, autoShards), each a base with its own overlay: a shard whose overlay grew past its share is
// rebuilt alone, one at a time, so a rebuild holds 1/n of the index twice, not all of it (memory during the switch,
// bench §9). A full build (the first, or after falling behind)
// builds every shard, one after another, with search on SQL meanwhile and the stale shards let go first.
//
// Where a new base is built: a server on PostgreSQL builds it in a worker thread (buildInWorker.ts, handed to
// ready()), which reads the rows over its own connection and hands back typed arrays; what the build allocates is
// collected on the worker's heap, so it never pauses this thread (built here in 4 ms slices, the collector's pauses
// for the new index's data held the loop 60 ms during an import, bench §9). The embedded database (PGlite) lives in
// this thread and no other can open it, so there the base is built here in slices, as the demo's ~900 rows allow.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../store/schema'
import { BuildStopped, MemoryIndex, type IndexedInstitution } from './memoryIndex'
import { OverlaidIndex } from './overlay'
import { institutionsVersion, readRows, readSnapshot } from './indexRows'
import { autoShards, SHARDS, ShardedIndex, shardOf, type Shard } from './shardedIndex'
import { loadPinyin } from '../../store/searchText'
import { collectSoon } from './collector'

/** Builds a shard's base away from this thread (buildInWorker.ts): its institutions and the change counter, from one
 *  snapshot. `stopped` is asked while it runs (shutdown ends it with BuildStopped). */
export type IndexBuilder = ((opts: {
  shard: Shard
  /** About how many institutions the shard holds (the serving one's count), when known: lets the builder size its heap. */
  rows?: number
  termCacheRanks?: number
  scoreAllBelow?: number
  stopped: () => boolean
  /** A base saved on disk by an earlier build may be handed back instead (savedShard.ts): asked only on a full
   *  build, whose shards are then caught up from the change log like any other. */
  mayLoad?: boolean
}) => Promise<{ version: number; index: MemoryIndex; detail: string; loaded?: boolean; builtAt: number }>) & {
  /** It saves each base it builds on disk (buildInWorker's savedDir): the index then renews aged bases. */
  saves?: boolean
}

export interface SearchIndexOptions {
  /** How old the last look at the change counter may be before a search looks again (0: before every search). */
  maxStaleMs: number
  /** See MemoryIndex: matched ranks its per-term cache may hold. */
  termCacheRanks?: number
  /** See MemoryIndex: nearest-first pages of at most this many matches are scored whole (tests set 0 to walk the grid). */
  scoreAllBelow?: number
  /** Changed rows the overlays may hold in all; a shard whose overlay holds more than its share of half of this is
   *  rebuilt. */
  maxOverlay?: number
  /** Shards the index is split into (SHARDS), or 'auto': by the number of institutions at each full build (autoShards). */
  shards?: number | 'auto'
  /** Longest slice of a build before it lets the event loop run. */
  buildSliceMs?: number
  /** Shards built at once (each in a worker thread of its own) when nothing is served from an index yet: the first
   *  build and one after falling behind. Rebuilds beside a serving index go one shard at a time (memory: §9). */
  firstBuildThreads?: number
  log?: (line: string) => void
  /** When the builder saves its bases on disk (savedShard.ts): a shard whose base is older than this
   *  (RENEW_SAVED_BASES_MS unless set) and has rows laid over it is rebuilt beside the serving index. A saved base
   *  the change log no longer reaches back to cannot be loaded, so the bases, and with them the files, are renewed
   *  well within the log's week (KEEP_LOG_MS). */
  renewBasesAfterMs?: number
}

/** A few thousand changed rows cost each search well under a millisecond to match one by one. */
const MAX_OVERLAY = 4000
/** Change-log entries older than this are pruned. A running process reads the log each second or so; a gateway
 *  starting from its saved shards (savedShard.ts) reads it from the version they were built at, so the log is kept
 *  as long as a saved index should stay usable: a gateway restarted within a week of its last build (and any
 *  restart with nothing written since) loads; past that it builds afresh. A week of writes is small: one row per
 *  institution a statement touched. */
export const KEEP_LOG_MS = 7 * 24 * 3_600_000
/** Where bases are saved (a gateway on PostgreSQL), a base with changes laid over it is rebuilt — and saved again —
 *  once it is half as old as the log is kept, so the saved files can always be caught up. */
const RENEW_SAVED_BASES_MS = KEEP_LOG_MS / 2
/** Work between two turns of the event loop while building: short, because on a busy machine a slice of CPU time
 *  can take several times as long on the clock. */
const BUILD_SLICE_MS = 4
/** "重建 n 片", or which of them were loaded from disk instead. */
const made = (shards: number, loaded: number) => (loaded ? `载入 ${loaded} 片${shards > loaded ? `，重建 ${shards - loaded} 片` : ''}` : `重建 ${shards} 片`)

/** Ids read per statement when fetching changed rows. */
const FETCH_CHUNK = 1000

/** Pause after each page while a new base is read on this thread beside a serving one (readSnapshot): ~2 s more at
 *  100,000 rows. */
const READ_PAUSE_MS = 20

/** f(0) … f(n − 1), at most `side` of them running at a time, results in index order (the first failure rejects). */
async function inTurns<T>(n: number, side: number, f: (k: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(n)
  let next = 0
  const lane = async () => {
    for (let k = next++; k < n; k = next++) out[k] = await f(k)
  }
  await Promise.all(Array.from({ length: Math.min(side, n) }, lane))
  return out
}

type Changes = { version: number; rows: Map<string, IndexedInstitution | null> } | 'unreadable'
/** One shard's changed rows, read at `version`. */
type ShardChanges = { version: number; changed: Map<string, IndexedInstitution | null> }

export class SearchIndex {
  /** What search answers from, and the counter value every shard reflects (a shard rebuilt since may reflect more). */
  private live: ShardedIndex | undefined
  private liveVersion = -1
  /** Per shard, the rows changed since its base was built (its overlay). */
  private changed: Map<string, IndexedInstitution | null>[] = []
  /** Per shard, when its base's rows were read (a base loaded from disk: when it was built). */
  private builtAt: number[] = []
  /** The counter moved past liveVersion and the changes could not be laid over: answer from SQL. */
  private behind = true
  /** Writes in this process (markStale), and how many of them the last finished catch-up had seen when it
   *  started: a search after a write waits for a catch-up that started after it (a few ms: no rebuild). */
  private writes = 0
  private caughtUpTo = 0
  private checkedAt = 0
  private prunedAt = 0
  private building: Promise<void> | undefined
  /** ready() was called: this process serves from the index and rebuilds it when it falls behind. */
  private wanted = false
  private catching: Promise<void> | undefined
  /** stop() was called: no build goes on or starts again (the process is shutting down). */
  private stopped = false
  /** Builds a base elsewhere (ready()); without one, bases are built on this thread in slices. */
  private builder: IndexBuilder | undefined

  constructor(
    private readonly db: Kysely<Database>,
    private readonly opts: SearchIndexOptions,
  ) {}

  /** Shards of the index being served or built: decided at each full build (a rebuild of one shard keeps it). */
  private shardCount = 1

  /** How many shards a full build makes now: as configured, or for 'auto' by the institutions there are. */
  private async shardsWanted(): Promise<number> {
    const configured = this.opts.shards ?? SHARDS
    if (configured !== 'auto') return configured
    const row = await this.db.selectFrom('institutions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()
    return autoShards(Number(row.n))
  }

  private get maxOverlay(): number {
    return this.opts.maxOverlay ?? MAX_OVERLAY
  }

  /** The index when it is current, else undefined (the caller answers from SQL). Never waits for a rebuild. */
  async current(): Promise<ShardedIndex | undefined> {
    // Not asked to keep an index (a function instance): SQL, with no counter read beside it either. Nor after stop():
    // a request still in flight at shutdown must not start a check or a build that stop() did not wait for.
    if (!this.wanted || this.stopped) return undefined
    // With maxStaleMs 0 every search is as if after a write.
    const writes = this.opts.maxStaleMs === 0 ? ++this.writes : this.writes
    // Without a serving index SQL answers, which is current: nothing to wait for.
    if (this.caughtUpTo < writes && this.serving) {
      // After a write here the search waits for a catch-up that started after it: a one-row read and the changed rows.
      while (this.caughtUpTo < writes && this.serving) {
        const ok = await (this.catching ?? this.catchUp()).then(
          () => true,
          () => false, // logged; a failed check leaves the index behind, so this search answers from SQL
        )
        if (!ok) break
      }
    } else if (Date.now() - this.checkedAt >= this.opts.maxStaleMs) void (this.catching ?? this.catchUp()).catch(() => {})
    if (this.behind || !this.live) {
      // Still building (a server's first seconds) or fallen behind: SQL answers; failure is logged.
      if (!this.stopped) void this.rebuild().catch(() => {})
      return undefined
    }
    return this.live
  }

  /** A write in this process: the next search first reads what changed. */
  markStale(): void {
    this.writes++
  }

  /** Builds now and waits; from then on the index is kept current (each base built by `builder` when given). The
   *  gateway does not wait for it before it listens: searches answer from SQL until it is done. */
  async ready(builder?: IndexBuilder): Promise<void> {
    // Before any search needs it, not inside one (loadPinyin).
    if (!this.wanted) loadPinyin()
    this.wanted = true
    this.builder = builder
    await this.rebuild()
  }

  /** Whether searches are answered from the index now (false while the first build runs, or after falling behind). */
  get serving(): boolean {
    return this.wanted && !this.behind && this.live !== undefined
  }

  /** Ends a build in progress at its next slice and starts no other (shutdown); resolves once no build or catch-up
   *  is reading, so the caller can close the pool under neither (a rebuild's read in flight then failed on the closed
   *  pool and logged "rebuild failed"). */
  async stop(): Promise<void> {
    this.stopped = true
    await Promise.all([this.building, this.catching].map((p) => p?.catch(() => {})))
  }

  /** A shard whose overlay holds more than its share of half the overlay limit, else one whose base is older than
   *  renewBasesAfterMs with rows laid over it, or -1. */
  private shardToRebuild(): number {
    const share = this.maxOverlay / 2 / this.shardCount
    const overgrown = this.changed.findIndex((m) => m.size > share)
    if (overgrown >= 0 || !this.builder?.saves) return overgrown
    const renewAfter = this.opts.renewBasesAfterMs ?? RENEW_SAVED_BASES_MS
    return this.changed.findIndex((m, k) => m.size > 0 && Date.now() - (this.builtAt[k] ?? 0) > renewAfter)
  }

  /** Brings `live` up to the database's counter by laying the changed rows over their shards' bases. */
  private catchUp(): Promise<void> {
    return (this.catching ??= (async () => {
      const writes = this.writes
      try {
        const v = await institutionsVersion(this.db)
        this.checkedAt = Date.now()
        const live = this.live
        // Nothing to correct yet (search is on SQL, which is current). Not counted as caught up: a full build in
        // progress may switch in shards read before this write.
        if (!live) return
        if (v === this.liveVersion) {
          this.caughtUpTo = Math.max(this.caughtUpTo, writes)
          if (this.shardToRebuild() >= 0) this.startRebuild()
          return
        }
        const t = performance.now()
        const from = this.liveVersion
        let held = 0
        for (const m of this.changed) held += m.size
        const got = await this.readChanges(from, this.maxOverlay - held)
        // A shard may have been switched in while we read: the next catch-up reads again from what is serving.
        if (this.live !== live || this.liveVersion !== from) return
        if (got === 'unreadable') {
          this.behind = true
          this.caughtUpTo = Math.max(this.caughtUpTo, writes)
          this.startRebuild()
          return
        }
        // Only the shards the changes fall in get a new overlay.
        const changed = [...this.changed]
        for (const [id, doc] of got.rows) {
          const k = shardOf(id, this.shardCount)
          if (changed[k] === this.changed[k]) changed[k] = new Map(this.changed[k])
          changed[k].set(id, doc)
        }
        const shards: OverlaidIndex[] = []
        for (let k = 0; k < changed.length; k++) shards.push(changed[k] === this.changed[k] ? live.shards[k] : await OverlaidIndex.create(live.shards[k].base, changed[k]))
        // A shard may have been switched in while the changed rows were indexed: the next catch-up covers this.
        if (this.live !== live || this.liveVersion !== from) return
        this.changed = changed
        this.live = new ShardedIndex(shards)
        this.liveVersion = got.version
        this.behind = false
        this.caughtUpTo = Math.max(this.caughtUpTo, writes)
        this.opts.log?.(`搜索索引已更新：${got.rows.size} 家机构有变动（叠加 ${this.live.changedRows} 行），用时 ${(performance.now() - t).toFixed(1)} ms`)
        if (this.shardToRebuild() >= 0) this.startRebuild()
        void this.prune().catch((e) => console.error('[search index] pruning the change log failed', e))
      } catch (e) {
        this.behind = true
        console.error('[search index] change check failed; answering from SQL', e)
        throw e
      } finally {
        this.catching = undefined
      }
    })())
  }

  /** The rows changed after version `from`, as they are now, and the version they bring us to; 'unreadable' when
   *  the log cannot say (TRUNCATE, pruned past `from`) or more than `room` rows changed. One snapshot, so the rows
   *  and the version agree. */
  private readChanges(from: number, room: number): Promise<Changes> {
    return this.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx): Promise<Changes> => {
        const counters = await trx.selectFrom('change_counters').select(['name', 'value']).where('name', 'in', ['institutions', 'institution_changes_pruned']).execute()
        const value = (n: string) => Number(counters.find((c) => c.name === n)?.value ?? 0)
        const version = value('institutions')
        if (from < 0 || value('institution_changes_pruned') > from) return 'unreadable'
        const limit = Math.max(0, Math.min(room, this.maxOverlay))
        const ids = await trx
          .selectFrom('institution_changes')
          .select('institution_id')
          .distinct()
          .where('version', '>', from)
          .where('version', '<=', version)
          .limit(limit + 1)
          .execute()
        if (ids.length > limit || ids.some((r) => r.institution_id === null)) return 'unreadable'
        const rows = new Map<string, IndexedInstitution | null>(ids.map((r) => [r.institution_id!, null]))
        const all = [...rows.keys()]
        for (let i = 0; i < all.length; i += FETCH_CHUNK) {
          for (const doc of await readRows(trx, { ids: all.slice(i, i + FETCH_CHUNK) })) rows.set(doc.id, doc)
        }
        return { version, rows }
      })
  }

  /** Deletes change-log entries every process has long read (at most once a minute per process). */
  private async prune(): Promise<void> {
    if (Date.now() - this.prunedAt < 60_000) return
    this.prunedAt = Date.now()
    // One statement: the highest pruned value is recorded with the deletion, never after it.
    await sql`
      WITH gone AS (DELETE FROM institution_changes WHERE at < ${new Date(Date.now() - KEEP_LOG_MS)} RETURNING version)
      UPDATE change_counters SET value = (SELECT max(version) FROM gone)
      WHERE name = 'institution_changes_pruned' AND value < (SELECT coalesce(max(version), 0) FROM gone)`.execute(this.db)
  }

  /** A shard's base from one snapshot (`since`: the version it reflects) and how it was built (for the log), with
   *  the rows of that shard changed since: in a worker when the server gave ready() one (buildInWorker.ts), else
   *  here in slices (the embedded database, which no other thread can open). */
  private async buildShard(shard: Shard, full = false): Promise<{ base: MemoryIndex; since: number; how: string; builtAt: number; loaded: boolean } & ShardChanges> {
    let stale = ''
    for (let attempt = 1; ; attempt++) {
      // So much may change during a build (an import) that it is out of date when done: then build again.
      if (attempt > 3) throw new Error('institutions changed faster than the index could be built')
      let built: { version: number; index: MemoryIndex; how: string; builtAt: number; loaded?: boolean }
      if (this.builder) {
        // A saved base only on a full build's first try: one the change log cannot bring up to date is built instead.
        const { version, index, detail, loaded, builtAt } = await this.builder({ shard, rows: this.live?.shards[shard.index]?.size, termCacheRanks: this.opts.termCacheRanks, scoreAllBelow: this.opts.scoreAllBelow, stopped: () => this.stopped, mayLoad: full && attempt === 1 })
        built = { version, index, builtAt, loaded, how: `${loaded ? '从保存的索引载入' : '在工作线程中构建'}：${detail}${stale}` }
        // Said on the next try's line, which only comes if the change log cannot bring this one up to date.
        if (loaded) stale = '；保存的索引太旧（其后的变动已无法补齐），已重新构建'
      } else {
        // Beside a serving index, paced (readSnapshot).
        const builtAt = Date.now()
        const { version, pages } = await readSnapshot(this.db, { pauseMs: this.serving ? READ_PAUSE_MS : 0, stopped: () => this.stopped, shard })
        const { index, longestSliceMs } = await MemoryIndex.build(pages, { termCacheRanks: this.opts.termCacheRanks, scoreAllBelow: this.opts.scoreAllBelow, sliceMs: this.opts.buildSliceMs ?? BUILD_SLICE_MS, release: true, stopped: () => this.stopped })
        built = { version, index, builtAt, how: `本线程分段构建，最长一段 ${longestSliceMs.toFixed(0)} ms` }
      }
      const changes = await this.shardChanges(shard, built.version)
      if (changes !== 'unreadable') return { base: built.index, since: built.version, how: built.how, builtAt: built.builtAt, loaded: built.loaded === true, ...changes }
    }
  }

  /** The rows of one shard changed after version `since`, as they are now, and the version read. */
  private async shardChanges(shard: Shard, since: number): Promise<ShardChanges | 'unreadable'> {
    const got = await this.readChanges(since, this.maxOverlay)
    if (got === 'unreadable') return got
    const changed = new Map<string, IndexedInstitution | null>()
    for (const [id, doc] of got.rows) if (shardOf(id, shard.of) === shard.index) changed.set(id, doc)
    return { changed, version: got.version }
  }

  private startRebuild(): void {
    if (!this.stopped) void this.rebuild().catch(() => {})
  }

  /** Brings every shard back: all of them when search is behind (or has no index yet), then, one at a time, each
   *  shard whose overlay outgrew its share, switched in as soon as it is built. */
  private rebuild(): Promise<void> {
    return (this.building ??= (async () => {
      const mib = (b: number) => (b / 2 ** 20).toFixed(1)
      try {
        const t = Date.now()
        const hows: string[] = []
        let rebuilt = 0
        let loaded = 0
        if (this.behind || !this.live) {
          // Not serving: let the stale shards go before building their successors, so they are never held twice.
          this.live = undefined
          this.changed = []
          this.builtAt = []
          this.shardCount = await this.shardsWanted()
          const n = this.shardCount
          // Nothing is served from an index meanwhile, so shards are built side by side in worker threads (at a
          // million, four one after another took ~85 s of searches from SQL). Built in this thread: one at a time.
          const side = this.builder ? Math.max(1, Math.min(n, this.opts.firstBuildThreads ?? 1)) : 1
          const built = await inTurns(n, side, (k) => this.buildShard({ index: k, of: n }, true))
          hows.push(...built.map((b) => b.how))
          loaded = built.filter((b) => b.loaded).length
          // Shards built first were read before the later ones: bring each up to the newest read, so the whole
          // reflects every write committed before the last shard's read (a write's search counts on it).
          for (let round = 1; ; round++) {
            const newest = Math.max(...built.map((b) => b.version))
            const late = built.findIndex((b) => b.version < newest)
            if (late < 0) break
            if (round > 3 * n) throw new Error('institutions changed faster than the index could be built')
            const again = await this.shardChanges({ index: late, of: n }, built[late].since)
            // Too much changed since its snapshot to lay over it: build that shard again.
            built[late] = again === 'unreadable' ? await this.buildShard({ index: late, of: n }) : { ...built[late], ...again }
          }
          this.changed = built.map((b) => b.changed)
          this.builtAt = built.map((b) => b.builtAt)
          this.live = new ShardedIndex(built.map((b) => new OverlaidIndex(b.base, b.changed)))
          this.liveVersion = Math.min(...built.map((b) => b.version))
          this.behind = false
          this.checkedAt = Date.now()
          rebuilt = n
        }
        const n = this.shardCount
        for (let k = this.shardToRebuild(); k >= 0 && !this.stopped && !this.behind && this.live; k = this.shardToRebuild()) {
          const shard = { index: k, of: n }
          let b = await this.buildShard(shard)
          // Catch-ups may have moved the serving shards past what was read: read again rather than switch this one
          // back in time. Checked right before the switch, with no await in between (not even a return from an async
          // function: a catch-up's continuation could run there).
          let stale = false
          while (!this.behind && this.live && b.version < this.liveVersion) {
            const again = await this.shardChanges(shard, b.since)
            if (again === 'unreadable') {
              stale = true
              break
            }
            b = { ...b, ...again }
          }
          if (stale) continue // changed too much since its snapshot: build it again
          if (this.behind || !this.live) break // fell behind meanwhile: the next search starts a full build
          const shards: OverlaidIndex[] = [...this.live.shards]
          shards[k] = new OverlaidIndex(b.base, b.changed)
          this.changed = this.changed.map((m, i) => (i === k ? b.changed : m))
          this.builtAt = this.builtAt.map((at, i) => (i === k ? b.builtAt : at))
          this.live = new ShardedIndex(shards)
          hows.push(b.how)
          rebuilt++
          this.opts.log?.(`搜索索引第 ${k + 1}/${n} 片已重建：${b.base.size} 家机构（${b.how}）`)
          // The shard switched out is garbage now (a quarter of the index at a million): collected when V8 next needed
          // room, three of them were held at once while the next shards were built (+241 MiB external at 1M, §9).
          collectSoon()
        }
        if (!rebuilt || !this.live) return
        let lists = 0
        let docs = 0
        for (const s of this.live.shards) {
          lists += s.base.listBytes
          docs += s.base.docBytes
        }
        const mem = process.memoryUsage()
        this.opts.log?.(
          `搜索索引已就绪：${this.live.size} 家机构，分 ${n} 片，${made(rebuilt, loaded)}，用时 ${Date.now() - t} ms（${hows[hows.length - 1]}），列表 ${mib(lists)} MiB，文档 ${mib(docs)} MiB，进程常驻内存 ${mib(mem.rss)} MiB（JS 堆 ${mib(mem.heapUsed)} MiB，堆外 ${mib(mem.external)} MiB）`,
        )
      } catch (e) {
        this.behind = true
        if (!(e instanceof BuildStopped)) console.error('[search index] rebuild failed; answering from SQL', e)
        throw e
      } finally {
        this.building = undefined
      }
    })())
  }
}
