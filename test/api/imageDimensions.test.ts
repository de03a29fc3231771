// A picture declaring more pixels than a phone can safely decode is refused with its size named, on both ways in
// (POST /files and files.register), before anything is stored; a picture within the limits passes.
import crypto from 'node:crypto'
import { DB_KINDS } from '../support/databases'
import { openApi, type ApiClient } from '../support/harness'
import { startFakeWechat, type FakeWechat } from '../support/fakeWechat'
import { jpegDeclaring, losslessWebpDeclaring, pngDeclaring, simpleWebpDeclaring, webpDeclaring } from '../fixtures/media/declared'

const HUGE: [string, () => Buffer, string, string][] = [
  ['a PNG of 50000×50000', () => pngDeclaring(50_000, 50_000), 'png', '50000×50000'],
  ['a JPEG of 12000×800', () => jpegDeclaring(12_000, 800), 'jpg', '12000×800'],
  ['a JPEG of 8000×6000 (48 megapixels)', () => jpegDeclaring(8000, 6000), 'jpg', '8000×6000'],
  ['an extended WebP of 20000×20000', () => webpDeclaring(20_000, 20_000), 'webp', '20000×20000'],
  ['a lossy WebP of 16383×16383', () => simpleWebpDeclaring(16_383, 16_383), 'webp', '16383×16383'],
  ['a lossless WebP of 16384×4000', () => losslessWebpDeclaring(16_384, 4000), 'webp', '16384×4000'],
]

const count = async (api: ApiClient) => Number((await api.env.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

describe.each(DB_KINDS)('image dimensions through POST /files on %s', (kind) => {
  let api: ApiClient
  let token: string
  beforeAll(async () => {
    api = await openApi(kind, 'gateway', { sample: false })
    token = await api.login('citizen')
  })
  afterAll(async () => api?.close())

  const upload = async (bytes: Buffer, ext: string) => {
    const form = new FormData()
    form.append('file', new Blob([bytes]), `photo.${ext}`)
    const res = await fetch(`${api.url}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
    return { status: res.status, body: (await res.json()) as any }
  }

  it.each(HUGE)('when %s is uploaded, then it is refused naming its size and nothing is stored', async (_label, make, ext, size) => {
    const before = await count(api)
    const { status, body } = await upload(make(), ext)
    expect(status).toBe(400)
    expect(body.error.code).toBe('invalid_input')
    expect(body.error.message).toMatch(new RegExp(`^图片尺寸过大（${size}），请截图或压缩后再上传`))
    expect(body.error.fields.file).toBe(body.error.message)
    expect(await count(api)).toBe(before)
  })

  it('when a photo of 4000×3000 is uploaded, then it is stored', async () => {
    const { status, body } = await upload(jpegDeclaring(4000, 3000), 'jpg')
    expect(status).toBe(200)
    expect(body.data.mime).toBe('image/jpeg')
  })
})

describe.each(DB_KINDS)('image dimensions through files.register on %s', (kind) => {
  let wx: FakeWechat
  let api: ApiClient
  let token: string
  beforeAll(async () => {
    wx = await startFakeWechat()
    api = await openApi(kind, 'main', { sample: false, config: { WX_APPID: wx.appId, WX_SECRET: wx.secret, WX_API_BASE: wx.url, WX_CLOUD_ENV: wx.cloudEnv } })
    token = await api.login('citizen')
  })
  afterAll(async () => {
    await api?.close()
    await wx?.close()
  })

  it.each(HUGE)('when %s is registered, then it is refused naming its size, nothing is stored and the cloud copy is deleted', async (_label, make, ext, size) => {
    const fileId = wx.cloudFileId(`evidence/${crypto.randomBytes(12).toString('hex')}.${ext}`)
    wx.cloudFiles.set(fileId, make())
    const before = await count(api)
    const r = await api.call('files', { action: 'register', fileId }, token)
    expect(r.status).toBe(400)
    expect(!r.body.ok && r.body.error.message).toMatch(new RegExp(`^图片尺寸过大（${size}）`))
    expect(await count(api)).toBe(before)
    expect(wx.cloudFiles.has(fileId)).toBe(false)
  })
})
