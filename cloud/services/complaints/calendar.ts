import type { Kysely } from 'kysely'
import type { Calendar } from '../../../src/domain/workingDays'
import type { Database } from '../../store/schema'

/** The holiday calendar for the coming months (deadlines never reach further). */
export async function loadCalendar(db: Kysely<Database>, from: string): Promise<Calendar> {
  const rows = await db.selectFrom('holidays').select(['date', 'kind']).where('date', '>=', from).execute()
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.date)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.date)),
  }
}
