// A small closed-loop load generator: `concurrency` workers over keep-alive connections, each sending one
// request, waiting for the whole answer, then sending the next, until the time or count bound is reached.
// Only talks to 127.0.0.1. Latencies are exact (every request is kept and sorted, no histogram buckets).
import net from 'node:net'
import v8 from 'node:v8'
import vm from 'node:vm'

/**
 * A full collection of the generator's own heap, run just before a measurement starts: then none falls inside the
 * run. One that did paused the generator 12–31 ms (a 100–350 MB heap: the benches hold their sample and every
 * shape's terms), and every answer that arrived meanwhile was timed that much late. V8 exposes gc() only behind a
 * flag, which can be set at run time.
 */
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString('--expose-gc')
  return vm.runInNewContext('gc') as () => void
})()

/** Latencies of a run, kept between runs (a fresh 16 MB array per run was itself a reason to collect); a run that
 *  starts while another is going gets its own. */
let latencyStore = new Float64Array(0)
let storeInUse = false

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

/** A request as the bytes sent on the wire, built once per distinct request rather than once per send. */
function wire(r: LoadRequest, port: number): Buffer {
  const head = [`${r.method} ${r.path} HTTP/1.1`, `host: 127.0.0.1:${port}`, 'connection: keep-alive']
  if (r.body) head.push('content-type: application/json', `content-length: ${r.body.length}`)
  for (const [k, v] of Object.entries(r.headers ?? {})) head.push(`${k}: ${v}`)
  const text = Buffer.from(head.join('\r\n') + '\r\n\r\n', 'latin1')
  return r.body ? Buffer.concat([text, r.body]) : text
}

const HEAD_END = Buffer.from('\r\n\r\n')
const CRLF = Buffer.from('\r\n')
const EMPTY = Buffer.alloc(0)
/** What one read may fill (libuv's usual read size). */
const READ_SIZE = 64 * 1024

/**
 * One keep-alive connection, one request at a time, reading just enough HTTP/1.1 to know where each answer ends
 * (Content-Length or chunked). Why not node:http: its client cost the load generator ~0.3 ms of CPU per request,
 * taken from the two cores the server under test shares with it (bench §7 reports it); this costs a fraction.
 *
 * Each connection reads into one buffer of its own, over and over (`onread`), and keeps no body bytes: it counts
 * them. With a new buffer per read, at 5,000 answers a second of ~8 KB each the generator's external memory churned
 * fast enough to start a full collection of its own heap every second or so, each pausing it up to 30–170 ms; the
 * answers that came in meanwhile were timed late, and that was the p99 of whichever shape ran then (bench §5).
 */
export class LoadConnection {
  private socket: net.Socket | undefined
  private readonly readBuffer = Buffer.allocUnsafe(READ_SIZE)
  /** Bytes kept between reads: a head not yet whole, or a chunked body's framing. Always a copy of the read buffer. */
  private pending: Buffer = EMPTY
  private finish: ((status: number | string) => void) | undefined
  private status = 0
  private headerDone = false
  private bodyLeft = -1
  private chunked = false

  constructor(private readonly port: number) {}

