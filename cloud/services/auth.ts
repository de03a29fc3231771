// Who is calling. Identity always comes from the platform (WeChat's OPENID, or a session token the gateway
// issued), never from the event.
import type { Kysely } from 'kysely'
import type { Account, DemoInfo, Session } from '../../src/domain/api'
import { AppError } from '../../src/domain/errors'
import { DevLoginSchema, EmptySchema, LoginSchema } from '../../src/domain/schemas'
import type { Config } from '../config'
import { code2Session } from '../platform/code2Session'
import { signToken } from '../platform/sessionToken'
import { accountRowToAccount, findAccountByDevName, findOrCreateWechatAccount } from '../store/accountRepo'
import type { Database } from '../store/schema'
import { DEMO_ACCOUNTS } from './demoAccounts'
import { parseInput } from './validate'

export interface AuthDeps {
  config: Pick<Config, 'authMode' | 'wxApiBase' | 'wxAppId' | 'wxSecret' | 'sessionTtlHours'>
  /** Secret for session tokens; absent where the platform supplies identity (WeChat cloud). */
  sessionSecret?: string
}

function issue(deps: AuthDeps, account: Account): Session {
  if (!deps.sessionSecret) throw new AppError('unavailable', '登录服务尚未开通，请稍后再试或联系管理员')
  return { token: signToken(deps.sessionSecret, account.id, deps.config.sessionTtlHours), account }
}

export async function login(db: Kysely<Database>, deps: AuthDeps, input: unknown): Promise<Session> {
  const { code } = parseInput(LoginSchema, input)
  const wx = await code2Session({ apiBase: deps.config.wxApiBase, appId: deps.config.wxAppId, secret: deps.config.wxSecret, code })
  const row = await findOrCreateWechatAccount(db, wx.openid, wx.unionid)
  return issue(deps, accountRowToAccount(row))
}

export async function devLogin(db: Kysely<Database>, deps: AuthDeps, input: unknown): Promise<Session> {
  // Outside the demo the action does not exist at all, so it answers exactly like an unknown action.
  if (deps.config.authMode !== 'dev') throw new AppError('invalid_input', '演示账号登录只在演示环境中可用', { action: '演示账号登录只在演示环境中可用' })
  const { account } = parseInput(DevLoginSchema, input)
  const row = await findAccountByDevName(db, account)
  if (!row) throw new AppError('not_found', `没有名为“${account}”的示例账号`, { account: '没有这个示例账号' })
  return issue(deps, accountRowToAccount(row))
}

export function me(actor: Account | undefined, input: unknown): Account {
  parseInput(EmptySchema, input)
  if (!actor) throw new AppError('unauthenticated', '请先登录')
  return actor
}

export function demo(deps: AuthDeps, input: unknown): DemoInfo {
  parseInput(EmptySchema, input)
  if (deps.config.authMode !== 'dev') return { demo: false, accounts: [] }
  return { demo: true, accounts: DEMO_ACCOUNTS.map(({ account, name, role }) => ({ account, name, role })) }
}
