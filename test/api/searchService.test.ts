// Issue 12, point 6: a process without an index of its own (a cloud-function instance) asks a gateway's index
// (POST /internal/search, SEARCH_SERVICE_URL) and answers from SQL whatever it does not answer: not serving yet, down,
// too slow. Its pages are what SQL answers, for every shape and under 60 concurrent searches, with its own database out
// of reach (so they came from the service); a write is seen through it within 2 s; only a caller holding the
// service's secret is answered.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { Database } from '../../cloud/store/schema'
import { DB_KINDS } from '../support/databases'
import { openApi, testConfig, type ApiClient } from '../support/harness'
import { searchShapes } from '../support/searchShapes'
import { freePort } from '../../bench/gateway'
import { search } from '../../cloud/services/institutions'
import { searchService } from '../../cloud/platform/searchService'
import { buildEnv } from '../../cloud/functions/environment'
import { functions } from '../../cloud/functions/registry'
import { invoke, type Env } from '../../cloud/functions/runtime'
import { createGateway } from '../../cloud/gateway/server'
import { generateSample } from '../../content/sample/generate'

jest.setTimeout(120_000)

const SECRET = 'search-service-secret-for-tests-0123456789'
const HAN = /[\u4e00-\u9fff]/
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function listen(server: http.Server): Promise<string> {
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}
function close(server: http.Server): Promise<void> {
  return new Promise((r) => {
    server.close(() => r())
    server.closeAllConnections()
  })
}

