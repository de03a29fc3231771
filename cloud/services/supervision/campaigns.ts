// The campaigns (专项行动) running in a supervisor's district, with the checklist items to look at first.
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { chinaToday } from '../../../src/domain/chinaDate'
import { CampaignsSchema, type Campaign } from '../../../src/domain/staff'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'
import { parseInput } from '../validate'

export async function currentCampaigns(db: Kysely<Database>, actor: Account | undefined, input: unknown): Promise<{ items: Campaign[] }> {
  const a = requireCan(actor, 'observation.submit', undefined, { forbidden: '只有监督员可以查看专项行动' })
  parseInput(CampaignsSchema, input)
  const today = chinaToday()
  const rows = await db
    .selectFrom('campaigns')
    .selectAll()
    .where((eb) => eb(eb.val(a.district!), '=', eb.fn.any('districts')))
    .where('ends_on', '>=', today)
    .where('starts_on', '<=', today)
    .orderBy('ends_on')
    .limit(50)
    .execute()
  return { items: rows.map((r) => ({ id: r.id, name: r.name, startsOn: r.starts_on, endsOn: r.ends_on, districts: r.districts, focus: r.focus, updatedAt: new Date(r.updated_at).toISOString() })) }
}
