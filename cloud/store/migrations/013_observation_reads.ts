import { sql, type Kysely } from 'kysely'

// The reads issue 10 added on observations: the workbench's list for city staff (one department, every district,
// newest first) and for every visit, not only failed ones (observations_failed serves the failed ones of one
// district); and the public count of visits per district and month, answered from the index alone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX observations_by_department ON observations (department, visited_at DESC, id DESC)`.execute(db)
  await sql`CREATE INDEX observations_by_visit ON observations (visited_at, district)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
