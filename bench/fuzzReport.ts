// The "6. Fuzz" section of bench/RESULTS.md, written by `npm run fuzz` (bench/fuzz.ts) and kept by `npm run bench`.
import type { Stamped } from './report'

export interface FuzzRun {
  kind: string
  profile: string
  /** Targets allowed to answer `unavailable` in this profile. */
  unconfigured: string[]
  seconds: number
  /** Targets to run; fewer in `targets` while the run is still going. */
  targetCount: number
  targets: { target: string; runs: number; statuses: Record<string, number>; problems: number; examples: { problem: string; example: string }[]; seconds: number }[]
}

export interface FuzzReport {
  seed: number
  runsPerTarget: number
  concurrency: number
  seconds: number
  runs: FuzzRun[]
}

const day = (iso: string) => iso.replace('T', ' ').slice(0, 16) + ' UTC'
const STATUS_COLUMNS = ['200', '400', '401', '403', '404', '409', '413', '429', '503', '500']
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)

export function renderFuzz(f: Stamped<FuzzReport> | undefined): string {
  const L: string[] = ['## 6. Fuzz (`npm run fuzz`, through the gateway)', '']
  if (!f?.report) {
    L.push(f?.error ? `Run ${day(f.at)}: failed.\n\n\`\`\`\n${f.error.slice(-3000)}\n\`\`\`` : 'Not run.', '')
    return L.join('\n')
  }
  const r = f.report
  const total = r.runs.reduce((n, x) => n + x.targets.reduce((m, t) => m + t.runs, 0), 0)
  const problems = r.runs.reduce((n, x) => n + x.targets.reduce((m, t) => m + t.problems, 0), 0)
  L.push(
    `Run ${day(f.at)} on ${f.machine}. Seed **${r.seed}**, **${r.runsPerTarget.toLocaleString('en')} generated inputs per function × action** ` +
      `(and as many odd raw requests), ${r.concurrency} at a time; ${total.toLocaleString('en')} requests; the longer database run took ${(r.seconds / 60).toFixed(1)} min. ` +
      `**${problems} wrong answers** (a 500, a broken envelope, a status that does not match the code, a message not in Chinese, or ` +
      '`unavailable` where the feature is configured). Generators: `test/support/fuzzInputs.ts`, shared with `test/api/fuzz.test.ts` (300 per action in `npm test`).',
    '',
  )
  for (const run of r.runs) {
    L.push(
      `### ${run.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'}, profile \`${run.profile}\` (${(run.seconds / 60).toFixed(1)} min${run.targets.length < run.targetCount ? `; **partial: ${run.targets.length} of ${run.targetCount} targets run**` : ''})`,
      '',
      run.unconfigured.length ? `Not configured here, so \`unavailable\` (503) is their expected answer: ${run.unconfigured.map((t) => `\`${t}\``).join(', ')}.` : 'Everything configured (fake WeChat): no target may answer `unavailable`.',
      '',
      `| Target | runs | ${STATUS_COLUMNS.join(' | ')} | other | wrong | s |`,
      `|---|---:|${STATUS_COLUMNS.map(() => '---:').join('|')}|---:|---:|---:|`,
    )
    for (const t of run.targets) {
      const other = Object.entries(t.statuses).filter(([s]) => !STATUS_COLUMNS.includes(s)).map(([s, n]) => `${s}: ${n}`).join(', ')
      L.push(`| ${t.target} | ${t.runs} | ${STATUS_COLUMNS.map((s) => t.statuses[s] ?? 0).join(' | ')} | ${other || 0} | ${t.problems ? `**${t.problems}**` : 0} | ${t.seconds.toFixed(0)} |`)
    }
    L.push('')
    for (const t of run.targets) for (const e of t.examples) L.push(`- ${t.target}: ${cell(e.problem)} — input: \`${cell(e.example).replace(/`/g, "'")}\``)
    if (run.targets.some((t) => t.examples.length)) L.push('')
  }
  return L.join('\n')
}
