// Starts the real gateway (cloud/gateway/start.ts) as a child process, so it has its own thread and the load
// generator does not share it; stops it with SIGTERM by PID.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export const ROOT = path.resolve(__dirname, '..')

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

/** A web root with a tiny index.html, so start.ts does not build the H5 app. */
export function stubWebRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-bench-web-'))
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>bench</title>')
  return dir
}

export function get(port: number, p: string, timeoutMs = 2000): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, timeout: timeoutMs, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
  })
}

export function postJson(port: number, p: string, event: unknown): Promise<{ status: number; json: any }> {
  const body = Buffer.from(JSON.stringify(event))
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: p, method: 'POST', agent: false, timeout: 30_000, headers: { 'content-type': 'application/json', 'content-length': body.length } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          let json: unknown
          try {
            json = JSON.parse(text)
          } catch {
            json = text
          }
          resolve({ status: res.statusCode ?? 0, json })
        })
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(body)
  })
}

export interface Gateway {
  port: number
  pid: number
  /** When the process was spawned (Date.now()): what a bench times its first search and its index from. */
  spawnedAt: number
  /** From spawn to the first /healthz answer (the gateway listens before its search index is built). */
  startMs: number
  /** From spawn to every process's log saying its search index is ready (undefined: not waited for, or SEARCH_INDEX=false). */
  indexReadyMs?: number
  /** Highest resident memory seen while starting (including the index build when it was waited for). */
  startPeakRssMiB: number
  log(): string
  /** Waits for every process's "搜索索引已就绪" line (a cluster's each log one), sampling RSS meanwhile: the one
   *  wait for an index, whether startGateway waits or a bench times the build itself. */
  waitForIndex(opts?: { timeoutMs?: number; processes?: number }): Promise<IndexReady>
  stop(): Promise<void>
}

export interface IndexReady {
  /** From spawn to the last process's ready line. */
  readyMs: number
  /** Highest resident memory seen from spawn until then. */
  peakRssMiB: number
  /** The ready lines, without their "[search index] " prefix. */
  lines: string[]
}

const READY = '搜索索引已就绪'

/** Starts a gateway and returns once it answers /healthz and, unless `waitForIndex` is false, once its search index
 *  is built (each process of a cluster logs its own): what a bench measures from the index must not be measured
 *  from the SQL path that answers while the index is built. */
export async function startGateway(env: Record<string, string>, opts: { timeoutMs?: number; waitForIndex?: boolean } = {}): Promise<Gateway> {
  const port = await freePort()
  const t0 = Date.now()
  // `node --import tsx` runs the same TypeScript as `npx tsx`, but as one process whose PID we own.
  // BENCH_GATEWAY_NODE_ARGS adds node flags to the gateway alone, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see
  // where its time goes under load (node refuses --cpu-prof in NODE_OPTIONS).
  const extra = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const child: ChildProcess = spawn(process.execPath, [...extra, '--import', 'tsx', 'cloud/gateway/start.ts'], {
    cwd: ROOT,
    // Not saving the index (savedShard.ts) unless a bench asks: a bench that measures a build must not load the
    // shards a run before it saved in the same DATA_DIR (§12 asks, to measure a restart).
    env: { ...process.env, NODE_ENV: 'production', SEARCH_INDEX_SAVE: 'false', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (c) => (out += c))
  child.stderr!.on('data', (c) => (out += c))
  let exited: number | null | undefined
  const exitP = new Promise<void>((resolve) => child.once('exit', (code) => ((exited = code), resolve())))
  const stop = async () => {
    if (exited !== undefined) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => exited === undefined && child.kill('SIGKILL'), 15_000)
    await exitP
    clearTimeout(timer)
  }
  const deadline = t0 + (opts.timeoutMs ?? 180_000)
  let peak = 0
  for (;;) {
    peak = Math.max(peak, rssMiB(child.pid!))
    if (exited !== undefined) throw new Error(`gateway exited (${exited}) before answering /healthz:\n${out.slice(-3000)}`)
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`gateway did not answer /healthz in time:\n${out.slice(-3000)}`)
    }
    try {
      const r = await get(port, '/healthz', 1000)
      if (r.status === 200) break
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  const startMs = Date.now() - t0
  const readyLines = () => out.split('\n').filter((l) => l.includes(READY)).map((l) => l.replace(/^\[search index\] /, ''))
  const waitForIndex = async (w: { timeoutMs?: number; processes?: number } = {}): Promise<IndexReady> => {
    const until = w.timeoutMs === undefined ? deadline : Date.now() + w.timeoutMs
    const processes = w.processes ?? 1
    while (readyLines().length < processes) {
      peak = Math.max(peak, rssMiB(child.pid!))
      if (exited !== undefined) throw new Error(`gateway exited (${exited}) before its search index was ready:\n${out.slice(-3000)}`)
      if (Date.now() > until) {
        await stop()
        throw new Error(`the gateway's search index was not ready in time:\n${out.slice(-3000)}`)
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    return { readyMs: Date.now() - t0, peakRssMiB: peak, lines: readyLines() }
  }
  let indexReadyMs: number | undefined
  if (opts.waitForIndex !== false && (env.SEARCH_INDEX ?? process.env.SEARCH_INDEX) !== 'false') {
    indexReadyMs = (await waitForIndex({ processes: Number(env.GATEWAY_PROCESSES ?? process.env.GATEWAY_PROCESSES ?? 1) })).readyMs
  }
  return { port, pid: child.pid!, spawnedAt: t0, startMs, indexReadyMs, startPeakRssMiB: Math.max(peak, rssMiB(child.pid!)), log: () => out, waitForIndex, stop }
}

/** Resident memory of a process (0 once it is gone). */
export function rssMiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
  } catch {
    return 0
  }
}
