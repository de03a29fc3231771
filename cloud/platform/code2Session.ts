// auth.code2Session (GET /sns/jscode2session): exchanges the code from wx.login for the user's openid.
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html
import { AppError } from '../../src/domain/errors'

export interface WxSession {
  openid: string
  unionid?: string
}

export async function code2Session(opts: { apiBase: string; appId?: string; secret?: string; code: string; timeoutMs?: number }): Promise<WxSession> {
  if (!opts.appId || !opts.secret) throw new AppError('unavailable', '微信登录尚未开通，请稍后再试或联系管理员')
  const url = new URL(`${opts.apiBase}/sns/jscode2session`)
  url.searchParams.set('appid', opts.appId)
  url.searchParams.set('secret', opts.secret)
  url.searchParams.set('js_code', opts.code)
  url.searchParams.set('grant_type', 'authorization_code')
  let body: { openid?: string; unionid?: string; session_key?: string; errcode?: number; errmsg?: string }
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) })
    body = (await res.json()) as typeof body
  } catch {
    throw new AppError('unavailable', '微信登录服务暂时无法连接，请稍后重试')
  }
  if (body.errcode) {
    // 40029: invalid code; 40163: code already used; 45011: too frequent; 40226: high-risk user blocked by WeChat.
    if (body.errcode === 40029 || body.errcode === 40163) throw new AppError('unauthenticated', '登录凭证无效或已过期，请重新登录')
    if (body.errcode === 45011) throw new AppError('rate_limited', '登录过于频繁，请稍后再试')
    if (body.errcode === 40226) throw new AppError('forbidden', '该微信账号暂时无法登录')
    throw new AppError('unavailable', '微信登录服务暂时不可用，请稍后重试')
  }
  if (!body.openid) throw new AppError('unavailable', '微信登录服务返回异常，请稍后重试')
  return body.unionid ? { openid: body.openid, unionid: body.unionid } : { openid: body.openid }
}
