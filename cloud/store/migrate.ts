import { Migrator, sql, type Kysely } from 'kysely'
import { migrations } from './migrations'

/**
 * Applies the migrations this code has and the database lacks; returns their names. A database that already has
 * exactly this code's migrations is told so by one query: Kysely's Migrator first introspects every table's columns
 * (twice) and takes a lock, ~25 ms of a cloud function's cold start (bench/ANALYSIS.md §15) for nothing to do.
 * Anything else — a fresh database, a missing migration, one this code does not know — goes to the Migrator, which
 * locks, applies or refuses as before.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if (await upToDate(db)) return []
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

async function upToDate(db: Kysely<any>): Promise<boolean> {
  // A fresh database has no such table yet: the error only sends it to the Migrator, which creates it.
  const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db).then(
    (r) => r.rows,
    () => [],
  )
  const applied = new Set(rows.map((r) => r.name))
  const known = Object.keys(migrations)
  return applied.size === known.length && known.every((n) => applied.has(n))
}
