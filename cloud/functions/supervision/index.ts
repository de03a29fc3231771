// Volunteer supervisors: redeem an invitation, see the district's campaigns, record field visits, follow them, and
// turn one with failed items into a complaint.
import { defineFunction, type Env } from '../runtime'
import { forgetAccount } from '../accountCache'
import { bind } from '../../services/supervision/bind'
import { currentCampaigns } from '../../services/supervision/campaigns'
import { checkEscalation, escalate } from '../../services/supervision/escalate'
import { mine, submit } from '../../services/supervision/observe'
import { round } from '../../services/supervision/round'

// The routing tables and calendar are read before the transaction opens: read inside it through the process's own
// handle they would wait for the connection the transaction holds (PGlite has one).
const submitDeps = async (env: Env) => {
  const reference = await env.reference()
  return { reference: async () => reference, cipher: env.cipher, checker: env.checker, acceptDays: env.config.complaintAcceptDays, replyDays: env.config.complaintReplyDays, dailyLimit: env.config.complaintDailyLimit }
}

export const fn = defineFunction('supervision', {
  bind: async ({ env, input, actor }) => {
    const a = await actor()
    const result = await env.db.transaction().execute((trx) => bind(trx, a, input))
    // The new role acts at once in this process (other processes see it within the account cache's few seconds).
    if (a) forgetAccount(env.db, a.id)
    return result
  },
  campaigns: async ({ env, input, actor }) => currentCampaigns(env.db, await actor(), input),
  submit: async ({ env, input, actor }) => submit(env.db, { maxAccuracyM: env.config.supervisionMaxAccuracyM, geofenceM: env.config.supervisionGeofenceM }, await actor(), input),
  mine: async ({ env, input, actor }) => mine(env.db, await actor(), input),
  institutions: async ({ env, input, actor }) => round(env.db, await actor(), input),
  escalate: async ({ env, input, actor }) => {
    const a = await actor()
    const deps = await submitDeps(env)
    // WeChat's content check before the transaction, not inside it (see checkEscalation).
    const checker = await checkEscalation(env.db, deps, a, input)
    return env.db.transaction().execute((trx) => escalate(trx, { ...deps, checker }, a, input))
  },
})
export const main = fn.main