describe.each(DB_KINDS)('search through the search service on %s', (kind) => {
  let service: ApiClient
  /** A function instance: no index, the service's URL and secret, and a database it cannot reach, so that every page
   *  it answers came from the service (its own SQL path would fail). */
  let instance: Env
  let unreachable: Kysely<Database>
  let asked = 0
  const points = generateSample().institutions.slice(0, 40)

  beforeAll(async () => {
    service = await openApi(kind, 'gateway', { config: { SEARCH_SERVICE_SECRET: SECRET, SEARCH_INDEX_MAX_STALE_MS: '1000' } })
    service.server!.on('request', (req: http.IncomingMessage) => {
      if (req.url === '/internal/search') asked++
    })
    unreachable = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: `postgres://postgres@127.0.0.1:${await freePort()}/none`, connectionTimeoutMillis: 1000 }) }) })
    instance = buildEnv(testConfig({ SEARCH_INDEX: 'false', SEARCH_SERVICE_URL: service.url!, SEARCH_SERVICE_SECRET: SECRET, SEARCH_SERVICE_TIMEOUT_MS: '5000' }), unreachable)
    expect(instance.search).toBeUndefined()
    await expect(sql`select 1`.execute(unreachable)).rejects.toThrow()
  })
  afterAll(async () => {
    await unreachable?.destroy()
    await service?.close()
  })

  const viaInstance = (ev: Record<string, unknown>) => invoke(functions.institutions, instance, { action: 'search', ...ev }, { kind: 'anonymous' })

  const events = () => [
    ...searchShapes(points, 11),
    ...['wudao', 'meishu', 'ys', 'xmyy', '舞蹈', '提琴', '艺术培训中心', '9135'].map((q) => ({ q })),
    ...['wudao', '舞'].map((q) => ({ q, district: 'siming', status: 'approved' })),
  ]

  it('when a function instance searches every shape, then the service answers each and the page is what SQL answers', async () => {
    const evs = events()
    const before = asked
    for (const ev of evs) {
      const expected = await search(service.env.db, ev)
      expect({ ev, answer: await viaInstance(ev) }).toEqual({ ev, answer: { ok: true, data: expected } })
    }
    expect(asked - before).toBe(evs.length)
  })

  it('when a page has a next one, then its cursor followed through the service gives the next page SQL gives', async () => {
    for (const ev of [{ q: '培训' }, { status: 'approved', district: 'huli' }, { lat: points[0].lat, lng: points[0].lng, sort: 'distance' }, { q: '9135' }]) {
      let cursor: string | undefined
      for (let page = 0; page < 3; page++) {
        const input = { ...ev, limit: 5, ...(cursor ? { cursor } : {}) }
        const expected = await search(service.env.db, input)
        expect({ input, answer: await viaInstance(input) }).toEqual({ input, answer: { ok: true, data: expected } })
        cursor = expected.nextCursor
        if (!cursor) break
      }
    }
  })

  it('when 60 searches arrive at once, then each gets its own page (what SQL answers) from the service', async () => {
    const evs = events().slice(0, 60)
    const expected = await Promise.all(evs.map((ev) => search(service.env.db, ev)))
    const before = asked
    const answers = await Promise.all(evs.map(viaInstance))
    answers.forEach((a, k) => expect({ ev: evs[k], a }).toEqual({ ev: evs[k], a: { ok: true, data: expected[k] } }))
    expect(asked - before).toBe(60)
  })

  it('when the input is wrong, then the instance refuses it as SQL would, in Chinese, without asking the service', async () => {
    const before = asked
    const answer = await viaInstance({ lat: 999, lng: 118, sort: 'distance' })
    expect(answer.ok).toBe(false)
    if (answer.ok) return
    expect(answer.error.code).toBe('invalid_input')
    expect(answer.error.message).toMatch(HAN)
    expect(asked).toBe(before)
    // The route refuses it the same way, for a caller that did not check first.
    const res = await fetch(`${service.url}/internal/search`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` }, body: JSON.stringify({ lat: 999, lng: 118, sort: 'distance' }) })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual(answer)
  })

  it('when the service is not serving an index, then it answers 503 and the instance answers from SQL, leaving it alone for the pause', async () => {
    // A gateway on the same database with the route but no index (as while its first build runs).
    const bare = createGateway({ env: buildEnv(testConfig({ SEARCH_INDEX: 'false', SEARCH_SERVICE_SECRET: SECRET }), service.env.db), functions, webRoot: '/tmp/yg-no-web', files: service.env.files })
    let bareAsked = 0
    bare.on('request', () => bareAsked++)
    const url = await listen(bare)
    try {
      const log: string[] = []
      const remote = searchService({ url, secret: SECRET, timeoutMs: 5000, pauseMs: 300, log: (l) => log.push(l) })
      const res = await fetch(`${url}/internal/search`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` }, body: '{"q":"舞蹈"}' })
      expect(res.status).toBe(503)
      expect(((await res.json()) as any).error.message).toMatch(HAN)
      bareAsked = 0
      const ev = { q: '舞蹈', district: 'siming' }
      const expected = await search(service.env.db, ev)
      expect(await search(service.env.db, ev, undefined, undefined, remote)).toEqual(expected)
      expect(await search(service.env.db, ev, undefined, undefined, remote)).toEqual(expected)
      expect(bareAsked).toBe(1)
      expect(log).toHaveLength(1)
      expect(log[0]).toMatch(/搜索服务未回答（HTTP 503）/)
      await sleep(350)
      expect(await search(service.env.db, ev, undefined, undefined, remote)).toEqual(expected)
      expect(bareAsked).toBe(2)
    } finally {
      await close(bare)
    }
  })

  it('when the service is down, then the instance answers from SQL at once', async () => {
    const remote = searchService({ url: `http://127.0.0.1:${await freePort()}`, secret: SECRET, timeoutMs: 5000 })
    const ev = { q: 'wudao' }
    const t = Date.now()
    expect(await search(service.env.db, ev, undefined, undefined, remote)).toEqual(await search(service.env.db, ev))
    expect(Date.now() - t).toBeLessThan(2000)
  })

  it('when the service does not answer in time, then the instance answers from SQL after its timeout, and the next search does not wait', async () => {
    const silent = http.createServer(() => {}) // accepts, reads, never answers
    const url = await listen(silent)
    try {
      const remote = searchService({ url, secret: SECRET, timeoutMs: 150 })
      const ev = { status: 'approved', category: 'arts' }
      const expected = await search(service.env.db, ev)
      let t = Date.now()
      expect(await search(service.env.db, ev, undefined, undefined, remote)).toEqual(expected)
      expect(Date.now() - t).toBeGreaterThanOrEqual(150)
      t = Date.now()
      expect(await search(service.env.db, ev, undefined, undefined, remote)).toEqual(expected)
      expect(Date.now() - t).toBeLessThan(150)
    } finally {
      await close(silent)
    }
  })

  it('only a caller holding the secret is answered: no token, session tokens of a citizen and the admin, a forged or near secret are refused', async () => {
    const citizen = await service.login('citizen')
    const admin = await service.login('admin')
    const ask = (authorization?: string, method = 'POST') =>
      fetch(`${service.url}/internal/search`, { method, headers: authorization ? { authorization } : {}, body: method === 'GET' ? undefined : '{"q":"舞蹈"}' })
    const rows: [string, string | undefined, number][] = [
      ['no token', undefined, 401],
      ["a citizen's session", `Bearer ${citizen}`, 401],
      ["the admin's session", `Bearer ${admin}`, 401],
      ['a forged token', 'Bearer eyJhbGciOiJub25lIn0.forged.token', 401],
      ['the secret with a letter more', `Bearer ${SECRET}x`, 401],
      ['the secret cut short', `Bearer ${SECRET.slice(0, -1)}`, 401],
      ['the secret, not as a bearer', SECRET, 401],
      ['the secret', `Bearer ${SECRET}`, 200],
    ]
    const got: [string, number, boolean][] = []
    for (const [who, authorization, _] of rows) {
      const res = await ask(authorization)
      const body = (await res.json()) as any
      got.push([who, res.status, res.status === 200 ? body.ok === true && body.data.items.length > 0 : HAN.test(body.error.message)])
    }
    expect(got).toEqual(rows.map(([who, , status]) => [who, status, true]))
    const get = await ask(`Bearer ${SECRET}`, 'GET')
    expect(get.status).toBe(400)
  })

  it('when the gateway has no SEARCH_SERVICE_SECRET, then the route does not exist, even for the secret', async () => {
    const plain = createGateway({ env: buildEnv(testConfig(), service.env.db), functions, webRoot: '/tmp/yg-no-web', files: service.env.files })
    const url = await listen(plain)
    try {
      const res = await fetch(`${url}/internal/search`, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` }, body: '{"q":"舞蹈"}' })
      expect(res.status).toBe(404)
      expect(((await res.json()) as any).error.message).toBe('没有这个地址')
    } finally {
      await close(plain)
    }
  })

  // Last: it changes the data. The service checks the change counter at most a second apart (its default).
  it('when an institution changes status, then a function instance searching through the service sees it within 2 s', async () => {
    const row = await service.env.db.selectFrom('institutions').select(['id', 'name', 'district']).where('status', '=', 'approved').orderBy('id').limit(1).executeTakeFirstOrThrow()
    const ev = { q: row.name, district: row.district, status: 'revoked' }
    expect(((await viaInstance(ev)) as any).data.items.map((i: { id: string }) => i.id)).not.toContain(row.id)
    await sql`update institutions set status = 'revoked' where id = ${row.id}`.execute(service.env.db)
    const t = Date.now()
    const before = asked
    let seen = false
    while (!seen && Date.now() - t < 5000) {
      seen = ((await viaInstance(ev)) as any).data.items.some((i: { id: string }) => i.id === row.id)
      if (!seen) await sleep(50)
    }
    expect({ seen, within2s: Date.now() - t <= 2000 }).toEqual({ seen: true, within2s: true })
    expect(asked).toBeGreaterThan(before)
    expect(await viaInstance(ev)).toEqual({ ok: true, data: await search(service.env.db, ev) })
  })
})

describe('the search service client', () => {
  // A function instance frozen between calls does not see the service close an idle kept-alive connection (the
  // gateway's keep-alive timeout); its next request goes out on the dead socket.
  it('when the service closed a kept-alive connection meanwhile, then the search is asked again on a new one, not answered from SQL', async () => {
    const page = { items: [], total: 0 }
    const requestsOn = new WeakMap<object, number>()
    let connections = 0
    const server = http.createServer((req, res) => {
      const n = (requestsOn.get(req.socket) ?? 0) + 1
      requestsOn.set(req.socket, n)
      if (n > 1) return req.socket.destroy() // the socket the client thinks is still open
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ ok: true, data: page }))
    })
    server.on('connection', () => connections++)
    const url = await listen(server)
    try {
      const log: string[] = []
      const remote = searchService({ url, secret: SECRET, timeoutMs: 2000, log: (l) => log.push(l) })
      expect(await remote.search({ q: '舞蹈' })).toEqual(page)
      expect(await remote.search({ q: '舞蹈' })).toEqual(page)
      expect({ connections, log }).toEqual({ connections: 2, log: [] })
    } finally {
      await close(server)
    }
  })

  it("when the service's page carries more than a list page has, then only the list page's fields are passed on; when an item is not one, SQL answers", async () => {
    const item = { id: 'a1', name: '博川舞蹈艺术学校', status: 'approved', category: 'arts', district: 'jimei', address: '厦门市集美区杏滨路749号', highlight: [[2, 4]] }
    let answer: unknown
    const server = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(answer))
    })
    const url = await listen(server)
    try {
      const log: string[] = []
      const remote = searchService({ url, secret: SECRET, timeoutMs: 2000, pauseMs: 0, log: (l) => log.push(l) })
      answer = { ok: true, data: { items: [{ ...item, distanceM: 120, licenseNo: '教民135020', phone: '13800000000' }], total: 1, nextCursor: 'k1', debug: 'x' } }
      expect(await remote.search({ q: '舞蹈' })).toEqual({ items: [{ ...item, distanceM: 120 }], total: 1, nextCursor: 'k1' })
      for (const bad of [{ ...item, status: 'vip' }, { ...item, highlight: [[2]] }, { ...item, name: 7 }, { ...item, distanceM: 'near' }, null]) {
        answer = { ok: true, data: { items: [bad], total: 1 } }
        expect({ bad, page: await remote.search({ q: '舞蹈' }) }).toEqual({ bad, page: undefined })
      }
      answer = { ok: true, data: { items: [], total: '1' } }
      expect(await remote.search({ q: '舞蹈' })).toBeUndefined()
      expect(log.every((l) => l.includes('not a page'))).toBe(true)
    } finally {
      await close(server)
    }
  })
})
