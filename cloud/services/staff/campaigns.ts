// Campaigns (专项行动): a name, dates, the districts they run in and the checklist items supervisors look at first.
// Editing is granted per area: city staff for any district, district staff only for campaigns wholly in theirs.
import type { Kysely, Selectable } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { scopeFilter } from '../../../src/domain/access'
import { AppError } from '../../../src/domain/errors'
import { CampaignSchema, CampaignsSchema, type Campaign } from '../../../src/domain/staff'
import { recordAudit } from '../../store/auditRepo'
import type { CampaignTable, Database } from '../../store/schema'
import { inTransaction } from '../../store/transaction'
import { requireCan } from '../access'
import { parseInput } from '../validate'

function rowToCampaign(r: Selectable<CampaignTable>): Campaign {
  return { id: r.id, name: r.name, startsOn: r.starts_on, endsOn: r.ends_on, districts: r.districts, focus: r.focus, updatedAt: new Date(r.updated_at).toISOString() }
}

export async function list(db: Kysely<Database>, actor: Account | undefined, input: unknown): Promise<{ items: Campaign[] }> {
  const a = requireCan(actor, 'campaign.edit')
  parseInput(CampaignsSchema, input)
  const area = scopeFilter(a, 'campaign.edit') ?? {}
  let q = db.selectFrom('campaigns').selectAll()
  if (area.district) q = q.where((eb) => eb(eb.val(area.district!), '=', eb.fn.any('districts')))
  const rows = await q.orderBy('starts_on', 'desc').orderBy('id').limit(200).execute()
  return { items: rows.map(rowToCampaign) }
}

export async function save(db: Kysely<Database>, actor: Account | undefined, input: unknown): Promise<Campaign> {
  const a = requireCan(actor, 'campaign.edit')
  const i = parseInput(CampaignSchema, input)
  const districts = [...new Set(i.districts)]
  const focus = [...new Set(i.focus)]
  for (const district of districts) requireCan(a, 'campaign.edit', { district }, { forbidden: '只能为本辖区安排专项行动' })
  return inTransaction(db, async (trx) => {
    const values = { name: i.name, starts_on: i.startsOn, ends_on: i.endsOn, districts, focus }
    let row: Selectable<CampaignTable> | undefined
    if (i.id) {
      const before = await trx.selectFrom('campaigns').selectAll().where('id', '=', i.id).forUpdate().executeTakeFirst()
      if (!before) throw new AppError('not_found', '没有找到这项专项行动')
      for (const district of before.districts) requireCan(a, 'campaign.edit', { district }, { forbidden: '这项专项行动不在您的辖区' })
      row = await trx.updateTable('campaigns').set({ ...values, updated_at: new Date() }).where('id', '=', i.id).returningAll().executeTakeFirstOrThrow()
    } else {
      row = await trx.insertInto('campaigns').values({ ...values, created_by: a.id }).returningAll().executeTakeFirstOrThrow()
    }
    await recordAudit(trx, a, { action: 'staff.saveCampaign', targetType: 'campaign', targetId: row.id, detail: { created: !i.id, ...values } })
    return rowToCampaign(row)
  })
}
