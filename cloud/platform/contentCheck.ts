// Text security check before a report's words are stored. In production: WeChat msgSecCheck v2
//   POST /wxa/msg_sec_check?access_token=… { content, version: 2, scene: 1, openid } → { errcode, result: { suggest, label } }
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html
// Elsewhere (the demo, tests without WeChat) a checker that passes everything, because there is no one to ask.
import type { AccessToken } from './wechatToken'

export type CheckVerdict = 'pass' | 'review' | 'risky'

export interface ContentChecker {
  /** Whether check() uses the author's openid (so the caller need not look it up otherwise). */
  readonly wantsOpenid: boolean
  check(text: string, openid?: string): Promise<CheckVerdict>
}

export const passThroughChecker: ContentChecker = { wantsOpenid: false, check: async () => 'pass' }

export function wechatContentChecker(opts: { apiBase: string; token: AccessToken; timeoutMs?: number }): ContentChecker {
  return {
    wantsOpenid: true,
    async check(content, openid) {
      // msgSecCheck needs the openid of a user active in the last two hours; without one there is nothing to ask.
      if (!openid) return 'pass'
      try {
        const res = await fetch(`${opts.apiBase}/wxa/msg_sec_check?access_token=${encodeURIComponent(await opts.token.get())}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ content, version: 2, scene: 1, openid }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 3000),
        })
        const body = (await res.json()) as { errcode?: number; result?: { suggest?: CheckVerdict } }
        if (body.errcode === 40001 || body.errcode === 42001) opts.token.invalidate()
        if (body.errcode) return 'review'
        return body.result?.suggest ?? 'review'
      } catch {
        // WeChat unreachable: accept the report and leave it for a person to read, rather than lose it.
        return 'review'
      }
    },
  }
}
