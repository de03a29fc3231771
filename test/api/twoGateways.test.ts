// Issue 12 point 4: more than one gateway process on one PostgreSQL. Real processes (cloud/gateway/start.ts): one
// started alone and one cluster of two workers (GATEWAY_PROCESSES=2), both on the same fresh database. A write through
// one is answered by search through the other within 2 s, a daily limit holds across all three processes, the cluster
// does the once-per-deployment work once, replaces a worker that dies and stops its workers on SIGTERM.
import crypto from 'node:crypto'
import { execFileSync } from 'node:child_process'
import http from 'node:http'
import pg from 'pg'
import { ConfigError, readConfig } from '../../cloud/config'
import { signToken } from '../../cloud/platform/sessionToken'
import { get, startGateway, stubWebRoot, type Gateway } from '../../bench/gateway'
import { ADMIN_URL } from '../support/databases'

jest.setTimeout(240_000)

const SECRET = 'two-gateways-session-secret-0123456789abcdef'
const NAME = `yg_test_gw2_${crypto.randomBytes(5).toString('hex')}`
const URL_ = ADMIN_URL.replace(/\/[^/]*$/, `/${NAME}`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const env = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: URL_,
  DEMO_DATABASE: 'true',
  AUTH_MODE: 'dev',
  SAMPLE_DATA: 'true',
  SESSION_SECRET: SECRET,
  CONTACT_KEY: Buffer.alloc(32, 7).toString('base64'),
  COMPLAINT_DAILY_LIMIT: '10',
  WEB_ROOT: stubWebRoot(),
  ...extra,
})

async function query<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: URL_ })
  await c.connect()
  try {
    return (await c.query<T>(text, params)).rows
  } finally {
    await c.end()
  }
}

/** One call on a connection of its own (so the cluster deals each to the next worker), signed in when `token` is given. */
function call(port: number, fn: string, event: Record<string, unknown>, token?: string): Promise<{ status: number; json: any }> {
  const body = Buffer.from(JSON.stringify(event))
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': body.length }
  if (token) headers.authorization = `Bearer ${token}`
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: `/api/${fn}`, method: 'POST', agent: false, timeout: 30_000, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(body)
  })
}

async function logSays(g: Gateway, pattern: RegExp, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!pattern.test(g.log()) && Date.now() < deadline) await sleep(100)
}

