// One call to WeChat's cloud-development server API (POST /tcb/<api>?access_token, JSON with the environment id),
// shared by the cloud-storage reader and the evidence store. A token WeChat calls stale is renewed once; any other
// failure — unreachable, or an errcode — is the caller's Chinese `unavailable` message, never WeChat's.
import { AppError } from '../../src/domain/errors'
import type { AccessToken } from './wechatToken'

export interface TcbOptions {
  apiBase: string
  token: AccessToken
  env: string
  timeoutMs?: number
}

const STALE_TOKEN = new Set([40001, 42001, 40014])

export async function tcbCall<T extends object>(opts: TcbOptions, api: string, body: object, unavailable: string): Promise<T & { errcode?: number }> {
  for (let attempt = 0; ; attempt++) {
    let answer: T & { errcode?: number }
    try {
      const res = await fetch(`${opts.apiBase}/tcb/${api}?access_token=${encodeURIComponent(await opts.token.get())}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ env: opts.env, ...body }),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      })
      answer = (await res.json()) as T & { errcode?: number }
    } catch {
      throw new AppError('internal', unavailable)
    }
    if (answer.errcode !== undefined && STALE_TOKEN.has(answer.errcode) && attempt === 0) {
      opts.token.invalidate()
      continue
    }
    if (answer.errcode) throw new AppError('internal', unavailable)
    return answer
  }
}
