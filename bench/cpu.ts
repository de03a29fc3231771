// CPU seconds spent by the processes a bench run involves, read from /proc (Linux): the gateway by its PID, the
// database by its backends (a server process per connection, named after its database), the load generator by its
// own usage. On a 2-core machine they share the cores, so a run's latency is read beside where the CPU went.
import fs from 'node:fs'

const TICKS_PER_SECOND = 100

/** utime + stime of one process, in seconds (NaN once it is gone). */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND
  } catch {
    return NaN
  }
}

/**
 * CPU seconds of the PostgreSQL server processes serving `database` (their command line names it), ended ones not
 * counted: compare two readings over a run whose connections stay open.
 */
export function databaseCpuSeconds(database: string): number {
  let sum = 0
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const cmd = fs.readFileSync(`/proc/${d}/cmdline`, 'utf8')
      if (!cmd.startsWith('postgres:') || !cmd.includes(` ${database} `)) continue
      const s = processCpuSeconds(Number(d))
      if (Number.isFinite(s)) sum += s
    } catch {
      /* ended meanwhile */
    }
  }
  return sum
}

/** Where the CPU went during `run`, in cores (1 = one core busy the whole time). */
export async function withCpu<T>(who: { gatewayPid: number; database: string }, run: () => Promise<T>): Promise<{ result: T; cpu: { gateway: number; database: number; loader: number } }> {
  const g0 = processCpuSeconds(who.gatewayPid)
  const d0 = databaseCpuSeconds(who.database)
  const l0 = process.cpuUsage()
  const t0 = performance.now()
  const result = await run()
  const wall = (performance.now() - t0) / 1000
  const l = process.cpuUsage(l0)
  return {
    result,
    cpu: {
      gateway: (processCpuSeconds(who.gatewayPid) - g0) / wall,
      database: (databaseCpuSeconds(who.database) - d0) / wall,
      loader: (l.user + l.system) / 1e6 / wall,
    },
  }
}
