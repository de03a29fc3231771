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
import { readSnapshot } from './indexRows'
import { MemoryIndex } from './memoryIndex'
import { packIndex, type PackedIndex } from './indexTransfer'
import { collectNow } from './collector'
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
    // At the reply, this thread's heap (the build's garbage and the index's strings) and the index's buffers, just
    // moved to the serving thread, were held at once: each string goes as soon as its bytes are made (collector.ts).
    const { root, texts, transfer } = packIndex(index, { released: collectNow })
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
