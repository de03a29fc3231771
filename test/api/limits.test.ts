// Per-account daily limits hold exactly when a hundred requests arrive at once, on PGlite (one connection) and on
// PostgreSQL (a pool, where a count-then-insert check lets parallel requests through).
import crypto from 'node:crypto'
import zlib from 'node:zlib'
import { DB_KINDS } from '../support/databases'
import { MATRIX, openApi, type ApiClient } from '../support/harness'
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat'

const PARALLEL = 100

const report = (requestId: string) => ({
  action: 'submit',
  requestId,
  category: 'safety',
  place: { name: '无证美术工作室', address: '思明区湖滨南路100号', district: 'siming' },
  description: '消防通道被杂物堵住了，很危险。',
  happenedOn: '2026-11-20',
  contact: { anonymous: true },
})

/** A real 1×1 PNG whose pixel varies with `k`, so every upload is a different file. */
function png(k = 0): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type), data])))
    return Buffer.concat([len, Buffer.from(type), data, crc])
  }
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
  const idat = zlib.deflateSync(Buffer.from([0, k & 255, (k >> 8) & 255, 0]))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))])
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {})

describe.each(MATRIX)('the daily report limit on %s through %s', (kind, via) => {
  let api: ApiClient
  beforeAll(async () => {
    api = await openApi(kind, via, { sample: false, config: { COMPLAINT_DAILY_LIMIT: '10' } })
  })
  afterAll(async () => api?.close())

  const ticketsOf = async (token: string) => {
    const id = ((await api.call('auth', { action: 'me' }, token)).body as any).data.id
    return Number((await api.env.db.selectFrom('complaints').select((eb) => eb.fn.countAll().as('n')).where('account_id', '=', id).executeTakeFirstOrThrow()).n)
  }

  it('when 100 different reports arrive at once, then exactly 10 become tickets and 90 are rate_limited', async () => {
    const token = await api.login('citizen')
    const run = crypto.randomBytes(4).toString('hex')
    const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, k) => api.call('complaints', report(`par-${run}-${k}`), token)))
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: 10, 429: 90 })
    for (const a of answers.filter((x) => x.status === 429)) expect(!a.body.ok && a.body.error.message).toMatch(/今天的举报已达 10 件上限/)
    expect(await ticketsOf(token)).toBe(10)

    // An acknowledged report sent again still answers with its ticket; a new one is still refused.
    const first = answers.findIndex((a) => a.status === 200)
    const again = await api.call('complaints', report(`par-${run}-${first}`), token)
    expect(again.status).toBe(200)
    expect((again.body as any).data.ticketNo).toBe((answers[first].body as any).data.ticketNo)
    expect((await api.call('complaints', report(`par-${run}-new`), token)).status).toBe(429)
  })

  it('when the same few reports are each sent twenty times at once, then each gets one ticket and the repeats do not use up the limit', async () => {
    const token = await api.login('citizen2')
    const run = crypto.randomBytes(4).toString('hex')
    const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, k) => api.call('complaints', report(`rep-${run}-${k % 5}`), token)))
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: 100 })
    for (let r = 0; r < 5; r++) {
      const tickets = new Set(answers.filter((_, k) => k % 5 === r).map((a) => (a.body as any).data.ticketNo))
      expect(tickets.size).toBe(1)
    }
    expect(await ticketsOf(token)).toBe(5)
    // Five of ten used: five more new reports pass, the sixth does not.
    const more = await Promise.all(Array.from({ length: 6 }, (_, k) => api.call('complaints', report(`more-${run}-${k}`), token)))
    expect(tally(more.map((a) => a.status))).toEqual({ 200: 5, 429: 1 })
    expect(await ticketsOf(token)).toBe(10)
  })
})

describe.each(DB_KINDS)('the daily upload limit on %s (POST /files)', (kind) => {
  let api: ApiClient
  beforeAll(async () => {
    api = await openApi(kind, 'gateway', { sample: false, config: { UPLOAD_DAILY_LIMIT: '50' } })
  })
  afterAll(async () => api?.close())

  const upload = async (token: string, bytes: Buffer, name = 'a.png', type = 'image/png') => {
    const form = new FormData()
    form.append('file', new Blob([bytes], { type }), name)
    const res = await fetch(`${api.url}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
    return { status: res.status, body: (await res.json()) as any }
  }
  const filesOf = async (token: string) => {
    const id = ((await api.call('auth', { action: 'me' }, token)).body as any).data.id
    return Number((await api.env.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).where('owner_account_id', '=', id).executeTakeFirstOrThrow()).n)
  }

  it('when 100 photos are uploaded at once, then exactly 50 are stored and 50 are rate_limited', async () => {
    const token = await api.login('citizen')
    const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, k) => upload(token, png(k))))
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: 50, 429: 50 })
    for (const a of answers.filter((x) => x.status === 429)) expect(a.body.error.message).toMatch(/今天上传的证据已达 50 个上限/)
    expect(await filesOf(token)).toBe(50)
    expect((await upload(token, png(1000))).status).toBe(429)
  })

  it('when uploads are refused for what they are, then they do not use up the limit', async () => {
    const token = await api.login('citizen2')
    const bad = await Promise.all(Array.from({ length: 40 }, () => upload(token, Buffer.from('<html>not a photo</html>'), 'a.jpg', 'image/jpeg')))
    expect(tally(bad.map((a) => a.status))).toEqual({ 415: 40 })
    const good = await Promise.all(Array.from({ length: 60 }, (_, k) => upload(token, png(2000 + k))))
    expect(tally(good.map((a) => a.status))).toEqual({ 200: 50, 429: 10 })
    expect(await filesOf(token)).toBe(50)
  })
})

describe.each(DB_KINDS)('the daily upload limit on %s (files.register)', (kind) => {
  let wx: FakeWechat
  let api: ApiClient
  beforeAll(async () => {
    wx = await startFakeWechat()
    api = await openApi(kind, 'main', { sample: false, config: { UPLOAD_DAILY_LIMIT: '50', WX_APPID: wx.appId, WX_SECRET: wx.secret, WX_API_BASE: wx.url, WX_CLOUD_ENV: wx.cloudEnv } })
  })
  afterAll(async () => {
    await api?.close()
    await wx?.close()
  })

  it('when 100 photos from cloud storage are registered at once, then exactly 50 are stored', async () => {
    const token = await api.login('citizen')
    const ids = Array.from({ length: PARALLEL }, (_, k) => {
      const fileId = wx.cloudFileId(`evidence/${crypto.randomBytes(12).toString('hex')}.png`)
      wx.cloudFiles.set(fileId, png(3000 + k))
      return fileId
    })
    const answers = await Promise.all(ids.map((fileId) => api.call('files', { action: 'register', fileId }, token)))
    expect(tally(answers.map((a) => a.status))).toEqual({ 200: 50, 429: 50 })
    const rows = await api.env.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    expect(Number(rows.n)).toBe(50)
  })
})
