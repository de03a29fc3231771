import { defineFunction } from '../runtime'
import * as institutions from '../../services/institutions'

export const fn = defineFunction('institutions', {
  search: ({ env, input }) => institutions.search(env.db, input, env.search, env.prepared, env.searchService),
  get: ({ env, input }) => institutions.get(env.db, input),
  verify: ({ env, input }) => institutions.verify(env.db, input),
})
export const main = fn.main
