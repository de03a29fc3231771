// WeChat's server APIs for subscribe messages (订阅消息):
//   GET  /cgi-bin/token?grant_type=client_credential&appid&secret → { access_token, expires_in } | { errcode, errmsg }
//   POST /cgi-bin/message/subscribe/send?access_token=… { touser, template_id, page, data, miniprogram_state, lang }
//        → { errcode: 0, errmsg: 'ok' } | { errcode, errmsg }
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html

import type { AccessToken } from './wechatToken'

export type SendOutcome = { kind: 'sent' } | { kind: 'refused'; reason: string } | { kind: 'retry'; reason: string }

export interface SubscribeSender {
  send(message: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<SendOutcome>
}

export function wechatSubscribeSender(opts: { apiBase: string; token: AccessToken; state?: 'formal' | 'trial' | 'developer'; timeoutMs?: number }): SubscribeSender {
  return {
    async send(m) {
      let body: { errcode?: number; errmsg?: string }
      try {
        const res = await fetch(`${opts.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(await opts.token.get())}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ touser: m.touser, template_id: m.templateId, page: m.page, data: m.data, miniprogram_state: opts.state ?? 'formal', lang: 'zh_CN' }),
          signal: AbortSignal.timeout(opts.timeoutMs ?? 5000),
        })
        body = (await res.json()) as typeof body
      } catch (e) {
        return { kind: 'retry', reason: `network: ${(e as Error).message}` }
      }
      if (!body.errcode) return { kind: 'sent' }
      // 40001/42001: the token went stale; forget it and try again later.
      if (body.errcode === 40001 || body.errcode === 42001) opts.token.invalidate()
      // 43101: the user has not subscribed (or used up the one-time permission); 40003: bad openid. Retrying will not help.
      if (body.errcode === 43101 || body.errcode === 40003 || body.errcode === 47003) return { kind: 'refused', reason: `${body.errcode} ${body.errmsg}` }
      return { kind: 'retry', reason: `${body.errcode} ${body.errmsg}` }
    },
  }
}
