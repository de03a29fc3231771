// Package sizes of a weapp build the way WeChat counts them: the main package is everything in dist/ outside the
// subpackage roots; each subpackage is its root folder. Shared with bench/.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

export interface PackageSizes {
  /** Bytes in the main package. */
  main: number
  /** Bytes per subpackage, keyed by its root (e.g. "packages/verify"). */
  subpackages: Record<string, number>
}

interface AppJson {
  subPackages?: { root: string }[]
  subpackages?: { root: string }[]
}

export function subpackageRoots(distDir: string): string[] {
  const app = JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson
  return (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/^\/+|\/+$/g, ''))
}

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, out)
    else if (entry.isFile()) out.push(full)
  }
  return out
}

export function measurePackages(distDir: string): PackageSizes {
  const roots = subpackageRoots(distDir)
  const sizes: PackageSizes = { main: 0, subpackages: Object.fromEntries(roots.map((r) => [r, 0])) }
  for (const file of walk(distDir)) {
    const rel = path.relative(distDir, file).split(path.sep).join('/')
    const bytes = statSync(file).size
    const root = roots.find((r) => rel === r || rel.startsWith(`${r}/`))
    if (root) sizes.subpackages[root] += bytes
    else sizes.main += bytes
  }
  return sizes
}
