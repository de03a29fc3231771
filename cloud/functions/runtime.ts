// The one place where a cloud-function event becomes a service call and a result or error becomes the envelope.
import type { Account, Envelope } from '../../src/domain/api'
import { AppError } from '../../src/domain/errors'
import { readToken } from '../platform/sessionToken'
import { getWXContext } from '../platform/wxContext'
import { accountRowToAccount, findOrCreateWechatAccount } from '../store/accountRepo'
import { cachedAccount } from './accountCache'
import { refuseBadInput } from '../services/validate'
import type { Env } from './env'

export type { Env }

export type Identity = { kind: 'wechat'; openid: string; unionid?: string } | { kind: 'token'; token: string } | { kind: 'anonymous' }

export interface Call {
  env: Env
  input: Record<string, unknown>
  /** The calling account, or undefined for an anonymous caller. Resolved on first use: public look-ups cost no query. */
  actor(): Promise<Account | undefined>
}

export type Action = (call: Call) => unknown

export interface CloudFunction {
  name: string
  actions: Readonly<Record<string, Action>>
  /** WeChat's entry point. */
  main(event: unknown, context?: unknown): Promise<Envelope<unknown>>
}

/** Keys the platform adds to every event; they are not input. */
const PLATFORM_KEYS = new Set(['action', 'userInfo'])

let defaultEnv: Promise<Env> | undefined
/** Set by the entry that owns the process (the gateway, a test); a bundled function opens its own on first call. */
export function setDefaultEnv(env: Promise<Env> | undefined): void {
  defaultEnv = env
}

export function defineFunction(name: string, actions: Record<string, Action>): CloudFunction {
  const fn: CloudFunction = {
    name,
    actions: Object.freeze({ ...actions }),
    async main(event: unknown) {
      if (!defaultEnv) defaultEnv = (await import('./environment')).openEnvironment()
      let env: Env
      try {
        env = await defaultEnv
      } catch (e) {
        defaultEnv = undefined
        return toEnvelopeError(e, name, '(startup)')
      }
      const wx = getWXContext()
      const identity: Identity = wx.OPENID ? { kind: 'wechat', openid: wx.OPENID, unionid: wx.UNIONID } : { kind: 'anonymous' }
      return invoke(fn, env, event, identity)
    },
  }
  return fn
}

/** Who the identity is, resolved once and on first use. */
export function resolveActor(env: Env, identity: Identity): () => Promise<Account | undefined> {
  let cached: Promise<Account | undefined> | undefined
  return () =>
    (cached ??= (async () => {
      if (identity.kind === 'wechat') return accountRowToAccount(await findOrCreateWechatAccount(env.db, identity.openid, identity.unionid))
      if (identity.kind === 'token') {
        const id = env.sessionSecret ? readToken(env.sessionSecret, identity.token) : null
        // Demo accounts never sign in outside the demo, whatever secret signed the token.
        const account = id ? await cachedAccount(env.db, id, { allowDemo: env.config.authMode === 'dev' }) : undefined
        if (!account) throw new AppError('unauthenticated', '登录已失效，请重新登录')
        return account
      }
      return undefined
    })())
}

export async function invoke(fn: CloudFunction, env: Env, event: unknown, identity: Identity): Promise<Envelope<unknown>> {
  let actionName = '?'
  try {
    if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new AppError('invalid_input', '请求格式不正确', { _: '请求应为对象' })
    // Text no database takes (NUL, unpaired surrogates) stops here, whichever function and field it is in.
    refuseBadInput(event)
    const raw = event as Record<string, unknown>
    if (typeof raw.action !== 'string' || !raw.action) throw new AppError('invalid_input', '缺少要执行的操作', { action: '缺少要执行的操作' })
    actionName = raw.action.slice(0, 40)
    const action = Object.hasOwn(fn.actions, raw.action) ? fn.actions[raw.action] : undefined
    // What a person meets here is an old copy of the app asking for something since renamed or removed: tell them
    // what to do; the name stays in brackets for whoever reads the report.
    if (!action) throw new AppError('invalid_input', `这项功能在当前版本中不可用，请把小程序更新到最新版本后再试（${actionName}）`, { action: '这项功能在当前版本中不可用' })
    // fromEntries defines own properties: a "__proto__" key stays a key (and is refused as unknown), never a prototype.
    const input: Record<string, unknown> = Object.fromEntries(Object.entries(raw).filter(([k]) => !PLATFORM_KEYS.has(k)))
    const data = await action({ env, input, actor: resolveActor(env, identity) })
    return { ok: true, data: data ?? null }
  } catch (e) {
    return toEnvelopeError(e, fn.name, actionName)
  }
}

function toEnvelopeError(e: unknown, fnName: string, action: string): Envelope<never> {
  if (e instanceof AppError) return { ok: false, error: e.toApiError() }
  // Unexpected: keep the details in the server log, never in the answer.
  console.error(`[${fnName}.${action}] unexpected error`, e)
  return { ok: false, error: { code: 'internal', message: '服务暂时出了点问题，请稍后重试' } }
}
