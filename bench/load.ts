// A small closed-loop load generator: `concurrency` workers over keep-alive connections, each sending one
// request, waiting for the whole answer, then sending the next, until the time or count bound is reached.
// Only talks to 127.0.0.1. Latencies are exact (every request is kept and sorted, no histogram buckets).
import http from 'node:http'

export interface LoadRequest {
  method: 'GET' | 'POST'
  path: string
  body?: Buffer
  /** e.g. an Authorization header for a logged-in caller. */
  headers?: Record<string, string>
}

export interface LoadOptions {
  port: number
  concurrency: number
  durationMs: number
  /** Upper bound on requests, whatever the duration. */
  maxRequests: number
  /** Requests are taken in turn from this list (cycling), shared by all workers. */
  requests: LoadRequest[]
  /** Per-request timeout. */
  timeoutMs?: number
}

export interface LoadResult {
  requests: number
  errors: number
  /** Status codes (or 'timeout' / 'error:CODE') of the failures, with counts. */
  errorKinds: Record<string, number>
  elapsedMs: number
  rps: number
  p50: number
  p95: number
  p99: number
  max: number
  mean: number
}

/** Nearest-rank percentile over sorted values. */
export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

function once(agent: http.Agent, port: number, r: LoadRequest, timeoutMs: number): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: r.method,
        path: r.path,
        agent,
        headers: { ...(r.body ? { 'content-type': 'application/json', 'content-length': r.body.length } : {}), ...r.headers },
        timeout: timeoutMs,
      },
      (res) => {
        res.on('data', () => {})
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', (e) => resolve(`error:${(e as NodeJS.ErrnoException).code ?? e.message}`))
      },
    )
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', (e) => resolve(e.message === 'timeout' ? 'timeout' : `error:${(e as NodeJS.ErrnoException).code ?? e.message}`))
    req.end(r.body)
  })
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  if (o.requests.length === 0) throw new Error('no requests to send')
  const agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency, maxFreeSockets: o.concurrency })
  const latencies = new Float64Array(o.maxRequests)
  let issued = 0
  let done = 0
  let errors = 0
  const errorKinds: Record<string, number> = {}
  let cursor = 0
  const start = process.hrtime.bigint()
  const deadline = start + BigInt(o.durationMs) * 1_000_000n
  let last = start

  async function worker() {
    while (issued < o.maxRequests && process.hrtime.bigint() < deadline) {
      issued++
      const r = o.requests[cursor++ % o.requests.length]
      const t0 = process.hrtime.bigint()
      const status = await once(agent, o.port, r, o.timeoutMs ?? 10_000)
      const t1 = process.hrtime.bigint()
      latencies[done++] = Number(t1 - t0) / 1e6
      last = t1
      if (status !== 200) {
        errors++
        errorKinds[String(status)] = (errorKinds[String(status)] ?? 0) + 1
      }
    }
  }
  await Promise.all(Array.from({ length: o.concurrency }, worker))
  agent.destroy()
  const elapsedMs = Number(last - start) / 1e6
  const sorted = latencies.subarray(0, done).sort()
  let sum = 0
  for (const v of sorted) sum += v
  return {
    requests: done,
    errors,
    errorKinds,
    elapsedMs,
    rps: done / (elapsedMs / 1000),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    mean: sum / done,
  }
}
