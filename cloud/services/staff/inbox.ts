import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { AppError } from '../../../src/domain/errors'
import type { Database } from '../../store/schema'
import type { ReferenceSource } from '../complaints/referenceData'
import { requireCan } from '../access'
export async function inbox(_db: Kysely<Database>, _ref: ReferenceSource, actor: Account | undefined, _input: unknown): Promise<never> {
  requireCan(actor, 'complaint.view')
  throw new AppError('unavailable', '尚未开放')
}
