// Identity inside a WeChat cloud function. wx-server-sdk's cloud.getWXContext() does nothing more than read
// these environment variables (WX_OPENID, WX_APPID, WX_UNIONID, as WX_CONTEXT_KEYS lists them), which WeChat
// sets per invocation; reading them directly keeps 45 MB of SDK out of every bundled function.
export interface WxContext {
  OPENID?: string
  APPID?: string
  UNIONID?: string
}

export function getWXContext(env: Record<string, string | undefined> = process.env): WxContext {
  const ctx: WxContext = {}
  if (env.WX_OPENID) ctx.OPENID = env.WX_OPENID
  if (env.WX_APPID) ctx.APPID = env.WX_APPID
  if (env.WX_UNIONID) ctx.UNIONID = env.WX_UNIONID
  return ctx
}
