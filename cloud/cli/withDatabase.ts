// Every command-line entry opens the configured database (PGlite in DATA_DIR, or DATABASE_URL) the same way: read
// the configuration, check the arguments first, open, migrate, run, close — and on failure print one Chinese line
// and exit 1.
import { ConfigError, readConfig, type Config } from '../config'
import { openDatabase, type DatabaseHandle } from '../store/db'
import { migrateToLatest } from '../store/migrate'

export interface CliContext {
  config: Readonly<Config>
  db: DatabaseHandle['db']
  /** The migrations this run applied (the migrate command reports them). */
  applied: string[]
}

/**
 * Runs `fn` with the database open and migrated. `prepare` runs before the database is opened (argument checks,
 * reading an input file), so a mistake there costs no open; what it returns is handed to `fn`. `failure` begins
 * the message printed when anything throws.
 */
export function withDatabase<T = undefined>(
  failure: string,
  fn: (ctx: CliContext, prepared: T) => Promise<void>,
  prepare?: (config: Readonly<Config>) => T | Promise<T>,
): Promise<void> {
  const run = async () => {
    const config = readConfig()
    const prepared = (await prepare?.(config)) as T
    const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
    try {
      const applied = await migrateToLatest(handle.db)
      await fn({ config, db: handle.db, applied }, prepared)
    } finally {
      await handle.close()
    }
  }
  return run().catch((e) => {
    console.error(`${failure}：${e instanceof ConfigError ? `配置错误：${e.message}` : e instanceof Error ? e.message : String(e)}`)
    process.exit(1)
  })
}
