// Starts a bundled cloud function in a fresh Node process, as a WeChat function instance starts, and reports its first
// answer and how long it took from process start. Used by test/deploy (is the first answer right, and what did the
// instance load or build on the way) and by `npm run bench -- --only cold` (how long).
import path from 'node:path'
import { spawn } from 'node:child_process'

export interface ColdCall {
  /** The function's answer (the envelope main resolved with). */
  answer: { ok: boolean; data?: unknown; error?: unknown }
  /** ms from process start (performance.timeOrigin) until index.js was required, and until the answer. */
  requireMs: number
  firstAnswerMs: number
  /** ms from spawning the process until its answer reached this one (adds Node's own start-up and the pipe). */
  wallMs: number
  /** Files of the bundle's folder the process had loaded when it answered (index.js, a side file like pinyin-pro.js). */
  loaded: string[]
  /** What the process wrote to stderr, up to lingerMs after its answer (the search index logs its builds there). */
  stderr: string
}

/** The child: requires the bundle, calls main once, prints one line, then stays lingerMs so that work the first call
 *  started in the background (an index build) can show in stderr before it exits. */
const CHILD = `
const dir = process.argv[1], event = JSON.parse(process.argv[2]), lingerMs = Number(process.argv[3])
const fn = require(dir + '/index.js')
const requireMs = performance.now()
fn.main(event, {}).then((answer) => {
  const firstAnswerMs = performance.now()
  const loaded = Object.keys(require.cache).filter((f) => f.startsWith(dir + '/')).map((f) => f.slice(dir.length + 1))
  process.stdout.write('COLD ' + JSON.stringify({ answer, requireMs, firstAnswerMs, loaded }) + '\\n')
  setTimeout(() => process.exit(0), lingerMs)
}, (e) => { console.error(e); process.exit(2) })`

export function callCold(functionDir: string, event: object, env: Record<string, string>, opts: { lingerMs?: number } = {}): Promise<ColdCall> {
  const dir = path.resolve(functionDir)
  const args = ['-e', CHILD, dir, JSON.stringify(event), String(opts.lingerMs ?? 0)]
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    let wallMs = 0
    // Only what a function instance would have: PATH and the given variables (no DATABASE_URL etc. leaking in).
    // The child inherits this process's niceness.
    const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '', ...env } as unknown as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => {
      out += c
      if (!wallMs && out.includes('\n')) wallMs = performance.now() - t0
    })
    child.stderr.on('data', (c: Buffer) => (err += c))
    const timer = setTimeout(() => child.kill(), 60_000)
    child.once('error', reject)
    child.once('exit', (code) => {
      clearTimeout(timer)
      const line = out.split('\n').find((l) => l.startsWith('COLD '))
      if (code !== 0 || !line) return reject(new Error(`bundled function in ${dir} exited ${code}: ${err.slice(-2000)}`))
      resolve({ ...(JSON.parse(line.slice(5)) as Omit<ColdCall, 'wallMs' | 'stderr'>), wallMs, stderr: err })
    })
  })
}
