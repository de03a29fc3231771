// The worker thread that builds a search index base (started by buildInWorker.ts, never imported): it reads every
// institution over its own connection, builds at full speed (this thread serves nothing), and posts the index back
// as transferable buffers (indexTransfer.ts). Everything the build allocates is collected on this thread's heap.
import fs from 'node:fs'
import os from 'node:os'
import v8 from 'node:v8'
import { parentPort, workerData } from 'node:worker_threads'
import { Kysely, PostgresDialect } from 'kysely'
import type { Database } from '../../store/schema'
import { serverPool } from '../../store/serverPool'
import { institutionsVersion, readSnapshot } from './indexRows'
import { MemoryIndex } from './memoryIndex'
import { packIndex, type PackedIndex } from './indexTransfer'
import { loadShard, saveShard, type SavedShardKey } from './savedShard'
import { collectNow } from './collector'
import type { Shard } from './shardedIndex'

export interface BuildRequest {
  databaseUrl: string
  shard: Shard
  termCacheRanks?: number
  scoreAllBelow?: number
  /** Where shards are saved (savedShard.ts) and by what code; `load`: a saved one may be loaded instead of built. */
  saved?: { dir: string; fingerprint: string; load: boolean }
}

/** A shard loaded from disk (`loaded`), or built (with, when asked to save it, how that went). */
export type BuildReply =
  | { ok: true; version: number; builtAt: number; index: Pick<PackedIndex, 'root' | 'texts'>; loaded: { bytes: number; ms: number } }
  | { ok: true; version: number; builtAt: number; index: Pick<PackedIndex, 'root' | 'texts'>; loaded?: undefined; readMs: number; buildMs: number; heapMiB: number; notLoaded?: string; saved?: { bytes: number; ms: number } | { failed: string } }
  | { ok: false; message: string }

/** This thread's nice value (Linux counts it per thread): ~10 % of a core's share beside threads at 0. */
const NICE = 10

/** Lowers this thread's scheduling priority, so the build takes what CPU the serving thread, the database and the
 *  clients leave. At equal priority on 2 cores, the build's full-speed core kept the serving thread waiting for a
 *  CPU for up to ~50 ms at a time even with no searches to answer (bench/_workermem). Linux only; elsewhere the
 *  build runs at the process's priority. */
function yieldCpu(): void {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop())
    if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, NICE)
  } catch {
    // no /proc/thread-self (not Linux): keep the process's priority
  }
}

async function main(port: NonNullable<typeof parentPort>, req: BuildRequest): Promise<void> {
  yieldCpu()
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: serverPool(req.databaseUrl, 1, 'search index build connection') }) })
  try {
    const settings = `termCacheRanks=${req.termCacheRanks ?? 'default'} scoreAllBelow=${req.scoreAllBelow ?? 'default'}`
    const key: SavedShardKey | undefined = req.saved && { databaseId: (await db.selectFrom('database_identity').select('id').executeTakeFirstOrThrow()).id, fingerprint: req.saved.fingerprint, shard: req.shard, settings }
    let notLoaded: string | undefined
    if (req.saved?.load && key) {
      const t = performance.now()
      const got = loadShard(req.saved.dir, key, await institutionsVersion(db))
      if (got.ok) {
        const reply: BuildReply = { ok: true, version: got.version, builtAt: got.builtAt, index: got.index, loaded: { bytes: got.bytes, ms: performance.now() - t } }
        port.postMessage(reply, got.transfer)
        return
      }
      notLoaded = got.why
    }
    const t0 = performance.now()
    const builtAt = Date.now()
    const { version, pages } = await readSnapshot(db, { pauseMs: 0, stopped: () => false, shard: req.shard })
    const t1 = performance.now()
    // sliceMs Infinity: never gives way (nothing else runs here); release: each page goes once they are joined.
    const { index } = await MemoryIndex.build(pages, { termCacheRanks: req.termCacheRanks, scoreAllBelow: req.scoreAllBelow, sliceMs: Infinity, release: true })
    const t2 = performance.now()
    // At the reply, this thread's heap (the build's garbage and the index's strings) and the index's buffers, just
    // moved to the serving thread, were held at once: each string goes as soon as its bytes are made (collector.ts).
    const { root, texts, transfer } = packIndex(index, { released: collectNow })
    const heap = v8.getHeapStatistics()
    // Saved before it is posted (posting moves the buffers away); a failure to save (a full disk) costs only the next
    // start's head start, so the build is answered all the same.
    let saved: { bytes: number; ms: number } | { failed: string } | undefined
    if (req.saved && key) {
      const t = performance.now()
      try {
        saved = { bytes: saveShard(req.saved.dir, key, { version, builtAt }, { root, texts }), ms: performance.now() - t }
      } catch (e) {
        saved = { failed: e instanceof Error ? e.message : String(e) }
      }
    }
    const reply: BuildReply = { ok: true, version, builtAt, index: { root, texts }, readMs: t1 - t0, buildMs: t2 - t1, heapMiB: heap.total_heap_size / 2 ** 20, notLoaded, saved }
    port.postMessage(reply, transfer)
  } finally {
    await db.destroy()
  }
}

if (parentPort) {
  const port = parentPort
  main(port, workerData as BuildRequest).catch((e: unknown) => {
    const reply: BuildReply = { ok: false, message: e instanceof Error ? e.message : String(e) }
    port.postMessage(reply)
  })
}
