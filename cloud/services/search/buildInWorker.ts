// Builds search index bases in a worker thread (buildWorker.ts), for a server on PostgreSQL: SearchIndex.ready takes
// what this returns. One worker per build, ended once it has answered, so its heap (the build's garbage) goes with it.
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { BuildStopped } from './memoryIndex'
import { receiveIndex } from './indexTransfer'
import { codeFingerprint } from './savedShard'
import type { IndexBuilder } from './searchIndex'
import type { BuildReply, BuildRequest } from './buildWorker'

/** The worker's young generation. V8's default (16 MiB semi-spaces, 32 MiB reserved at the reply) was a third of a
 *  shard's worker heap and most of what stayed reserved once the build's garbage was collected: capped at 2 MiB the
 *  worker's heap at the reply fell from 58 to 51 MiB at 100,000 institutions (27 with its strings collected as they
 *  are packed: buildWorker.ts), the process's RSS at that moment by ~35 MiB, the build time within run-to-run noise
 *  (ANALYSIS §11). */
const YOUNG_MB = 2

/** The worker's old generation when the size of what it builds is known (a rebuild: `rows`): a base plus a share per
 *  institution. Left to itself V8 grew the heap to ~150 MiB building 100,000 institutions, mostly garbage it had not
 *  needed to collect yet; capped at ~81 MiB it ended at 66 with the same build time, and the process's peak while
 *  the next index is built beside the serving one fell by ~50–80 MiB (ANALYSIS §10). A cap too small for the data
 *  ends the worker (ERR_WORKER_OUT_OF_MEMORY): the build is then run again without one, which at a million rows took
 *  the rebuild from ~60 to 93 s (0.5 KiB a row was too little there; at 100,000 the old generation needs 55–83 MiB
 *  with the 2 MiB young generation, ANALYSIS §11). */
const HEAP_BASE_MB = 32
const HEAP_PER_ROW_KB = 0.75

/** How often a running build looks whether its owner stopped (shutdown). */
const STOP_CHECK_MS = 100

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0)

/** The reply's part of the log line: where the shard came from and what each step took. */
function describe(reply: Extract<BuildReply, { ok: true }>, receiveMs: number, heapCapMb: number | undefined): string {
  const received = `接收 ${receiveMs.toFixed(1)} ms（文本 ${reply.index.texts.length} 段，逐段解码）`
  if (reply.loaded) return `${mib(reply.loaded.bytes)} MiB，读取 ${reply.loaded.ms.toFixed(0)} ms，${received}`
  const parts = [`读取 ${reply.readMs.toFixed(0)} ms，构建 ${reply.buildMs.toFixed(0)} ms，${received}，线程堆 ${reply.heapMiB.toFixed(0)} MiB${heapCapMb ? `（上限 ${heapCapMb} MiB）` : ''}`]
  if (reply.notLoaded) parts.push(`未载入保存的索引：${reply.notLoaded}`)
  if (reply.saved) parts.push('failed' in reply.saved ? `保存失败：${reply.saved.failed}` : `已保存 ${mib(reply.saved.bytes)} MiB（${reply.saved.ms.toFixed(0)} ms）`)
  return parts.join('；')
}

/** `savedDir`: each shard built is saved there, and a first build may load one saved before (savedShard.ts). */
export function buildInWorker(databaseUrl: string, opts: { heapBaseMb?: number; savedDir?: string } = {}): IndexBuilder {
  // Hashed once per builder, on its first use (reading the source files takes a few milliseconds).
  let fingerprint: string | undefined
  // The worker runs our TypeScript through tsx, as the gateway itself does (npm start).
  const entry = path.join(__dirname, 'buildWorker.ts')
  const source = `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)})`
  const run = (request: BuildRequest, stopped: () => boolean, heapCapMb: number | undefined): ReturnType<IndexBuilder> =>
    new Promise((resolve, reject) => {
      const resourceLimits = { maxOldGenerationSizeMb: heapCapMb, maxYoungGenerationSizeMb: YOUNG_MB }
      const worker = new Worker(source, { eval: true, workerData: request, resourceLimits })
      let settled = false
      const settle = (f: () => void) => {
        if (settled) return
        settled = true
        clearInterval(watch)
        f()
        void worker.terminate()
      }
      const watch = setInterval(() => {
        if (stopped()) settle(() => reject(new BuildStopped()))
      }, STOP_CHECK_MS)
      worker.once('message', (reply: BuildReply) =>
        settle(() => {
          if (!reply.ok) return reject(new Error(`搜索索引在工作线程中构建失败：${reply.message}`))
          const t = performance.now()
          // The worker's heap goes first (terminate settles once the thread has stopped: its buffers are ours now),
          // then the long strings are decoded one per turn, so searches go on between them (indexTransfer.ts): the
          // build's heap and the decoded strings are never held at once.
          worker
            .terminate()
            .then(() => receiveIndex(reply.index))
            .then(
              (index) => resolve({ version: reply.version, builtAt: reply.builtAt, index, loaded: reply.loaded !== undefined, detail: describe(reply, performance.now() - t, heapCapMb) }),
              reject,
            )
        }),
      )
      worker.once('error', (e) => settle(() => reject(e)))
      worker.once('exit', (code) => settle(() => reject(new Error(`搜索索引的构建线程提前退出（${code}）`))))
    })
  const build: IndexBuilder = async ({ termCacheRanks, scoreAllBelow, stopped, shard, rows, mayLoad }) => {
    const saved = opts.savedDir === undefined ? undefined : { dir: opts.savedDir, fingerprint: (fingerprint ??= codeFingerprint()), load: mayLoad === true }
    const request: BuildRequest = { databaseUrl, shard, termCacheRanks, scoreAllBelow, saved }
    const cap = rows === undefined ? undefined : Math.ceil((opts.heapBaseMb ?? HEAP_BASE_MB) + (rows * HEAP_PER_ROW_KB) / 1024)
    try {
      return await run(request, stopped, cap)
    } catch (e) {
      if (cap === undefined || (e as { code?: string }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw e
      // More than the cap allowed (the data grew, or names got longer): again, as much as it needs.
      const built = await run(request, stopped, undefined)
      return { ...built, detail: `${built.detail}；堆上限 ${cap} MiB 不够，已不设上限重建` }
    }
  }
  build.saves = opts.savedDir !== undefined
  return build
}
