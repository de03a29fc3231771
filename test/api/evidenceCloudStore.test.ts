// EVIDENCE_STORE=wechat, the store for WeChat cloud functions: evidence is kept in (fake) WeChat cloud storage at
// evidence-store/<sha256>, recorded with its fileID, and read only through links from the ticket view that expire.
import fs from 'node:fs'
import crypto from 'node:crypto'
import { MATRIX, openApi, type ApiClient } from '../support/harness'
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat'
import { chromiumJpeg, jpegWithGps } from '../fixtures/media/build'
import { generateSample } from '../../content/sample/generate'

const sample = generateSample()
const target = sample.institutions.find((i) => i.status === 'approved')!

describe.each(MATRIX)('evidence kept in WeChat cloud storage, on %s through %s', (kind, via) => {
  let wx: FakeWechat
  let api: ApiClient
  let citizen: string
  let citizen2: string
  beforeAll(async () => {
    wx = await startFakeWechat()
    api = await openApi(kind, via, { config: { WX_APPID: wx.appId, WX_SECRET: wx.secret, WX_API_BASE: wx.url, WX_CLOUD_ENV: wx.cloudEnv, EVIDENCE_STORE: 'wechat' } })
    citizen = await api.login('citizen')
    citizen2 = await api.login('citizen2')
  })
  afterAll(async () => {
    await api?.close()
    await wx?.close()
  })

  const putInCloud = (bytes: Buffer) => {
    const fileId = wx.cloudFileId(`evidence/${crypto.randomBytes(12).toString('hex')}.jpg`)
    wx.cloudFiles.set(fileId, bytes)
    return fileId
  }
  const rows = async () => Number((await api.env.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

  it('when a photo is registered and reported, then the cleaned copy sits in cloud storage under its hash and the ticket links to it with an expiring link', async () => {
    const r = await api.call('files', { action: 'register', fileId: putInCloud(jpegWithGps()) }, citizen)
    expect(r.status).toBe(200)
    const file = (r.body as any).data
    const storedId = wx.cloudFileId(`evidence-store/${file.sha256.slice(0, 2)}/${file.sha256}`)
    expect(wx.cloudFiles.get(storedId)).toEqual(chromiumJpeg())
    const row = await api.env.db.selectFrom('files').select(['store_ref']).where('id', '=', file.fileId).executeTakeFirstOrThrow()
    expect(row.store_ref).toBe(storedId)
    // Nothing on this machine's disk: a cloud function's disk is not kept.
    expect(fs.readdirSync(api.filesDir!)).toEqual([])

    const instId = ((await api.call('institutions', { action: 'verify', code: target.uscc })).body as any).data.institution.id
    const event = { action: 'submit', requestId: `cloud-store-${kind}-${via}`, category: 'safety', institutionId: instId, description: '消防通道被桌椅堵死，孩子们下课挤在楼梯口。', happenedOn: '2026-11-20', evidence: [file.fileId], contact: { anonymous: true } }
    const ticket = ((await api.call('complaints', event, citizen)).body as any).data
    const view = ((await api.call('complaints', { action: 'get', ticketNo: ticket.ticketNo }, citizen)).body as any).data
    expect(view.evidence).toHaveLength(1)
    expect(view.evidence[0].url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cos\//)
    const fetched = Buffer.from(await (await fetch(view.evidence[0].url)).arrayBuffer())
    expect(crypto.createHash('sha256').update(fetched).digest('hex')).toBe(file.sha256)
    const asked = wx.requests.filter((u) => u.pathname === '/tcb/batchdownloadfile').length
    expect((await api.call('complaints', { action: 'get', ticketNo: ticket.ticketNo }, citizen2)).status).toBe(404)
    // Another citizen gets no link: WeChat was not even asked for one.
    expect(wx.requests.filter((u) => u.pathname === '/tcb/batchdownloadfile').length).toBe(asked)
  })

  it('when cloud storage refuses the upload, then the answer says to retry in Chinese, no file is recorded and the phone’s upload stays for the retry', async () => {
    const before = await rows()
    const fileId = putInCloud(jpegWithGps())
    wx.refuseUploads(true)
    try {
      const r = await api.call('files', { action: 'register', fileId }, citizen)
      expect(r.status).toBe(500)
      expect(!r.body.ok && r.body.error.message).toBe('证据保存暂时失败，请稍后重试')
      expect(await rows()).toBe(before)
      expect(wx.cloudFiles.has(fileId)).toBe(true)
    } finally {
      wx.refuseUploads(false)
    }
    expect((await api.call('files', { action: 'register', fileId }, citizen)).status).toBe(200)
    expect(await rows()).toBe(before + 1)
  })

  if (via === 'gateway') {
    it('when a photo comes through POST /files, then it goes to cloud storage as well', async () => {
      const form = new FormData()
      form.append('file', new Blob([jpegWithGps()], { type: 'image/jpeg' }), 'IMG_1.jpg')
      const res = await fetch(`${api.url}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${citizen}` } })
      expect(res.status).toBe(200)
      const data = ((await res.json()) as any).data
      expect(wx.cloudFiles.get(wx.cloudFileId(`evidence-store/${data.sha256.slice(0, 2)}/${data.sha256}`))).toEqual(chromiumJpeg())
    })
  }
})

describe('EVIDENCE_STORE configuration', () => {
  it('when EVIDENCE_STORE=wechat lacks the WeChat settings, then start-up stops and names them', async () => {
    const { readConfig } = await import('../../cloud/config')
    expect(() => readConfig({ EVIDENCE_STORE: 'wechat', WX_APPID: 'wx1' })).toThrow('EVIDENCE_STORE=wechat needs WX_APPID, WX_SECRET and WX_CLOUD_ENV')
    expect(() => readConfig({ EVIDENCE_STORE: 's3' })).toThrow('EVIDENCE_STORE must be "local" or "wechat", got "s3"')
  })
})
