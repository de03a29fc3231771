import { sql, type Kysely } from 'kysely'
import { statusRankSql } from '../institutionRepo'

// Indexes that serve search's sort on the SQL path (issue 12): the list order (status rank, name length, name, id)
// so a page is a walk of the index, keyset paging starts inside it, and a filtered list walks it too; and the
// position, so a nearest-first page reads only the rows in a box around the point.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX institutions_list_order ON institutions (${statusRankSql()}, length(name), name COLLATE "C", id COLLATE "C")`.execute(db)
  await sql`CREATE INDEX institutions_district_order ON institutions (district, ${statusRankSql()}, length(name), name COLLATE "C", id COLLATE "C")`.execute(db)
  await sql`CREATE INDEX institutions_position ON institutions (lat, lng)`.execute(db)
  await sql`CREATE INDEX institutions_uscc_c ON institutions (uscc COLLATE "C")`.execute(db)
  await sql`DROP INDEX IF EXISTS institutions_order`.execute(db)
  await sql`ANALYZE institutions`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
