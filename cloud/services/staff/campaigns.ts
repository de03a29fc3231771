import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { AppError } from '../../../src/domain/errors'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'
export async function list(_db: Kysely<Database>, actor: Account | undefined, _input: unknown): Promise<never> {
  requireCan(actor, 'campaign.edit')
  throw new AppError('unavailable', '尚未开放')
}
export async function save(_db: Kysely<Database>, actor: Account | undefined, _input: unknown): Promise<never> {
  requireCan(actor, 'campaign.edit')
  throw new AppError('unavailable', '尚未开放')
}
