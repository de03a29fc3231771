// Budget 2: WeChat package sizes of the production weapp build (main ≤ 600 KiB).
// The main package is everything in dist/ outside the subpackage roots listed in dist/app.json.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { ROOT } from './gateway'

export interface PackageSize {
  name: string
  root: string
  bytes: number
  files: number
}

export interface SizesReport {
  buildSeconds: number
  packages: PackageSize[]
  /** Largest files of the main package, for the analysis. */
  largestMain: { file: string; bytes: number }[]
  measuredBy: string
}

/** Runs an npm script; resolves with its output, rejects with the tail of it on failure. */
export function npmRun(script: string, env: Record<string, string> = {}): Promise<{ seconds: number; out: string }> {
  const t0 = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', script], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (c) => (out += c))
    child.stderr.on('data', (c) => (out += c))
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve({ seconds: (Date.now() - t0) / 1000, out }) : reject(new Error(`npm run ${script} exited ${code}:\n${out.slice(-4000)}`)),
    )
  })
}

function walk(dir: string, base = dir): { rel: string; bytes: number }[] {
  const out: { rel: string; bytes: number }[] = []
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...walk(full, base))
    else if (e.isFile()) out.push({ rel: path.relative(base, full).split(path.sep).join('/'), bytes: fs.statSync(full).size })
  }
  return out
}

export function measureDist(distDir: string): Omit<SizesReport, 'buildSeconds'> {
  const app = JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8'))
  const roots: string[] = (app.subPackages ?? app.subpackages ?? []).map((s: { root: string }) => s.root.replace(/^\/+|\/+$/g, ''))
  const files = walk(distDir)
  const packages: PackageSize[] = [{ name: 'main', root: '', bytes: 0, files: 0 }, ...roots.map((r) => ({ name: r, root: r, bytes: 0, files: 0 }))]
  const mainFiles: { file: string; bytes: number }[] = []
  for (const f of files) {
    const sub = packages.find((p) => p.root && (f.rel === p.root || f.rel.startsWith(p.root + '/')))
    const pkg = sub ?? packages[0]
    pkg.bytes += f.bytes
    pkg.files++
    if (!sub) mainFiles.push({ file: f.rel, bytes: f.bytes })
  }
  mainFiles.sort((a, b) => b.bytes - a.bytes)
  return { packages, largestMain: mainFiles.slice(0, 8), measuredBy: 'bench/sizes.ts' }
}

/**
 * Prefers the project's own measure (test/weapp/sizes.ts: measurePackages(distDir) → { main, subpackages: {root: bytes} })
 * when it exists, so bench and tests count the same way; file counts come from ours. Falls back to ours otherwise.
 */
async function measure(distDir: string): Promise<Omit<SizesReport, 'buildSeconds'>> {
  const own = measureDist(distDir)
  const theirs = path.join(ROOT, 'test/weapp/sizes.ts')
  if (!fs.existsSync(theirs)) return own
  try {
    const mod = await import(theirs)
    if (typeof mod.measurePackages !== 'function') return own
    const raw = (await mod.measurePackages(distDir)) as { main?: unknown; subpackages?: Record<string, unknown> }
    if (typeof raw?.main !== 'number' || typeof raw.subpackages !== 'object' || raw.subpackages === null) return own
    const files = (root: string) => own.packages.find((p) => p.root === root)?.files ?? NaN
    const packages: PackageSize[] = [
      { name: 'main', root: '', bytes: raw.main, files: files('') },
      ...Object.entries(raw.subpackages).map(([root, bytes]) => ({ name: root, root, bytes: Number(bytes), files: files(root) })),
    ]
    const agrees = packages.every((p) => own.packages.find((q) => q.root === p.root)?.bytes === p.bytes)
    return { packages, largestMain: own.largestMain, measuredBy: `test/weapp/sizes.ts measurePackages()${agrees ? ' (bench/sizes.ts agrees)' : ' (bench/sizes.ts DISAGREES: see results.json)'}` }
  } catch {
    return own
  }
}

export async function benchSizes(log: (s: string) => void): Promise<SizesReport> {
  log('weapp: npm run build:weapp (production) …')
  const { seconds } = await npmRun('build:weapp')
  log(`weapp: built in ${seconds.toFixed(1)} s`)
  const m = await measure(path.join(ROOT, 'dist'))
  for (const p of m.packages) log(`weapp: ${p.name.padEnd(24)} ${(p.bytes / 1024).toFixed(1).padStart(8)} KiB  (${p.files} files)`)
  return { buildSeconds: seconds, ...m }
}
