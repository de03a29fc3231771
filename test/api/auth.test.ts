import { MATRIX, openApi, type ApiClient } from '../support/harness'
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat'

describe.each(MATRIX)('auth on %s through %s', (kind, via) => {
  let wx: FakeWechat
  let api: ApiClient
  beforeAll(async () => {
    wx = await startFakeWechat()
    api = await openApi(kind, via, { sample: false, config: { WX_API_BASE: wx.url, WX_APPID: wx.appId, WX_SECRET: wx.secret } })
  })
  afterAll(async () => {
    await api?.close()
    await wx?.close()
  })

  it('when the demo lists its accounts, then all eight are there with roles', async () => {
    const { body } = await api.call('auth', { action: 'demo' })
    expect(body.ok && body.data.demo).toBe(true)
    expect(body.ok && body.data.accounts.map((a: any) => a.account)).toEqual(['citizen', 'citizen2', 'supervisor', 'staff-culture', 'staff-sports', 'staff-science', 'staff-education', 'staff-culture-siming', 'staff-sports-jimei', 'admin'])
  })

  it('when a demo account logs in, then its token answers me with role and department', async () => {
    const { body } = await api.call('auth', { action: 'devLogin', account: 'staff-sports' })
    if (!body.ok) throw new Error(body.error.message)
    expect(body.data.account).toMatchObject({ role: 'staff', department: 'sports' })
    const me = await api.call('auth', { action: 'me' }, body.data.token)
    expect(me.body).toEqual({ ok: true, data: body.data.account })
  })

  it('when me is asked without a token or with a forged one, then it is unauthenticated', async () => {
    expect((await api.call('auth', { action: 'me' })).status).toBe(401)
    const token = await api.login('citizen')
    const forged = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))
    const r = await api.call('auth', { action: 'me' }, forged)
    expect(r.status).toBe(401)
    expect(!r.body.ok && r.body.error.message).toBe('登录已失效，请重新登录')
  })

  it('when an unknown demo account is asked for, then it is not_found', async () => {
    const r = await api.call('auth', { action: 'devLogin', account: 'root' })
    expect(r.status).toBe(404)
  })

  it('when a wx.login code is exchanged, then WeChat is asked per its contract and the same openid keeps one account', async () => {
    const a = await api.call('auth', { action: 'login', code: wx.codeFor('o-parent-1') })
    const b = await api.call('auth', { action: 'login', code: wx.codeFor('o-parent-1') })
    if (!a.body.ok || !b.body.ok) throw new Error('login failed')
    expect(a.body.data.account.role).toBe('citizen')
    expect(b.body.data.account.id).toBe(a.body.data.account.id)
    const asked = wx.requests[wx.requests.length - 1]
    expect(asked.searchParams.get('grant_type')).toBe('authorization_code')
    expect(asked.searchParams.get('appid')).toBe(wx.appId)
  })

  it('when a code is used twice or invented, then login is refused in Chinese', async () => {
    const code = wx.codeFor('o-parent-2')
    expect((await api.call('auth', { action: 'login', code })).status).toBe(200)
    for (const bad of [code, 'invented']) {
      const r = await api.call('auth', { action: 'login', code: bad })
      expect(r.status).toBe(401)
      expect(!r.body.ok && r.body.error.message).toBe('登录凭证无效或已过期，请重新登录')
    }
  })

  it('when login has no code, then it is invalid_input naming code', async () => {
    const r = await api.call('auth', { action: 'login' })
    expect(r.status).toBe(400)
    expect(!r.body.ok && r.body.error.fields).toHaveProperty('code')
  })

  if (via === 'main') {
    it('when called inside WeChat with an OPENID, then me is that user without any token', async () => {
      const r = await api.call('auth', { action: 'me' }, 'wx:o-wechat-user')
      expect(r.body.ok && r.body.data.role).toBe('citizen')
    })
  }
})

describe('auth outside the demo', () => {
  it('when AUTH_MODE is wechat, then devLogin does not exist and demo says so', async () => {
    const api = await openApi('pglite', 'gateway', { sample: false, config: { AUTH_MODE: 'wechat' } })
    try {
      const r = await api.call('auth', { action: 'devLogin', account: 'admin' })
      expect(r.status).toBe(400)
      expect(!r.body.ok && r.body.error.fields).toHaveProperty('action')
      expect((await api.call('auth', { action: 'demo' })).body).toEqual({ ok: true, data: { demo: false, accounts: [] } })
    } finally {
      await api.close()
    }
  })
})
