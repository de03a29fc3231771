// The department workbench. Every action is in STAFF_ACTION_ACCESS (src/domain/staff.ts), the table the access
// matrix test reads; the type below makes an action without its row a compile error. Writes run in a transaction
// the entry owns, so the change, its timeline event, its outbox row and its audit line land together or not at all —
// except a transition, whose writes are one statement (cloud/store/ticketStep.ts), atomic by itself.
import { defineFunction, type Action, type Env } from '../runtime'
import type { StaffAction } from '../../../src/domain/staff'
import * as inbox from '../../services/staff/inbox'
import * as handling from '../../services/staff/handling'
import * as cases from '../../services/staff/cases'
import * as institutionStatus from '../../services/staff/institutionStatus'
import * as importBatch from '../../services/staff/importBatch'
import * as supervisors from '../../services/staff/supervisors'
import * as campaigns from '../../services/staff/campaigns'
import * as stats from '../../services/staff/stats'
import * as audit from '../../services/staff/audit'
import * as observations from '../../services/staff/observations'

// The routing tables and calendar are read before a transaction opens: read inside it through the process's own
// handle they would wait for the connection the transaction holds (PGlite has one).
const handlingDeps = async (env: Env): Promise<handling.HandlingDeps> => {
  const reference = await env.reference()
  return { cipher: env.cipher, fileUrls: env.fileUrls, reference: async () => reference, prepared: env.prepared }
}

const actions: Record<StaffAction, Action> = {
  inbox: async ({ env, input, actor }) => inbox.inbox(env.db, env.reference, await actor(), input, env.prepared),
  complaint: async ({ env, input, actor }) => handling.complaint(env.db, await handlingDeps(env), await actor(), input),
  transition: async ({ env, input, actor }) => {
    const [a, deps] = await Promise.all([actor(), handlingDeps(env)])
    // The step's writes and the page's read are one statement (cloud/store/ticketStep.ts).
    const step = await handling.takeStep(env.db, a, input, deps.prepared)
    return handling.staffView(env.db, deps, step.actor, step.row, step.related)
  },
  revealContact: async ({ env, input, actor }) => {
    const [a, deps] = await Promise.all([actor(), handlingDeps(env)])
    return env.db.transaction().execute((trx) => handling.revealContact(trx, deps, a, input))
  },
  publishCase: async ({ env, input, actor }) => {
    const a = await actor()
    return env.db.transaction().execute((trx) => cases.publishCase(trx, { cipher: env.cipher }, a, input))
  },
  setInstitutionStatus: async ({ env, input, actor }) => {
    const a = await actor()
    const result = await env.db.transaction().execute((trx) => institutionStatus.setInstitutionStatus(trx, a, input))
    // Parents see the change at once: the index re-reads the changed rows instead of waiting for its staleness window.
    env.search?.markStale()
    return result
  },
  importInstitutions: async ({ env, input, actor }) => {
    const result = await importBatch.importInstitutions(env.db, await actor(), input)
    env.search?.markStale()
    return result
  },
  invite: async ({ env, input, actor }) => {
    const a = await actor()
    return env.db.transaction().execute((trx) => supervisors.invite(trx, a, input))
  },
  supervisors: async ({ env, input, actor }) => supervisors.list(env.db, await actor(), input),
  campaigns: async ({ env, input, actor }) => campaigns.list(env.db, await actor(), input),
  saveCampaign: async ({ env, input, actor }) => {
    const a = await actor()
    return env.db.transaction().execute((trx) => campaigns.save(trx, a, input))
  },
  stats: async ({ env, input, actor }) => stats.staffStats(env.db, env.reference, await actor(), input),
  audit: async ({ env, input, actor }) => audit.auditLog(env.db, await actor(), input),
  observations: async ({ env, input, actor }) => observations.observations(env.db, { fileUrls: env.fileUrls }, await actor(), input),
}

export const fn = defineFunction('staff', actions)
export const main = fn.main
