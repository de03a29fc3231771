// GATEWAY_PROCESSES > 1: a primary that only forks gateway workers sharing one port (node:cluster hands each new
// connection to the next worker), restarts a worker that dies, and stops them all on SIGTERM/SIGINT. It opens no
// database and serves nothing itself, so there is nothing in it to crash along with a worker.
import cluster, { type Worker } from 'node:cluster'

/** Told to each worker in its environment: `first` does the once-per-deployment work, `more` only serves. */
const ROLE_VAR = 'YG_GATEWAY_ROLE'
type Role = 'first' | 'more'

interface ReadyMessage {
  type: 'gateway-ready'
  url: string
}

/** In a worker: whether it does the work that must run once (see BootOptions.runOnceJobs). */
export function runsOnceJobs(): boolean {
  return !cluster.isWorker || process.env[ROLE_VAR] !== 'more'
}

/** In a worker: tells the primary it is listening. */
export function announceReady(url: string): void {
  const message: ReadyMessage = { type: 'gateway-ready', url }
  process.send?.(message)
}

const isReady = (m: unknown): m is ReadyMessage => typeof m === 'object' && m !== null && (m as ReadyMessage).type === 'gateway-ready'

/** Longest wait before forking a replacement again, so a worker that cannot start does not spin the CPU. */
const MAX_BACKOFF_MS = 30_000
const STOP_GRACE_MS = 15_000

/**
 * Runs the primary until it is told to stop. The first worker starts alone and the others only once it answers:
 * it migrates, loads the demo data and content, and runs the subscribe-message sender, and two of those at once
 * would race (two sample loads into one empty database) or deliver every message twice. Until every worker has
 * answered once, a worker that dies is a failed start (bad config, database down) and ends the primary with an error
 * instead of a restart loop; afterwards a dead worker is replaced in the same role.
 */
export function runPrimary(processes: number, log: (line: string) => void): Promise<{ url: string; stopped: Promise<number> }> {
  const roles = new Map<Worker, Role>()
  const ready = new Set<Worker>()
  let up = false
  let stopping = false
  let failuresInARow = 0
  let resolveStopped: (code: number) => void = () => {}
  const stopped = new Promise<number>((r) => (resolveStopped = r))

  const stopAll = (code: number) => {
    if (stopping) return
    stopping = true
    const alive = [...roles.keys()].filter((w) => !w.isDead())
    if (!alive.length) return resolveStopped(code)
    let left = alive.length
    const killer = setTimeout(() => alive.forEach((w) => w.isDead() || w.process.kill('SIGKILL')), STOP_GRACE_MS)
    for (const w of alive) {
      w.once('exit', () => {
        if (--left === 0) {
          clearTimeout(killer)
          resolveStopped(code)
        }
      })
      w.process.kill('SIGTERM')
    }
  }

  return new Promise((resolve, reject) => {
    const fork = (role: Role): Worker => {
      const w = cluster.fork({ [ROLE_VAR]: role })
      roles.set(w, role)
      w.on('message', (m: unknown) => {
        if (!isReady(m)) return
        ready.add(w)
        failuresInARow = 0
        if (up) return log(`网关进程 ${w.process.pid} 已接替（${role === 'first' ? '负责一次性任务' : '只处理请求'}）`)
        if (role === 'first') for (let k = 1; k < processes; k++) fork('more')
        if (ready.size === processes) {
          up = true
          resolve({ url: m.url, stopped })
        }
      })
      w.on('exit', (code, signal) => {
        roles.delete(w)
        const wasReady = ready.delete(w)
        if (stopping) return
        const how = signal ? `信号 ${signal}` : `退出码 ${code}`
        if (!up) {
          log(`网关进程 ${w.process.pid} 启动失败（${how}），正在停止其余进程`)
          stopAll(1)
          stopped.then((c) => reject(new Error(`gateway worker failed to start (${how}); primary exits with ${c}`)))
          return
        }
        failuresInARow = wasReady ? 0 : failuresInARow + 1
        const delay = Math.min(MAX_BACKOFF_MS, failuresInARow ? 1000 * 2 ** (failuresInARow - 1) : 0)
        log(`网关进程 ${w.process.pid} 已退出（${how}），${delay ? `${delay} ms 后` : ''}重新启动一个`)
        setTimeout(() => stopping || fork(role), delay)
      })
      return w
    }
    const onSignal = () => stopAll(0)
    process.once('SIGTERM', onSignal)
    process.once('SIGINT', onSignal)
    fork('first')
  })
}
