// Placeholder until the case-publishing service lands (issue 9, point 4).
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { AppError } from '../../../src/domain/errors'
import type { ContactCipher } from '../../platform/contactCipher'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'

export async function publishCase(_db: Kysely<Database>, _deps: { cipher?: ContactCipher }, actor: Account | undefined, _input: unknown): Promise<never> {
  requireCan(actor, 'case.publish')
  throw new AppError('unavailable', '发布典型案例尚未开放')
}
