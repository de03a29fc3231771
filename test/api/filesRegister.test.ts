// files.register: evidence the mini-program uploaded with wx.cloud.uploadFile, fetched from (fake) WeChat cloud
// storage, held to the same rules as POST /files, stored cleaned, and the original deleted from cloud storage.
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import { MATRIX, openApi, type ApiClient } from '../support/harness'
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat'
import { chromiumJpeg, jpegWithGps } from '../fixtures/media/build'
import { GPS_TEXT, mp4 } from '../fixtures/media/mp4'

describe.each(MATRIX)('files.register on %s through %s', (kind, via) => {
  let wx: FakeWechat
  let api: ApiClient
  let citizen: string
  beforeAll(async () => {
    wx = await startFakeWechat()
    api = await openApi(kind, via, { sample: false, config: { WX_APPID: wx.appId, WX_SECRET: wx.secret, WX_API_BASE: wx.url, WX_CLOUD_ENV: wx.cloudEnv } })
    citizen = await api.login('citizen')
  })
  afterAll(async () => {
    await api?.close()
    await wx?.close()
  })

  /** What wx.cloud.uploadFile does on the phone: the bytes land in cloud storage under a random name. */
  const putInCloud = (bytes: Buffer, ext: string) => {
    const fileId = wx.cloudFileId(`evidence/${crypto.randomBytes(12).toString('hex')}.${ext}`)
    wx.cloudFiles.set(fileId, bytes)
    return fileId
  }
  const register = (fileId: unknown, as: string | null = citizen) => api.call('files', { action: 'register', fileId }, as ?? undefined)
  const rows = async () => Number((await api.env.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  const stored = (sha256: string) => fs.readFileSync(path.join(api.filesDir!, sha256.slice(0, 2), sha256))

  it('when a photo with GPS is registered, then the stored copy has no Exif, the hash answered is the stored one, and the original is deleted from cloud storage', async () => {
    const fileId = putInCloud(jpegWithGps(), 'jpg')
    const r = await register(fileId)
    expect(r.status).toBe(200)
    const data = (r.body as any).data
    expect(data.mime).toBe('image/jpeg')
    const bytes = stored(data.sha256)
    expect(bytes.includes('GPS')).toBe(false)
    expect(bytes).toEqual(chromiumJpeg())
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(data.sha256)
    expect(wx.cloudFiles.has(fileId)).toBe(false)
    const row = await api.env.db.selectFrom('files').select(['owner_account_id', 'sha256']).where('id', '=', data.fileId).executeTakeFirstOrThrow()
    expect(row.sha256).toBe(data.sha256)
  })

  it('when a video is registered, then its position is gone too; when it runs too long, then it is refused and removed from cloud storage', async () => {
    const ok = await register(putInCloud(mp4({ seconds: 20 }), 'mp4'))
    expect(ok.status).toBe(200)
    expect(stored((ok.body as any).data.sha256).includes(GPS_TEXT)).toBe(false)

    const before = await rows()
    const longOne = putInCloud(mp4({ seconds: 90 }), 'mp4')
    const r = await register(longOne)
    expect(r.status).toBe(400)
    expect(!r.body.ok && r.body.error.message).toMatch(/视频不能超过 60 秒/)
    expect(await rows()).toBe(before)
    expect(wx.cloudFiles.has(longOne)).toBe(false)
  })

  it('when the same fileID is registered twice, then the second is not_found and nothing more is stored', async () => {
    const fileId = putInCloud(jpegWithGps(), 'jpg')
    expect((await register(fileId)).status).toBe(200)
    const before = await rows()
    const again = await register(fileId)
    expect(again.status).toBe(404)
    expect(!again.body.ok && again.body.error.message).toMatch(/云存储中没有这个文件/)
    expect(await rows()).toBe(before)
  })

  it('when an HTML page is uploaded as .jpg, then it is unsupported_media, nothing is stored and the upload is deleted', async () => {
    const before = await rows()
    const fileId = putInCloud(Buffer.from('<html><script>alert(1)</script></html>'), 'jpg')
    const r = await register(fileId)
    expect(r.status).toBe(415)
    expect(!r.body.ok && r.body.error.code).toBe('unsupported_media')
    expect(await rows()).toBe(before)
    expect(wx.cloudFiles.has(fileId)).toBe(false)
    expect(fs.readdirSync(path.join(api.filesDir!, 'tmp'))).toEqual([])
  })

  it('when an image is 11 MB, then it is payload_too_large', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024)
    big.set([0xff, 0xd8, 0xff, 0xe0])
    const r = await register(putInCloud(big, 'jpg'))
    expect(r.status).toBe(413)
    expect(!r.body.ok && r.body.error.message).toBe('图片不能超过 10 MB')
  })

  it.each([
    ['another environment', () => 'cloud://someone-else-9z.7967-x/evidence/0123456789abcdef0123.jpg', /不在本小程序的云存储中/],
    ['a path outside evidence/', () => wx.cloudFileId('avatars/0123456789abcdef0123.jpg'), /云存储文件编号格式不正确/],
    ['a guessable short name', () => wx.cloudFileId('evidence/1.jpg'), /云存储文件编号格式不正确/],
    ['a number', () => 42, /缺少云存储文件编号/],
  ])('when the fileID is %s, then it is invalid_input naming fileId and WeChat is not asked', async (_label, make, message) => {
    const asked = wx.requests.filter((u) => u.pathname === '/tcb/batchdownloadfile').length
    const r = await register(make())
    expect(r.status).toBe(400)
    expect(!r.body.ok && r.body.error.fields?.fileId).toMatch(message)
    expect(wx.requests.filter((u) => u.pathname === '/tcb/batchdownloadfile').length).toBe(asked)
  })

  it('when nobody is logged in, then register is refused and the file stays where it is', async () => {
    const fileId = putInCloud(jpegWithGps(), 'jpg')
    const r = await register(fileId, null)
    expect(r.status).toBe(401)
    expect(wx.cloudFiles.has(fileId)).toBe(true)
  })
})

describe('files.register without cloud storage configured', () => {
  it('when WX_CLOUD_ENV is not set, then it says so in Chinese instead of failing', async () => {
    const api = await openApi('pglite', 'main', { sample: false })
    try {
      const r = await api.call('files', { action: 'register', fileId: 'cloud://x.y/evidence/0123456789abcdef0123.jpg' }, await api.login('citizen'))
      expect(r.status).toBe(503)
      expect(!r.body.ok && r.body.error.code).toBe('unavailable')
      expect(!r.body.ok && r.body.error.message).toBe('未启用云存储上传，请直接上传文件')
    } finally {
      await api.close()
    }
  })
})
