import { defineFunction, type Env } from '../runtime'
import { submitComplaint } from '../../services/complaints/submit'
import * as tickets from '../../services/complaints/tickets'
import { contactCipher } from '../../platform/contactCipher'
import { fileLink } from '../../platform/fileLinks'
import { cachedReferenceData, type ReferenceSource } from '../../services/complaints/referenceData'
import { passThroughChecker, wechatContentChecker } from '../../platform/contentCheck'

const cipher = (env: Env) => (env.contactKey ? contactCipher(env.contactKey) : undefined)
const ticketDeps = (env: Env): tickets.TicketDeps => ({
  cipher: cipher(env),
  // A store that serves its objects hands out its own expiring links; local files go through the gateway's signed ones.
  fileUrls: async (files) =>
    env.files?.links ? env.files.links(files) : new Map(files.map((f) => [f.fileId, env.sessionSecret ? fileLink(env.sessionSecret, f.fileId) : ''])),
})

// Per process and database: the routing tables and calendar, re-read at most once a minute.
const references = new WeakMap<object, ReferenceSource>()
const reference = (env: Env) => {
  let r = references.get(env.db)
  if (!r) references.set(env.db, (r = cachedReferenceData(env.db)))
  return r
}

const checker = (env: Env) => (env.wechat ? wechatContentChecker({ apiBase: env.config.wxApiBase, token: env.wechat.token }) : passThroughChecker)

export const fn = defineFunction('complaints', {
  submit: async ({ env, input, actor }) =>
    submitComplaint(
      env.db,
      { reference: reference(env), cipher: cipher(env), checker: checker(env), acceptDays: env.config.complaintAcceptDays, replyDays: env.config.complaintReplyDays, dailyLimit: env.config.complaintDailyLimit },
      await actor(),
      input,
    ),
  mine: async ({ env, input, actor }) => tickets.mine(env.db, await actor(), input),
  get: async ({ env, input, actor }) => tickets.get(env.db, ticketDeps(env), await actor(), input),
  withdraw: async ({ env, input, actor }) => tickets.withdraw(env.db, ticketDeps(env), await actor(), input),
  review: async ({ env, input, actor }) => tickets.review(env.db, ticketDeps(env), await actor(), input),
  addInfo: async ({ env, input, actor }) => tickets.addInfo(env.db, ticketDeps(env), await actor(), input),
  rate: async ({ env, input, actor }) => tickets.rate(env.db, ticketDeps(env), await actor(), input),
})
export const main = fn.main
