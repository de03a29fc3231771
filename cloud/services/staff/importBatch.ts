// Placeholder until the white-list upload lands (issue 9, point 5).
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { AppError } from '../../../src/domain/errors'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'

export async function importInstitutions(_db: Kysely<Database>, actor: Account | undefined, _input: unknown): Promise<never> {
  requireCan(actor, 'institution.import')
  throw new AppError('unavailable', '导入白名单尚未开放')
}
