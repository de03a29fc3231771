// The worker thread that builds a search index base (started by buildInWorker.ts, never imported): it reads every
// institution over its own connection, builds at full speed (this thread serves nothing), and posts the index back
// as transferable buffers (indexTransfer.ts). Everything the build allocates is collected on this thread's heap.
import fs from 'node:fs'
import os from 'node:os'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import { parentPort, workerData } from 'node:worker_threads'
import { Kysely, PostgresDialect } from 'kysely'
import type { Database } from '../../store/schema'
import { serverPool } from '../../store/serverPool'
import { readSnapshot } from './indexRows'
import { MemoryIndex } from './memoryIndex'
import { packIndex, type PackedIndex } from './indexTransfer'
import type { Shard } from './shardedIndex'

export interface BuildRequest {
  databaseUrl: string
  shard: Shard
  termCacheRanks?: number
  scoreAllBelow?: number
}

export type BuildReply = { ok: true; version: number; index: Pick<PackedIndex, 'root' | 'texts'>; readMs: number; buildMs: number; heapMiB: number } | { ok: false; message: string }

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

/** A full collection of this thread's heap, or nothing where it cannot be had. Why: at the reply, this thread's heap
 *  (the build's garbage and the index's strings) and the index's buffers, just moved to the serving thread, are held
 *  at once, and that moment was the process's memory peak during an import's rebuild (bench §9). V8 collects when
 *  it needs room, not when a build ends, so packIndex's `released` asks for it after each long string is encoded.
 *  The flag is V8's and process-wide, but it only puts a `gc` function on contexts created after it: this one-off
 *  context, never the serving thread's. */
function fullCollector(): () => void {
  try {
    v8.setFlagsFromString('--expose-gc')
    const gc: unknown = runInNewContext('gc')
    if (typeof gc === 'function') return gc as () => void
  } catch {
    // no way to ask: V8 collects when it would have
  }
  return () => {}
}

async function main(port: NonNullable<typeof parentPort>, req: BuildRequest): Promise<void> {
  yieldCpu()
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: serverPool(req.databaseUrl, 1, 'search index build connection') }) })
  try {
    const t0 = performance.now()
    const { version, pages } = await readSnapshot(db, { pauseMs: 0, stopped: () => false, shard: req.shard })
    const t1 = performance.now()
    // sliceMs Infinity: never gives way (nothing else runs here); release: each page goes once they are joined.
    const { index } = await MemoryIndex.build(pages, { termCacheRanks: req.termCacheRanks, scoreAllBelow: req.scoreAllBelow, sliceMs: Infinity, release: true })
    const t2 = performance.now()
    const { root, texts, transfer } = packIndex(index, { released: fullCollector() })
    const heap = v8.getHeapStatistics()
    const reply: BuildReply = { ok: true, version, index: { root, texts }, readMs: t1 - t0, buildMs: t2 - t1, heapMiB: heap.total_heap_size / 2 ** 20 }
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
