// Real databases for API tests: an in-memory PGlite started from a migrated snapshot, or a fresh database
// on the PostgreSQL server (TEST_DATABASE_URL, default the local one), dropped afterwards.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import crypto from 'node:crypto'
import pg from 'pg'
import { openDatabase, type DatabaseHandle } from '../../cloud/store/db'
import { migrateToLatest } from '../../cloud/store/migrate'

export type DbKind = 'pglite' | 'postgres'
export const DB_KINDS: DbKind[] = ['pglite', 'postgres']

export const ADMIN_URL = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres'

const SNAPSHOT = path.join(os.tmpdir(), `yg-pglite-snapshot-${process.getuid?.() ?? 0}`, 'migrated.tar.gz')

/** Initdb and migrations take seconds in PGlite; a snapshot of a migrated database loads in about one. */
async function pgliteSnapshot(): Promise<Blob | undefined> {
  const stamp = path.join(path.dirname(SNAPSHOT), 'stamp')
  const current = migrationStamp()
  if (fs.existsSync(SNAPSHOT) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === current) {
    return new Blob([fs.readFileSync(SNAPSHOT)])
  }
  return undefined
}

function migrationStamp(): string {
  const dir = path.join(__dirname, '../../cloud/store/migrations')
  const h = crypto.createHash('sha256')
  for (const f of fs.readdirSync(dir).sort()) h.update(f).update(fs.readFileSync(path.join(dir, f)))
  return h.digest('hex')
}

export interface TestDatabase extends DatabaseHandle {
  url?: string
}

export async function openTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const snapshot = await pgliteSnapshot()
    const handle = await openDatabase({ dataDir: '', inMemory: true, loadDataDir: snapshot })
    await migrateToLatest(handle.db)
    if (!snapshot) await saveSnapshot(handle)
    return handle
  }
  const name = `yg_test_${crypto.randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: '', poolSize: 10 })
  await migrateToLatest(handle.db)
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close()
      const a = new pg.Client({ connectionString: ADMIN_URL })
      await a.connect()
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await a.end()
    },
  }
}

async function saveSnapshot(handle: DatabaseHandle) {
  const pglite = (handle as unknown as { pglite?: { dumpDataDir(c: 'gzip'): Promise<Blob> } }).pglite
  if (!pglite) return
  const blob = await pglite.dumpDataDir('gzip')
  fs.mkdirSync(path.dirname(SNAPSHOT), { recursive: true })
  fs.writeFileSync(SNAPSHOT + '.tmp', Buffer.from(await blob.arrayBuffer()))
  fs.renameSync(SNAPSHOT + '.tmp', SNAPSHOT)
  fs.writeFileSync(path.join(path.dirname(SNAPSHOT), 'stamp'), migrationStamp())
}
