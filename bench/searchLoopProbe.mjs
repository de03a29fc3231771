// Loaded into the gateway by bench/searchBurst.ts (NODE_OPTIONS=--import): measures how long the event loop was held.
// On SIGUSR2 it prints the largest delay since the last signal and starts over, so the bench can bracket a phase.
// It also prints a short timeline of the phase (ms since the reset): the longest turns, the longest collector pauses
// and the search index's log lines, so a long turn can be put down to what ran at that moment. Every list is bounded
// (an unbounded event list once ran a probe out of memory after 24 minutes).
import { createHook, executionAsyncResource } from 'node:async_hooks'
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks'

const KEEP = 8
const h = monitorEventLoopDelay({ resolution: 5 })
h.enable()
let since = performance.now()
/** The KEEP largest of each kind since the reset: [ms since reset, duration ms, label]. */
let gaps = []
let pauses = []
let lines = []
const keepLargest = (list, entry) => {
  list.push(entry)
  list.sort((a, b) => b[1] - a[1])
  if (list.length > KEEP) list.length = KEEP
}

// Turns of the loop, timed from a 5 ms timer (unref'd: it must not keep a finished gateway alive).
let last = performance.now()
setInterval(() => {
  const now = performance.now()
  const gap = now - last - 5
  if (gap > 20) keepLargest(gaps, [last - since, gap, 'turn'])
  last = now
}, 5).unref()

// The longest single task: one callback from the loop (a socket's data, a timer, a worker's message) with the
// promise reactions that run right after it, before the loop can take the next one. A timer's delay cannot tell this
// apart from fifty short requests answered one after another in the same turn; this can. Promise reactions and
// nextTick callbacks join the task they follow; a task ends at the last of them before the next callback from the
// loop (a socket, timer, immediate or message port) begins.
let longestTask = 0
/** When the longest task began, on the clock a --cpu-prof profile's timestamps use (µs), to find it there. */
let longestTaskHrUs = 0n
let taskStartHr = 0n
let depth = 0
let taskStart = -1
let taskEnd = 0
const endTask = () => {
  if (taskStart < 0) return
  const d = taskEnd - taskStart
  if (d > longestTask) {
    longestTask = d
    longestTaskHrUs = taskStartHr / 1000n
  }
  if (d > 20) keepLargest(gaps, [taskStart - since, d, 'task'])
  taskStart = -1
}
/** Runs in the drain after a callback, not from the loop: a promise reaction, a nextTick (a plain object) or a queueMicrotask. */
const joins = (r) => r instanceof Promise || r?.constructor === Object || r?.constructor?.name === 'AsyncResource'
createHook({
  before() {
    if (depth++ > 0) return
    if (taskStart < 0 || !joins(executionAsyncResource())) {
      endTask()
      taskStart = performance.now()
      taskStartHr = process.hrtime.bigint()
    }
  },
  after() {
    if (--depth === 0) taskEnd = performance.now()
  },
}).enable()

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.duration > 5) keepLargest(pauses, [e.startTime - since, e.duration, `gc ${['', 'minor', 'major', '', 'incremental', '', '', '', 'weak'][e.detail?.kind] ?? e.detail?.kind}`])
}).observe({ entryTypes: ['gc'] })

// Memory, sampled every 50 ms: the peak's time and what it was made of, so a peak can be put down to a build's step
// (the worker's heap is in rss but not in this thread's heap or external; transferred buffers are external).
let memPeak = null
setInterval(() => {
  const m = process.memoryUsage()
  if (!memPeak || m.rss > memPeak.rss) memPeak = { at: performance.now() - since, ...m }
}, 50).unref()

// The index's log lines, with their time (the first KEEP * 2 of the phase: a build logs a handful).
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream)
  stream.write = (chunk, ...rest) => {
    const s = String(chunk)
    if (s.includes('搜索索引') && lines.length < KEEP * 2) lines.push([performance.now() - since, 0, s.trim().slice(0, 60)])
    return write(chunk, ...rest)
  }
}

process.on('SIGUSR2', () => {
  const ms = (ns) => (ns / 1e6).toFixed(1)
  const mib = (b) => (b / 2 ** 20).toFixed(0)
  const mem = memPeak ? [[memPeak.at, 0, `rss peak ${mib(memPeak.rss)} MiB (this thread's heap ${mib(memPeak.heapTotal)}, external ${mib(memPeak.external)} of which array buffers ${mib(memPeak.arrayBuffers)}; the rest: worker threads, code, native)`]] : []
  const timeline = [...gaps, ...pauses, ...lines, ...mem].sort((a, b) => a[0] - b[0]).map(([at, d, what]) => `+${(at / 1000).toFixed(2)}s ${what}${d ? ` ${d.toFixed(0)} ms` : ''}`)
  endTask()
  process.stderr.write(`[loop-delay] max=${ms(h.max)} p99=${ms(h.percentile(99))} mean=${ms(h.mean)} task=${longestTask.toFixed(1)} taskHrUs=${longestTaskHrUs}\n`)
  process.stderr.write(`[loop-timeline] ${timeline.join(' | ') || '(nothing over 20 ms)'}\n`)
  h.reset()
  longestTask = 0
  since = performance.now()
  gaps = []
  pauses = []
  lines = []
  memPeak = null
})
