import { defineFunction } from '../runtime'
import * as content from '../../services/content/content'
import * as notices from '../../services/notices'

export const fn = defineFunction('content', {
  articles: ({ env, input }) => content.articles(env.db, input),
  article: ({ env, input }) => content.article(env.db, input),
  cases: ({ env, input }) => content.cases(env.db, input),
  case: ({ env, input }) => content.oneCase(env.db, input),
  stats: async ({ env, input }) => content.stats(env.db, input, (await env.reference()).calendar),
  notice: ({ env, input }) => notices.notice(env.db, input),
})
export const main = fn.main
