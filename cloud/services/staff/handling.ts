import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { AppError } from '../../../src/domain/errors'
import type { Database } from '../../store/schema'
import type { ReferenceSource } from '../complaints/referenceData'
import type { TicketDeps } from '../complaints/tickets'
import { requireCan } from '../access'
export interface HandlingDeps extends TicketDeps { reference: ReferenceSource }
export async function complaint(_db: Kysely<Database>, _d: HandlingDeps, actor: Account | undefined, _input: unknown): Promise<never> {
  requireCan(actor, 'complaint.view')
  throw new AppError('unavailable', '尚未开放')
}
export async function transition(_db: Kysely<Database>, _d: HandlingDeps, actor: Account | undefined, _input: unknown): Promise<never> {
  requireCan(actor, 'complaint.transition')
  throw new AppError('unavailable', '尚未开放')
}
export async function revealContact(_db: Kysely<Database>, _d: HandlingDeps, actor: Account | undefined, _input: unknown): Promise<never> {
  requireCan(actor, 'complaint.revealContact')
  throw new AppError('unavailable', '尚未开放')
}
