// Builds search index bases in a worker thread (buildWorker.ts), for a server on PostgreSQL: SearchIndex.ready takes
// what this returns. One worker per build, ended once it has answered, so its heap (the build's garbage) goes with it.
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { BuildStopped } from './memoryIndex'
import { receiveIndex } from './indexTransfer'
import type { IndexBuilder } from './searchIndex'
import type { BuildReply, BuildRequest } from './buildWorker'

/** How often a running build looks whether its owner stopped (shutdown). */
const STOP_CHECK_MS = 100

export function buildInWorker(databaseUrl: string): IndexBuilder {
  // The worker runs our TypeScript through tsx, as the gateway itself does (npm start).
  const entry = path.join(__dirname, 'buildWorker.ts')
  const source = `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)})`
  return ({ termCacheRanks, scoreAllBelow, stopped }) =>
    new Promise((resolve, reject) => {
      const request: BuildRequest = { databaseUrl, termCacheRanks, scoreAllBelow }
      const worker = new Worker(source, { eval: true, workerData: request })
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
