// The workbench's figures: the account's scope, by department and district, for 30 / 90 / 365 days.
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { scopeFilter } from '../../../src/domain/access'
import { StatsSchema, type StaffStats } from '../../../src/domain/staff'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'
import type { ReferenceSource } from '../complaints/referenceData'
import { handlingFigures } from '../handlingFigures'
import { parseInput } from '../validate'

export async function staffStats(db: Kysely<Database>, reference: ReferenceSource, actor: Account | undefined, input: unknown): Promise<StaffStats> {
  const a = requireCan(actor, 'complaint.view')
  const { days = 30 } = parseInput(StatsSchema, input)
  const scope = scopeFilter(a, 'complaint.view') ?? {}
  const f = await handlingFigures(db, (await reference()).calendar, { days, scope })
  return { days, ...f }
}