  send(bytes: Buffer, timeoutMs: number): Promise<number | string> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.fail('timeout'), timeoutMs)
      this.finish = (status) => {
        clearTimeout(timer)
        this.finish = undefined
        resolve(status)
      }
      this.pending = EMPTY
      this.headerDone = false
      this.socket ??= this.open()
      this.socket.write(bytes)
    })
  }

  close(): void {
    this.socket?.destroy()
    this.socket = undefined
  }

  private open(): net.Socket {
    const socket = net.connect({
      host: '127.0.0.1',
      port: this.port,
      noDelay: true,
      onread: {
        buffer: this.readBuffer,
        callback: (n: number, buf: Uint8Array) => {
          if (this.socket === socket) this.take(Buffer.from(buf.buffer, buf.byteOffset, n))
          return true
        },
      },
    })
    // A socket given up on (a timeout) closes later: only the current one's end concerns the request in flight.
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (this.socket === socket) this.fail(`error:${e.code ?? e.message}`)
    })
    socket.on('close', () => {
      if (this.socket !== socket) return
      this.socket = undefined
      this.fail('error:ECONNRESET')
    })
    return socket
  }

  private fail(why: string): void {
    if (!this.finish) return
    this.close()
    this.finish(why)
  }

  /** One read's bytes (a view of the read buffer, valid only during this call). */
  private take(data: Buffer): void {
    if (!this.finish) return
    if (!this.headerDone) {
      const all = this.pending.length ? Buffer.concat([this.pending, data]) : data
      const end = all.indexOf(HEAD_END)
      if (end < 0) {
        this.pending = Buffer.from(all)
        return
      }
      const head = all.toString('latin1', 0, end).toLowerCase()
      this.status = Number(head.slice(9, 12))
      const length = /\r\ncontent-length:\s*(\d+)/.exec(head)
      this.chunked = !length && /\r\ntransfer-encoding:\s*chunked/.test(head)
      // 204 and 304 have no body whatever the headers say.
      this.bodyLeft = this.status === 204 || this.status === 304 ? 0 : length ? Number(length[1]) : -1
      this.headerDone = true
      this.pending = EMPTY
      data = all.subarray(end + 4)
      if (this.bodyLeft < 0 && !this.chunked) return this.fail('error:no length')
      if (this.bodyLeft === 0) this.chunked = false
    }
    if (!this.chunked) {
      this.bodyLeft -= data.length
      if (this.bodyLeft <= 0) this.finish(this.status)
      return
    }
    // Chunked: size line, data, CRLF; a zero size line and a blank line end it. What is not yet whole is copied.
    this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : Buffer.from(data)
    for (;;) {
      const eol = this.pending.indexOf(CRLF)
      if (eol < 0) return
      const size = parseInt(this.pending.toString('latin1', 0, eol), 16)
      if (size === 0) {
        if (this.pending.length >= eol + 4) this.finish(this.status)
        return
      }
      if (this.pending.length < eol + 2 + size + 2) return
      this.pending = this.pending.subarray(eol + 2 + size + 2)
    }
  }
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  if (o.requests.length === 0) throw new Error('no requests to send')
  const bytes = o.requests.map((r) => wire(r, o.port))
  const shared = !storeInUse
  if (shared && latencyStore.length < o.maxRequests) latencyStore = new Float64Array(o.maxRequests)
  const latencies = shared ? latencyStore : new Float64Array(o.maxRequests)
  storeInUse ||= shared
  collectGarbage()
  let issued = 0
  let done = 0
  let errors = 0
  const errorKinds: Record<string, number> = {}
  let cursor = 0
  const start = process.hrtime.bigint()
  const deadline = start + BigInt(o.durationMs) * 1_000_000n
  let last = start

  async function worker() {
    const connection = new LoadConnection(o.port)
    while (issued < o.maxRequests && process.hrtime.bigint() < deadline) {
      issued++
      const r = bytes[cursor++ % bytes.length]
      const t0 = process.hrtime.bigint()
      const status = await connection.send(r, o.timeoutMs ?? 10_000)
      const t1 = process.hrtime.bigint()
      latencies[done++] = Number(t1 - t0) / 1e6
      last = t1
      if (status !== 200) {
        errors++
        errorKinds[String(status)] = (errorKinds[String(status)] ?? 0) + 1
      }
    }
    connection.close()
  }
  await Promise.all(Array.from({ length: o.concurrency }, worker))
  const elapsedMs = Number(last - start) / 1e6
  const sorted = latencies.subarray(0, done).sort()
  let sum = 0
  for (const v of sorted) sum += v
  const result = {
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
  if (shared) storeInUse = false
  return result
}
