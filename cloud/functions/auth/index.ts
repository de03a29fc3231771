import { defineFunction } from '../runtime'
import * as auth from '../../services/auth'

const deps = (env: { config: auth.AuthDeps['config']; sessionSecret?: string }) => ({ config: env.config, sessionSecret: env.sessionSecret })

export const fn = defineFunction('auth', {
  login: ({ env, input }) => auth.login(env.db, deps(env), input),
  devLogin: ({ env, input }) => auth.devLogin(env.db, deps(env), input),
  me: async ({ actor, input }) => auth.me(await actor(), input),
  demo: ({ env, input }) => auth.demo(deps(env), input),
})
export const main = fn.main
