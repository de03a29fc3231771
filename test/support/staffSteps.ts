// Staff steps as tests take them: straight through the workbench's service (cloud/services/staff/handling.ts),
// the one path every staff step goes through, with its audit line. `text` is what the step needs written: a
// reply, a reason, a question.
import type { Kysely } from 'kysely'
import type { Account } from '../../src/domain/api'
import type { StaffStep } from '../../src/domain/staff'
import type { Env } from '../../cloud/functions/env'
import type { Database } from '../../cloud/store/schema'
import { transition } from '../../cloud/services/staff/handling'

const FIELD: Partial<Record<StaffStep, string>> = { reply: 'reply', answerReview: 'reply', resolve: 'reason', reject: 'reason', askInfo: 'question', note: 'note' }

export function staffStep(env: Pick<Env, 'cipher' | 'fileUrls' | 'reference'>, db: Kysely<Database>, actor: Account | undefined, step: StaffStep, ticketNo: string, text: string | null = null) {
  const field = FIELD[step]
  return transition(db, { cipher: env.cipher, fileUrls: env.fileUrls, reference: env.reference }, actor, { ticketNo, step, ...(field && text ? { [field]: text } : {}) })
}
