import { sql, type Kysely } from 'kysely'

// Indexes that serve search's sort on the SQL path (issue 12): the list order (status rank, name length, name, id)
// so a page is a walk of the index, keyset paging starts inside it, and a filtered list walks it too; and the
// position, so a nearest-first page reads only the rows in a box around the point.
//
// A migration is frozen: the status rank is written out here as it was when this ran. The search queries build the
// same expression from STATUS_RANK (institutionRepo.statusRankSql); a test requires the two to be identical, because
// PostgreSQL uses an expression index only for the very same expression.
export const STATUS_RANK_SQL = "(CASE status WHEN 'approved' THEN 0 WHEN 'pending' THEN 1 WHEN 'suspended' THEN 2 WHEN 'revoked' THEN 3 WHEN 'blacklisted' THEN 4 END)"
const statusRankSql = () => sql.raw(STATUS_RANK_SQL)

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
