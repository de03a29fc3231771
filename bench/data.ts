// Makes sure the benchmark database holds the 100,000-institution sample, seeding it only when needed
// (seeding takes a minute or more); --fresh forces it.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { ROOT } from './gateway'

export type DbKind = 'pglite' | 'postgres'

export const PG_ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const PG_BENCH_DB = process.env.BENCH_PG_DB ?? 'yg_bench'
export const PG_BENCH_URL = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${PG_BENCH_DB}`)
export const PGLITE_DIR = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'yg-bench', 'pglite-100k')

/** The URL of a database `name` on the bench's PostgreSQL server. */
export const pgUrl = (name: string) => PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`)

/** A new, empty database for one bench (a previous run's is dropped), collated as the test databases are. */
export async function freshPgDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`)
  } finally {
    await admin.end()
  }
}

/** The PostgreSQL database holding n institutions: the 1,000,000 sample has a database of its own, so measuring it
 *  does not reseed the 100,000 one every other bench reuses. */
export const pgBenchDb = (n: number) => (n === 1_000_000 ? `${PG_BENCH_DB}_1m` : PG_BENCH_DB)

export function dbEnv(kind: DbKind, n = 100_000): Record<string, string> {
  // DATA_DIR is needed by both (the demo session key lives there); PostgreSQL keeps its rows in the server, a
  // database the bench creates for itself (DEMO_DATABASE: the demo's AUTH_MODE=dev may use it).
  return kind === 'pglite' ? { DATA_DIR: PGLITE_DIR, DATABASE_URL: '' } : { DATA_DIR: path.join(os.tmpdir(), 'yg-bench', 'pg-datadir'), DATABASE_URL: pgUrl(pgBenchDb(n)), DEMO_DATABASE: 'true' }
}

/** Runs a TypeScript entry of the project as a child; resolves with its output, rejects on a non-zero exit. */
export function runTs(args: string[], env: Record<string, string>, opts: { echo?: boolean } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    const take = (c: Buffer) => {
      out += c
      if (opts.echo) process.stdout.write(c)
    }
    child.stdout.on('data', take)
    child.stderr.on('data', take)
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${args.join(' ')} exited ${code}:\n${out.slice(-3000)}`))))
  })
}

export function resultLine<T>(out: string): T {
  const line = out.split('\n').find((l) => l.startsWith('RESULT '))
  if (!line) throw new Error(`no RESULT line in:\n${out.slice(-2000)}`)
  return JSON.parse(line.slice(7)) as T
}

async function countRows(kind: DbKind, n: number): Promise<number> {
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL })
    await admin.connect()
    try {
      const r = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [pgBenchDb(n)])
      if (r.rowCount === 0) return 0
    } finally {
      await admin.end()
    }
  } else if (!fs.existsSync(path.join(PGLITE_DIR, 'pglite'))) return 0
  const out = await runTs(['bench/dbtool.ts', 'count'], dbEnv(kind, n))
  return resultLine<{ institutions: number }>(out).institutions
}

export interface DataInfo {
  kind: DbKind
  institutions: number
  seeded: boolean
  /** Wall-clock seconds of `npm run seed -- --institutions N` when it ran in this bench. */
  seedSeconds?: number
  /** When the reused data was seeded and how long that took (kept beside the data by an earlier bench run). */
  lastSeed?: { seconds: number; at: string }
  where: string
}

/** Seed times, kept per place (a server's database, or a PGlite directory): keyed by size alone, a second server
 *  measured beside the machine's took the other's seed time. */
const SEED_LOG = path.join(os.tmpdir(), 'yg-bench', 'seed-times.json')
function seedLog(): Record<string, { seconds: number; at: string }> {
  try {
    return JSON.parse(fs.readFileSync(SEED_LOG, 'utf8'))
  } catch {
    return {}
  }
}

/**
 * VACUUM ANALYZE the bench database, as autovacuum keeps a live one: visibility map (index-only scans), hint bits,
 * dead rows of earlier runs' writes gone. This machine's PostgreSQL runs with autovacuum off (conf.d/90-ci.conf), so
 * a fresh seed was searched with an empty visibility map (0 of 8,625 pages all-visible at 100,000) and every page's
 * hint bits still to set.
 */
async function vacuumLikeAutovacuum(n: number, log: (s: string) => void): Promise<void> {
  const t0 = Date.now()
  const client = new pg.Client({ connectionString: pgUrl(pgBenchDb(n)) })
  await client.connect()
  try {
    await client.query('VACUUM ANALYZE')
  } finally {
    await client.end()
  }
  log(`postgres: VACUUM ANALYZE in ${((Date.now() - t0) / 1000).toFixed(1)} s (autovacuum's work; off on this machine)`)
}

export async function ensureData(kind: DbKind, n: number, fresh: boolean, log: (s: string) => void): Promise<DataInfo> {
  const where = kind === 'pglite' ? PGLITE_DIR : pgUrl(pgBenchDb(n))
  if (!fresh) {
    const have = await countRows(kind, n).catch(() => 0)
    if (have === n) {
      log(`${kind}: reusing ${have} institutions at ${where}`)
      if (kind === 'postgres') await vacuumLikeAutovacuum(n, log)
      return { kind, institutions: have, seeded: false, where, lastSeed: seedLog()[where] }
    }
    log(`${kind}: found ${have} institutions, want ${n}: seeding`)
  }
  if (kind === 'postgres') {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL })
    await admin.connect()
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${pgBenchDb(n)} WITH (FORCE)`)
      await admin.query(`CREATE DATABASE ${pgBenchDb(n)}`)
    } finally {
      await admin.end()
    }
  } else {
    fs.rmSync(PGLITE_DIR, { recursive: true, force: true })
  }
  fs.mkdirSync(dbEnv(kind).DATA_DIR, { recursive: true })
  log(`${kind}: seeding ${n} institutions into ${where} …`)
  const t0 = Date.now()
  const out = await runTs(['cloud/cli/seed.ts', '--institutions', String(n)], dbEnv(kind, n))
  const seedSeconds = (Date.now() - t0) / 1000
  log(`${kind}: ${out.trim().split('\n').pop()}`)
  log(`${kind}: seeded in ${seedSeconds.toFixed(1)} s`)
  if (kind === 'postgres') await vacuumLikeAutovacuum(n, log)
  fs.mkdirSync(path.dirname(SEED_LOG), { recursive: true })
  fs.writeFileSync(SEED_LOG, JSON.stringify({ ...seedLog(), [where]: { seconds: seedSeconds, at: new Date().toISOString() } }, null, 1))
  return { kind, institutions: n, seeded: true, seedSeconds, where }
}