/** PIDs of the processes whose parent is `pid` (the cluster's workers). */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean)
  } catch {
    return [] // ps exits 1 when there are none
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('GATEWAY_PROCESSES', () => {
  it('refuses more than one process without DATABASE_URL, naming both variables', () => {
    expect(() => readConfig({ GATEWAY_PROCESSES: '2' })).toThrow(ConfigError)
    expect(() => readConfig({ GATEWAY_PROCESSES: '2' })).toThrow(/GATEWAY_PROCESSES=2 needs DATABASE_URL/)
    expect(() => readConfig({ GATEWAY_PROCESSES: '17', DATABASE_URL: 'postgres://x/y' })).toThrow(/GATEWAY_PROCESSES must be an integer from 1 to 16/)
    expect(readConfig({}).gatewayProcesses).toBe(1)
    expect(readConfig({ GATEWAY_PROCESSES: '2', DATABASE_URL: 'postgres://x/y' }).gatewayProcesses).toBe(2)
  })


  it('a cluster whose first worker cannot start exits with an error instead of forking it again and again', async () => {
    const missing = ADMIN_URL.replace(/\/[^/]*$/, `/${NAME}_missing`)
    await expect(startGateway(env({ GATEWAY_PROCESSES: '2', DATABASE_URL: missing }), { timeoutMs: 60_000 })).rejects.toThrow(/gateway exited \(1\)[^]*启动失败/)
  })
})

describe('two gateways on one PostgreSQL', () => {
  let single: Gateway
  let pair: Gateway
  let admin: string
  let institutions: { id: string; name: string }[]

  beforeAll(async () => {
    const a = new pg.Client({ connectionString: ADMIN_URL })
    await a.connect()
    await a.query(`CREATE DATABASE ${NAME}`)
    await a.end()
    // The lone process first: it migrates and loads the sample; the cluster then finds them there.
    single = await startGateway(env())
    pair = await startGateway(env({ GATEWAY_PROCESSES: '2' }))
    // /healthz answers as soon as the first worker listens; the primary says when the second one does too.
    await logSays(pair, /阳光校培已启动/)
    admin = signToken(SECRET, (await query<{ id: string }>(`SELECT id FROM accounts WHERE dev_account = 'admin'`))[0].id, 24)
    institutions = await query(`SELECT id, name FROM institutions WHERE status = 'approved' ORDER BY id LIMIT 4`)
  })

  afterAll(async () => {
    await single?.stop()
    await pair?.stop()
    const a = new pg.Client({ connectionString: ADMIN_URL })
    await a.connect()
    await a.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`)
    await a.end()
  })

  const search = async (port: number, name: string) => {
    const r = await call(port, 'institutions', { action: 'search', q: name })
    return (r.json.data.items as { name: string; status: string }[]).find((i) => i.name === name)?.status
  }
  const suspend = (port: number, id: string, k: number) =>
    call(
      port,
      'staff',
      {
      action: 'setInstitutionStatus',
      institutionId: id,
      status: 'suspended',
      reason: '经检查存在超时培训问题，责令整改。',
        notice: { title: `关于机构状态变更的公告（双网关测试${k}）`, date: '2026-11-29', issuer: '厦门市文化和旅游局' },
      },
      admin,
    )

  /** Searches through `port` on new connections until `times` answers in a row say `status`; the time it took. */
  async function visibleAfter(port: number, name: string, status: string, times: number): Promise<number> {
    const t0 = Date.now()
    let inARow = 0
    while (Date.now() - t0 < 5000) {
      inARow = (await search(port, name)) === status ? inARow + 1 : 0
      if (inARow === times) return Date.now() - t0
      await sleep(50)
    }
    return Infinity
  }

  it('starts the cluster with two workers, the once-only work done by one of them', async () => {
    expect(pair.log()).toMatch(/阳光校培已启动：http:\/\/127\.0\.0\.1:\d+ .*2 个网关进程/)
    expect(childrenOf(pair.pid)).toHaveLength(2)
    // The calendar is loaded (and logged) by the first worker only; the lone process logged its own.
    expect(pair.log().match(/办理时限日历/g)).toHaveLength(1)
    expect(single.log().match(/已载入示例数据/g)).toHaveLength(1)
    expect(pair.log()).not.toMatch(/已载入示例数据/)
  })

  it('a status change through one gateway is what search answers through the other within 2 s, both ways', async () => {
    const [one, two] = institutions
    expect(await search(pair.port, one.name)).toBe('approved')
    expect(await search(single.port, two.name)).toBe('approved')

    const w1 = await suspend(single.port, one.id, 1)
    expect(w1.json.data.institution.status).toBe('suspended')
    // Four answers in a row on fresh connections: the cluster deals connections out in turn, so both workers answered.
    expect(await visibleAfter(pair.port, one.name, 'suspended', 4)).toBeLessThan(2000)

    const w2 = await suspend(pair.port, two.id, 2)
    expect(w2.json.data.institution.status).toBe('suspended')
    expect(await visibleAfter(single.port, two.name, 'suspended', 1)).toBeLessThan(2000)
  })

  it('a daily limit of 10 holds across the processes: 40 parallel submits, half through each gateway, 10 accepted', async () => {
    const [citizen] = await query<{ id: string }>(`INSERT INTO accounts (openid, role, name) VALUES ('gw2-citizen', 'citizen', '微信用户') RETURNING id`)
    const token = signToken(SECRET, citizen.id, 24)
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, k) =>
        call(k % 2 ? pair.port : single.port, 'complaints', {
          action: 'submit',
          requestId: `gw2-${k}-${crypto.randomBytes(6).toString('hex')}`,
          category: 'late_hours',
          institutionId: institutions[2].id,
          description: `双网关限额测试第${k}号：晚上九点半仍在上课。`,
          happenedOn: '2026-11-20',
          contact: { anonymous: true },
        }, token),
      ),
    )
    const accepted = answers.filter((a) => a.json?.data?.ticketNo)
    const refused = answers.filter((a) => a.status === 429 && a.json.error.code === 'rate_limited')
    expect({ accepted: accepted.length, refused: refused.length }).toEqual({ accepted: 10, refused: 30 })
    const [{ n }] = await query<{ n: string }>(`SELECT count(*) AS n FROM complaints WHERE account_id = $1`, [citizen.id])
    expect(Number(n)).toBe(10)
  })

  it('replaces a worker that dies, keeps serving, and stops every worker on SIGTERM', async () => {
    const before = childrenOf(pair.pid)
    process.kill(before[0], 'SIGKILL')
    await logSays(pair, /已接替/)
    expect(pair.log()).toMatch(new RegExp(`网关进程 ${before[0]} 已退出（信号 SIGKILL）`))
    expect(pair.log()).toMatch(/网关进程 \d+ 已接替/)
    const after = childrenOf(pair.pid)
    expect(after).toHaveLength(2)
    expect(after).not.toContain(before[0])
    for (let k = 0; k < 4; k++) expect((await get(pair.port, '/healthz')).status).toBe(200)

    await pair.stop()
    expect(after.filter(alive)).toEqual([])
  })
})
