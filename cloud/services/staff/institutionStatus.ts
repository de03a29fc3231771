// Placeholder until the institution-status service lands (issue 9, point 5).
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { AppError } from '../../../src/domain/errors'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'

export async function setInstitutionStatus(_db: Kysely<Database>, actor: Account | undefined, _input: unknown): Promise<never> {
  requireCan(actor, 'institution.setStatus')
  throw new AppError('unavailable', '变更机构状态尚未开放')
}
