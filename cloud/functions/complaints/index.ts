import { defineFunction, type Env } from '../runtime'
import { submitComplaint } from '../../services/complaints/submit'
import * as tickets from '../../services/complaints/tickets'

const ticketDeps = (env: Env): tickets.TicketDeps => ({ cipher: env.cipher, fileUrls: env.fileUrls })

export const fn = defineFunction('complaints', {
  submit: async ({ env, input, actor }) =>
    submitComplaint(
      env.db,
      { reference: env.reference, cipher: env.cipher, checker: env.checker, acceptDays: env.config.complaintAcceptDays, replyDays: env.config.complaintReplyDays, dailyLimit: env.config.complaintDailyLimit },
      await actor(),
      input,
    ),
  mine: async ({ env, input, actor }) => tickets.mine(env.db, await actor(), input),
  get: async ({ env, input, actor }) => tickets.get(env.db, ticketDeps(env), await actor(), input, env.prepared),
  // Changes run in a transaction the entry owns, so a later step can join it.
  withdraw: async ({ env, input, actor }) => {
    const a = await actor()
    return env.db.transaction().execute((trx) => tickets.withdraw(trx, ticketDeps(env), a, input))
  },
  review: async ({ env, input, actor }) => {
    const a = await actor()
    return env.db.transaction().execute((trx) => tickets.review(trx, ticketDeps(env), a, input))
  },
  addInfo: async ({ env, input, actor }) => {
    const a = await actor()
    return env.db.transaction().execute((trx) => tickets.addInfo(trx, ticketDeps(env), a, input))
  },
  rate: async ({ env, input, actor }) => {
    const a = await actor()
    return env.db.transaction().execute((trx) => tickets.rate(trx, ticketDeps(env), a, input))
  },
})
export const main = fn.main
