// Opens the database: a real PostgreSQL server when DATABASE_URL is set, else PGlite embedded in the data directory.
// Both go through node-postgres and Kysely's PostgresDialect, so there is one dialect and one set of migrations.
import path from 'node:path'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema'
import { acquireDataDirLock } from './lock'
import { ConfigError } from '../config'
import { openPreparedStatements, type PreparedStatements } from './preparedStatements'
import { serverPool } from './serverPool'

// date → 'YYYY-MM-DD' string (no time-zone shifting); int8 / numeric → number (counts are small).
pg.types.setTypeParser(1082, (v: string) => v)
pg.types.setTypeParser(20, (v: string) => Number(v))
pg.types.setTypeParser(1700, (v: string) => Number(v))

export interface DatabaseHandle {
  db: Kysely<Database>
  kind: 'pglite' | 'postgres'
  /** The embedded engine, for snapshots (tests) and its own dump tools. */
  pglite?: { dumpDataDir(compression?: 'gzip' | 'none' | 'auto'): Promise<Blob | File> }
  /** A real server only: hot reads parsed and planned once per connection (see preparedStatements.ts). */
  prepared?: PreparedStatements
  close(): Promise<void>
}

export interface OpenOptions {
  databaseUrl?: string
  dataDir: string
  /** Pool size for a real server (DATABASE_POOL_SIZE for the gateway and functions). */
  poolSize?: number
  /** PGlite only: start from a saved snapshot (a tarball from dumpDataDir) instead of running initdb. */
  loadDataDir?: Blob
  /** PGlite only: keep everything in memory (tests). */
  inMemory?: boolean
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    // random_page_cost 1.1 (default 4, which prices a disk head's seek): the tables live in memory or on SSD, where a
    // page read through an index costs about what a sequential one does. At 4 the planner scanned 100,000
    // institutions for a pinyin run rather than read its ~6,000 matches through the trigram index (232 ms vs 18).
    // Not on the prepared-statement pool: its generic plans (the inbox, a staff step) were measured as they are.
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: serverPool(opts.databaseUrl, opts.poolSize ?? 20, 'connection', '-c random_page_cost=1.1') }) })
    // Half as many again for the prepared statements: they are short, and the server has as many cores either way.
    const prepared = openPreparedStatements(opts.databaseUrl, Math.max(2, Math.ceil((opts.poolSize ?? 20) / 2)))
    return {
      db,
      kind: 'postgres',
      prepared,
      close: async () => {
        await Promise.all([db.destroy(), prepared.close()])
      },
    }
  }
  const release = opts.inMemory ? () => {} : acquireDataDirLock(opts.dataDir)
  try {
    const [{ PGlite }, { pg_trgm }, { btree_gist }, { btree_gin }, { createPgConfig }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('@electric-sql/pglite/contrib/btree_gist'),
      import('@electric-sql/pglite/contrib/btree_gin'),
      import('@electric-sql/pglite/node-postgres'),
    ]).catch((e: unknown) => {
      // Bundled cloud functions leave PGlite out: deployed, they must be given a real server.
      throw new ConfigError(`DATABASE_URL is not set and the embedded database (PGlite) is not installed here: ${(e as Error).message}`)
    })
    const pglite = await PGlite.create({
      dataDir: opts.inMemory ? undefined : path.join(opts.dataDir, 'pglite'),
      extensions: { pg_trgm, btree_gist, btree_gin },
      loadDataDir: opts.loadDataDir,
    })
    const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig)
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return {
      db,
      kind: 'pglite',
      pglite,
      close: async () => {
        await db.destroy()
        await pglite.close()
        release()
      },
    }
  } catch (e) {
    release()
    throw e
  }
}
