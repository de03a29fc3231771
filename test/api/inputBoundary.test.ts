// Input that must never reach the database as a 500 (issue 8, points 1–4): text PostgreSQL refuses, dates that do
// not exist, features a deployment has not configured, and required fields that are missing. Sent through the
// gateway as raw JSON text, so the server really receives NULs and lone surrogates, on PGlite and on PostgreSQL.
import { openApi, type ApiClient } from '../support/harness'
import type { DbKind } from '../support/databases'

/** An approved institution's id, read from the API in beforeAll. */
let institutionId = ''

const KINDS: DbKind[] = ['pglite', 'postgres']

async function post(api: ApiClient, fn: string, json: string, token?: string) {
  const res = await fetch(`${api.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: json,
  })
  return { status: res.status, body: (await res.json()) as any }
}

const validSubmit = (over: Record<string, unknown> = {}) => ({
  action: 'submit',
  requestId: `boundary-${Math.random().toString(36).slice(2, 12)}`,
  category: 'unlicensed',
  institutionId,
  description: '机构在居民楼里开班授课，没有看到任何办学许可证。',
  happenedOn: '2026-11-01',
  contact: { anonymous: true },
  ...over,
})

describe.each(KINDS)('input at the boundary, on %s through the gateway', (kind) => {
  let api: ApiClient
  let citizen: string
  beforeAll(async () => {
    // SEARCH_INDEX=false: institutions.search answers from SQL, where a NUL used to reach PostgreSQL.
    api = await openApi(kind, 'gateway', { config: { SEARCH_INDEX: 'false', COMPLAINT_DAILY_LIMIT: '1000' } })
    citizen = await api.login('citizen')
    institutionId = ((await api.call('institutions', { action: 'search', status: 'approved', limit: 1 })).body as any).data.items[0].id
  })
  afterAll(async () => {
    await api?.close()
  })

  describe('NUL and unpaired surrogates are refused with invalid_input naming the field', () => {
    const cases: [string, string, string, boolean][] = [
      ['content', '{"action":"articles","q":"a\\u0000b"}', 'q', false],
      ['content', '{"action":"article","slug":"\\u0000"}', 'slug', false],
      ['auth', '{"action":"devLogin","account":"\\u0000"}', 'account', false],
      ['institutions', '{"action":"search","q":"\\u0000"}', 'q', false],
      ['institutions', '{"action":"search","q":"厦门\\ud800"}', 'q', false],
      ['institutions', '{"action":"get","id":"\\udc00x"}', 'id', false],
      ['institutions', '{"action":"verify","code":"91350200\\u0000"}', 'code', false],
      ['content', '{"action":"cases","institutionId":"\\u0007"}', 'institutionId', false],
      ['complaints', '{"action":"get","ticketNo":"XM20261201-0001\\u0000"}', 'ticketNo', true],
      ['complaints', '{"action":"withdraw","ticketNo":"XM20261201-0001","reason":"不想\\u0000了"}', 'reason', true],
      ['complaints', '{"action":"mine","cursor":"\\ud83d"}', 'cursor', true],
    ]
    it.each(cases)('%s %s → 400 on %s', async (fn, json, field, asCitizen) => {
      const r = await post(api, fn, json, asCitizen ? citizen : undefined)
      expect(r.status).toBe(400)
      expect(r.body.ok).toBe(false)
      expect(r.body.error.code).toBe('invalid_input')
      expect(r.body.error.fields).toEqual({ [field]: '不能包含控制字符或无效字符' })
      expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/)
    })

    it('when a complaint carries a NUL deep inside (place, contact, evidence) or in a key, then the field is named and nothing is stored', async () => {
      const before = Number((await api.env.db.selectFrom('complaints').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      const place = { name: '某某\u0000培训', address: '思明区某某路1号2楼' }
      const deep = [
        [JSON.stringify(validSubmit({ institutionId: undefined, place })), 'place.name'],
        [JSON.stringify(validSubmit({ contact: { anonymous: false, name: '张\u0000', phone: '13800000000' } })), 'contact.name'],
        [JSON.stringify(validSubmit({ evidence: ['ok', 'bad\u0000'] })), 'evidence.1'],
        [JSON.stringify(validSubmit({ description: '机构在居民楼里开班授课，没有看到任何办学许可证。\ud800' })), 'description'],
      ] as const
      for (const [json, field] of deep) {
        const r = await post(api, 'complaints', json, citizen)
        expect(r.status).toBe(400)
        expect(r.body.error.fields).toEqual({ [field]: '不能包含控制字符或无效字符' })
      }
      const key = await post(api, 'complaints', JSON.stringify({ ...validSubmit(), 'x\u0000': 1 }), citizen)
      expect(key.status).toBe(400)
      expect(key.body.error.fields).toEqual({ _: '参数名不能包含控制字符或无效字符' })
      const after = Number((await api.env.db.selectFrom('complaints').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      expect(after).toBe(before)
    })

    it('when an event is nested absurdly deep, then it is refused without a stack overflow', async () => {
      const json = `{"action":"search","q":${'['.repeat(50_000)}${']'.repeat(50_000)}}`
      const r = await post(api, 'institutions', json)
      expect(r.status).toBe(400)
      expect(r.body.error.code).toBe('invalid_input')
    })

    it('when text has tabs, line breaks and emoji (surrogate pairs), then it is ordinary text', async () => {
      expect((await post(api, 'institutions', '{"action":"search","q":"舞蹈\\t😀"}')).status).toBe(200)
      expect((await post(api, 'content', '{"action":"articles","q":"退费\\n"}')).status).toBe(200)
    })
  })

  describe('dates are real calendar days', () => {
    it.each([
      ['2025-02-30', '发生日期不是真实存在的日期'],
      ['2023-02-29', '发生日期不是真实存在的日期'],
      ['2026-13-01', '发生日期不是真实存在的日期'],
      ['0000-01-01', '发生日期不是真实存在的日期'],
      ['1999-12-31', '发生日期不能早于 2000-01-01'],
      ['9999-12-31', '发生日期超出合理范围'],
      ['2026-1-1', '发生日期格式应为 YYYY-MM-DD'],
    ])('when happenedOn is %s, then 400: %s', async (happenedOn, message) => {
      const r = await post(api, 'complaints', JSON.stringify(validSubmit({ happenedOn })), citizen)
      expect(r.status).toBe(400)
      expect(r.body.error.fields).toEqual({ happenedOn: message })
    })

    it('when happenedOn is 29 February of a leap year, then the complaint is accepted', async () => {
      const r = await post(api, 'complaints', JSON.stringify(validSubmit({ happenedOn: '2024-02-29' })), citizen)
      expect(r.status).toBe(200)
    })
  })

  describe('a missing required field says that it is missing', () => {
    it.each([
      ['complaints', { action: 'get' }, { ticketNo: '缺少举报编号' }, true],
      ['complaints', { action: 'withdraw', ticketNo: 'XM20261201-0001' }, { reason: '请填写理由' }, true],
      ['complaints', { action: 'rate', ticketNo: 'XM20261201-0001' }, { rating: '请选择评分' }, true],
      ['institutions', { action: 'get' }, { id: '缺少机构编号' }, false],
      ['institutions', { action: 'verify' }, { code: '请输入统一社会信用代码或办学许可证号' }, false],
      ['content', { action: 'article' }, { slug: '缺少文章标识' }, false],
      ['content', { action: 'case' }, { id: '缺少案例编号' }, false],
      ['auth', { action: 'devLogin' }, { account: '请选择示例账号' }, false],
      ['auth', { action: 'login' }, { code: '缺少微信登录凭证' }, false],
    ])('%s %j → %j', async (fn, event, fields, asCitizen) => {
      const r = await post(api, fn, JSON.stringify(event), asCitizen ? citizen : undefined)
      expect(r.status).toBe(400)
      expect(r.body.error.fields).toEqual(fields)
      expect(r.body.error.message).toBe(Object.values(fields)[0])
    })

    it('when a complaint misses its description, a nested place field and its contact, then each is named as missing', async () => {
      const { description: _d, contact: _c, ...rest } = validSubmit({ institutionId: undefined, place: { name: '某某培训' } })
      const r = await post(api, 'complaints', JSON.stringify(rest), citizen)
      expect(r.status).toBe(400)
      expect(r.body.error.fields).toMatchObject({ description: '请填写问题描述', 'place.address': '请填写地址', contact: '请选择实名或匿名' })
    })

    it('when a key is __proto__ or constructor, then it is an unknown key like any other, never a prototype or a blank message', async () => {
      const r = await post(api, 'institutions', `{"action":"get","__proto__":{"id":"${institutionId}"}}`)
      expect(r.status).toBe(400)
      const own = (k: string) => Object.getOwnPropertyDescriptor(r.body.error.fields, k)?.value
      expect(own('id')).toBe('缺少机构编号')
      expect(own('__proto__')).toBe('不支持的参数：__proto__')
      const demo = await post(api, 'auth', '{"action":"demo","constructor":{"x":1}}')
      expect(demo.status).toBe(400)
      expect(demo.body.error.message).toBe('该操作不需要参数：constructor')
      const empty = await post(api, 'auth', '{"action":"demo","__proto__":{}}')
      expect(empty.body.error.message).toBe('该操作不需要参数：__proto__')
    })

    it('when a key is truly extra, then it is still named as not supported', async () => {
      const r = await post(api, 'institutions', JSON.stringify({ action: 'get', id: institutionId, zz: 1 }))
      expect(r.status).toBe(400)
      expect(r.body.error.fields).toEqual({ zz: '不支持的参数：zz' })
    })
  })
})

describe('features this deployment has not configured answer unavailable (503), never a crash', () => {
  let api: ApiClient
  afterEach(async () => {
    await api?.close()
  })

  it('when WeChat login is not configured, then auth.login answers 503 unavailable in Chinese for any code', async () => {
    api = await openApi('pglite', 'gateway', { sample: false })
    for (const code of ['x', '0'.repeat(200), '071abcDEF']) {
      const r = await post(api, 'auth', JSON.stringify({ action: 'login', code }))
      expect(r.status).toBe(503)
      expect(r.body).toEqual({ ok: false, error: { code: 'unavailable', message: '微信登录尚未开通，请稍后再试或联系管理员' } })
    }
  })

  it('when there is no session secret, then devLogin answers 503 unavailable', async () => {
    api = await openApi('pglite', 'gateway', { sample: false, config: { SESSION_SECRET: '' } })
    const r = await post(api, 'auth', JSON.stringify({ action: 'devLogin', account: 'citizen' }))
    expect(r.status).toBe(503)
    expect(r.body.error).toEqual({ code: 'unavailable', message: '登录服务尚未开通，请稍后再试或联系管理员' })
  })

  it('when there is no contact key, then a real-name complaint answers 503 unavailable and an anonymous one is accepted', async () => {
    api = await openApi('pglite', 'gateway', { config: { CONTACT_KEY: '' } })
    const citizen = await api.login('citizen')
    institutionId = ((await api.call('institutions', { action: 'search', status: 'approved', limit: 1 })).body as any).data.items[0].id
    const named = await post(api, 'complaints', JSON.stringify(validSubmit({ contact: { anonymous: false, name: '张三', phone: '13800000000' } })), citizen)
    expect(named.status).toBe(503)
    expect(named.body.error.code).toBe('unavailable')
    expect((await post(api, 'complaints', JSON.stringify(validSubmit()), citizen)).status).toBe(200)
  })
})
