// The app's access_token (GET /cgi-bin/token?grant_type=client_credential), shared by every server API call.
// https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-access-token/getAccessToken.html
export interface AccessToken {
  get(): Promise<string>
  /** Forget a token WeChat called stale (40001 / 42001). */
  invalidate(): void
}

export function accessToken(opts: { apiBase: string; appId: string; secret: string; timeoutMs?: number }): AccessToken {
  let token: { value: string; until: number } | undefined
  let pending: Promise<string> | undefined
  return {
    async get() {
      if (token && token.until > Date.now()) return token.value
      pending ??= (async () => {
        try {
          const url = `${opts.apiBase}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(opts.appId)}&secret=${encodeURIComponent(opts.secret)}`
          const body = (await (await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 5000) })).json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string }
          if (!body.access_token) throw new Error(`token: ${body.errcode} ${body.errmsg}`)
          // Renew five minutes early.
          token = { value: body.access_token, until: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000 }
          return token.value
        } finally {
          pending = undefined
        }
      })()
      return pending
    },
    invalidate() {
      token = undefined
    },
  }
}
