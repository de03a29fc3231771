// Builds search index bases in a worker thread (buildWorker.ts), for a server on PostgreSQL: SearchIndex.ready takes
// what this returns. One worker per build, ended once it has answered, so its heap (the build's garbage) goes with it.
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { BuildStopped } from './memoryIndex'
import { receiveIndex } from './indexTransfer'
import type { IndexBuilder } from './searchIndex'
import type { BuildReply, BuildRequest } from './buildWorker'

/** The young generation of a worker building one shard of several: a shard's build is small enough that V8's default
 *  young generation was a third of the worker's heap (79 → 45 MiB for 25,000 institutions, RSS peak 1.63× → 1.50×
 *  steady with no load; ANALYSIS §10). For a whole index it made no difference and the build ~20 % slower. */
const SHARD_YOUNG_MB = 1

/** How often a running build looks whether its owner stopped (shutdown). */
const STOP_CHECK_MS = 100

export function buildInWorker(databaseUrl: string): IndexBuilder {
  // The worker runs our TypeScript through tsx, as the gateway itself does (npm start).
  const entry = path.join(__dirname, 'buildWorker.ts')
  const source = `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)})`
  return ({ termCacheRanks, scoreAllBelow, stopped, shard }) =>
    new Promise((resolve, reject) => {
      const request: BuildRequest = { databaseUrl, shard, termCacheRanks, scoreAllBelow }
      const worker = new Worker(source, { eval: true, workerData: request, resourceLimits: shard.of > 1 ? { maxYoungGenerationSizeMb: SHARD_YOUNG_MB } : undefined })
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
          // Its long strings are decoded one per turn, so searches go on between them (indexTransfer.ts).
          receiveIndex(reply.index).then(
            (index) => resolve({ version: reply.version, index, detail: `读取 ${reply.readMs.toFixed(0)} ms，构建 ${reply.buildMs.toFixed(0)} ms，接收 ${(performance.now() - t).toFixed(1)} ms（文本 ${reply.index.texts.length} 段，逐段解码），线程堆 ${reply.heapMiB.toFixed(0)} MiB` }),
            reject,
          )
        }),
      )
      worker.once('error', (e) => settle(() => reject(e)))
      worker.once('exit', (code) => settle(() => reject(new Error(`搜索索引的构建线程提前退出（${code}）`))))
    })
}
