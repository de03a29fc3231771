// Migrations at start-up (cloud/store/migrate.ts): a database that already has exactly this code's migrations is
// recognised by one read, without Kysely's Migrator (whose table introspection and lock were ~25 ms of a cloud
// function's cold start); anything else still goes through the Migrator, which applies or refuses as it did.
import { sql } from 'kysely'
import { migrateToLatest } from '../../cloud/store/migrate'
import { migrations } from '../../cloud/store/migrations'
import { DB_KINDS, openTestDatabase, type TestDatabase } from '../support/databases'

const lockTable = async (db: TestDatabase['db']) => (await sql<{ t: string | null }>`SELECT to_regclass('kysely_migration_lock')::text AS t`.execute(db)).rows[0].t

describe.each(DB_KINDS)('migrations at start-up (%s)', (kind) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await openTestDatabase(kind)
  }, 120_000)
  afterAll(async () => {
    await database?.close()
  })

  it('when every migration of this code is applied, then nothing runs and the Migrator is not asked (its lock table is not even created)', async () => {
    await sql`DROP TABLE kysely_migration_lock`.execute(database.db)
    expect(await migrateToLatest(database.db)).toEqual([])
    expect(await lockTable(database.db)).toBeNull()
  })

  it('when the database has a migration this code does not know, then the Migrator is asked and refuses, as before', async () => {
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('999_from_newer_code', now()::text)`.execute(database.db)
    try {
      await expect(migrateToLatest(database.db)).rejects.toThrow(/999_from_newer_code|corrupted/i)
      // The Migrator ran: it made its lock table again.
      expect(await lockTable(database.db)).toBe('kysely_migration_lock')
    } finally {
      await sql`DELETE FROM kysely_migration WHERE name = '999_from_newer_code'`.execute(database.db)
    }
    expect(await migrateToLatest(database.db)).toEqual([])
  })

  it('when a fresh database is opened, then every migration is applied in order', async () => {
    // openTestDatabase migrated it: the names recorded are this code's, all of them.
    const rows = (await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(database.db)).rows
    expect(rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort())
  })
})
