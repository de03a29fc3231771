// The routing tables and the holiday calendar change a few times a year; each submit reads them from a copy that
// is at most `ttlMs` old instead of spending three round trips on them.
import type { Kysely } from 'kysely'
import type { ComplaintCategory } from '../../../src/domain/complaints'
import type { Calendar } from '../../../src/domain/workingDays'
import type { Database } from '../../store/schema'

export interface ReferenceData {
  leads: Map<string, string>
  coHandlers: Map<ComplaintCategory, string[]>
  calendar: Calendar
}

export type ReferenceSource = () => Promise<ReferenceData>

export async function readReferenceData(db: Kysely<Database>): Promise<ReferenceData> {
  const [leads, co, days] = await Promise.all([
    db.selectFrom('routing_leads').select(['subject', 'lead']).execute(),
    db.selectFrom('routing_co_handlers').select(['category', 'co_handlers']).execute(),
    db.selectFrom('holidays').select(['date', 'kind']).execute(),
  ])
  return {
    leads: new Map(leads.map((r) => [r.subject, r.lead])),
    coHandlers: new Map(co.map((r) => [r.category, r.co_handlers])),
    calendar: {
      holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.date)),
      workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.date)),
    },
  }
}

export function cachedReferenceData(db: Kysely<Database>, ttlMs = 60_000): ReferenceSource {
  let copy: { data: Promise<ReferenceData>; until: number } | undefined
  return () => {
    if (!copy || copy.until < Date.now()) {
      const data = readReferenceData(db)
      copy = { data, until: Date.now() + ttlMs }
      data.catch(() => (copy = undefined))
    }
    return copy.data
  }
}
