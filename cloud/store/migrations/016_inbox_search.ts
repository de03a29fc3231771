import { sql, type Kysely } from 'kysely'

// The inbox under a search, read from indexes instead of walking every open ticket (bench §7: a search by name
// filtered all 19,000 open tickets in deadline order, 12–18 ms of database time; a ticket-number prefix read 12,000
// rows from the table to count 1,000):
// - the open tickets of listed institutions and of unlisted places carry their ids, so a search's page is taken from
//   each half's index and merged, never from the whole open queue;
// - open tickets by ticket number (prefix matches under any collation), with what the counts read.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const name of ['complaints_open_similar', 'complaints_open_unlisted']) await sql`DROP INDEX ${sql.ref(name)}`.execute(db)
  await sql`CREATE INDEX complaints_open_similar ON complaints (institution_id, category, department, district) INCLUDE (status, due_on, id) WHERE is_open AND institution_id IS NOT NULL`.execute(db)
  await sql`CREATE INDEX complaints_open_unlisted ON complaints (department, district) INCLUDE (status, due_on, id) WHERE is_open AND institution_id IS NULL`.execute(db)
  // A closed tab under a search by name: tickets by institution and status, and places not on the list by status.
  await sql`CREATE INDEX complaints_by_institution ON complaints (institution_id, status, due_on, id) INCLUDE (department, district, category) WHERE institution_id IS NOT NULL`.execute(db)
  await sql`CREATE INDEX complaints_unlisted ON complaints (status, department, due_on, id) WHERE institution_id IS NULL`.execute(db)
  await sql`CREATE INDEX complaints_open_ticket ON complaints (ticket_no text_pattern_ops) INCLUDE (department, district, category, status, due_on) WHERE is_open`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('016_inbox_search is not reversible: restore from a backup')
}
