// Loaded into the gateway by bench/searchBurst.ts (NODE_OPTIONS=--import): measures how long the event loop was held.
// On SIGUSR2 it prints the largest delay since the last signal and starts over, so the bench can bracket a phase.
import { monitorEventLoopDelay } from 'node:perf_hooks'

const h = monitorEventLoopDelay({ resolution: 5 })
h.enable()
process.on('SIGUSR2', () => {
  const ms = (ns) => (ns / 1e6).toFixed(1)
  process.stderr.write(`[loop-delay] max=${ms(h.max)} p99=${ms(h.percentile(99))} mean=${ms(h.mean)}\n`)
  h.reset()
})
