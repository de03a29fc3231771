import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import zlib from 'node:zlib'
import { DB_KINDS } from '../support/databases'
import { openApi, type ApiClient } from '../support/harness'
import { sniffMime } from '../../src/domain/media'
import { chromiumJpeg, jpegSegments, jpegWithGps } from '../fixtures/media/build'
import { APPLE_LOCATION, GPS_TEXT, XMP_MARK, mp4 } from '../fixtures/media/mp4'

/** A real 1×1 PNG. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32 ? zlib.crc32(Buffer.concat([Buffer.from(type), data])) : crc32(Buffer.concat([Buffer.from(type), data])))
    return Buffer.concat([len, Buffer.from(type), data, crc])
  }
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])
  const idat = zlib.deflateSync(Buffer.from([0, 255, 0, 0]))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))])
}

function crc32(buf: Buffer): number {
  let c = ~0
  for (const b of buf) {
    c ^= b
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
  }
  return ~c >>> 0
}

describe.each(DB_KINDS)('evidence upload (POST /files) on %s', (kind) => {
  let api: ApiClient
  let token: string
  beforeAll(async () => {
    api = await openApi(kind, 'gateway', { sample: false })
    token = await api.login('citizen')
  })
  afterAll(async () => api?.close())

  async function upload(bytes: Buffer, name: string, type: string, auth: string | null = token) {
    const form = new FormData()
    form.append('file', new Blob([bytes], { type }), name)
    const res = await fetch(`${api.url}/files`, { method: 'POST', body: form, headers: auth ? { authorization: `Bearer ${auth}` } : {} })
    return { status: res.status, body: (await res.json()) as any }
  }

  it('when a PNG is sent named .jpg as image/jpeg, then it is stored as PNG, by its hash, and the hash is answered', async () => {
    const bytes = png()
    const { status, body } = await upload(bytes, 'photo.jpg', 'image/jpeg')
    expect(status).toBe(200)
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex')
    expect(body.data).toMatchObject({ sha256, size: bytes.length, mime: 'image/png' })
    expect(fs.readFileSync(path.join(api.filesDir!, sha256.slice(0, 2), sha256))).toEqual(bytes)
  })

  it('when the same bytes are uploaded twice, then two uploads are recorded and the bytes are stored once', async () => {
    const bytes = png()
    const a = await upload(bytes, 'a.png', 'image/png')
    const b = await upload(bytes, 'b.png', 'image/png')
    expect(a.body.data.fileId).not.toBe(b.body.data.fileId)
    expect(fs.readdirSync(path.join(api.filesDir!, a.body.data.sha256.slice(0, 2))).filter((f) => f === a.body.data.sha256)).toHaveLength(1)
  })

  it('when an HTML file is named .jpg, then it is unsupported_media and nothing is stored', async () => {
    const before = fs.readdirSync(api.filesDir!).length
    const { status, body } = await upload(Buffer.from('<html><script>alert(1)</script></html>'), 'x.jpg', 'image/jpeg')
    expect(status).toBe(415)
    expect(body.error.code).toBe('unsupported_media')
    expect(body.error.message).toMatch(/JPEG、PNG、WebP/)
    expect(fs.readdirSync(api.filesDir!).length).toBe(before)
    expect(fs.readdirSync(path.join(api.filesDir!, 'tmp'))).toEqual([])
  })

  const stored = (sha256: string) => fs.readFileSync(path.join(api.filesDir!, sha256.slice(0, 2), sha256))
  const storedObjects = () => fs.readdirSync(api.filesDir!).filter((d) => d !== 'tmp').flatMap((d) => fs.readdirSync(path.join(api.filesDir!, d)))
  const fileRows = async () => Number((await api.env.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)

  it('when a JPEG with GPS Exif is uploaded, then what is stored has no Exif or GPS, is still a JPEG, and the answered sha256 and size are those of the stored bytes', async () => {
    const photo = jpegWithGps()
    expect(photo.includes('GPS')).toBe(true)
    const { status, body } = await upload(photo, 'IMG_20240501.jpg', 'image/jpeg')
    expect(status).toBe(200)
    expect(body.data.mime).toBe('image/jpeg')
    expect(body.data.sha256).not.toBe(crypto.createHash('sha256').update(photo).digest('hex'))

    const bytes = stored(body.data.sha256)
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(body.data.sha256)
    expect(body.data.size).toBe(bytes.length)
    for (const leak of ['Exif\0\0', 'GPS', 'http://ns.adobe.com/xap', '张三']) expect(bytes.includes(leak)).toBe(false)
    expect(jpegSegments(bytes).segments.some((s) => s.marker === 0xe1 || s.marker === 0xfe)).toBe(false)
    expect(sniffMime(bytes)).toBe('image/jpeg')
    expect(bytes).toEqual(chromiumJpeg())

    const row = await api.env.db.selectFrom('files').select(['sha256', 'size']).where('id', '=', body.data.fileId).executeTakeFirstOrThrow()
    expect({ sha256: row.sha256, size: Number(row.size) }).toEqual({ sha256: body.data.sha256, size: bytes.length })
    expect(fs.readdirSync(path.join(api.filesDir!, 'tmp'))).toEqual([])
  })

  it('when a JPEG is corrupt (a valid SOI, then garbage), then it is unsupported_media in Chinese and nothing is stored', async () => {
    const objects = storedObjects()
    const rows = await fileRows()
    const corrupt = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('这不是一张图片'.repeat(100))])
    const { status, body } = await upload(corrupt, 'broken.jpg', 'image/jpeg')
    expect(status).toBe(415)
    expect(body.error.code).toBe('unsupported_media')
    expect(body.error.message).toBe('图片文件已损坏或格式不正确')
    expect(body.error.fields).toHaveProperty('file')
    expect(storedObjects()).toEqual(objects)
    expect(await fileRows()).toBe(rows)
    expect(fs.readdirSync(path.join(api.filesDir!, 'tmp'))).toEqual([])
  })

  it('when a phone video with a GPS position is uploaded, then the stored MP4 has no position and its hash is the answered one', async () => {
    const video = mp4({ seconds: 30, moovLast: true })
    const { status, body } = await upload(video, 'VID_20261128.mp4', 'video/mp4')
    expect(status).toBe(200)
    expect(body.data).toMatchObject({ mime: 'video/mp4', size: video.length })
    const bytes = stored(body.data.sha256)
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(body.data.sha256)
    for (const leak of [GPS_TEXT, APPLE_LOCATION, XMP_MARK]) expect(bytes.includes(leak)).toBe(false)
  })

  it('when a video runs 75 seconds, then it is refused with the limit named and nothing is stored', async () => {
    const objects = storedObjects()
    const rows = await fileRows()
    const { status, body } = await upload(mp4({ seconds: 75 }), 'long.mp4', 'video/mp4')
    expect(status).toBe(400)
    expect(body.error.code).toBe('invalid_input')
    expect(body.error.message).toMatch(/视频不能超过 60 秒（这段约 75 秒）/)
    expect(storedObjects()).toEqual(objects)
    expect(await fileRows()).toBe(rows)
    expect(fs.readdirSync(path.join(api.filesDir!, 'tmp'))).toEqual([])
  })

  it('when an MP4 is cut off, then it is unsupported_media and nothing is stored', async () => {
    const rows = await fileRows()
    const { status, body } = await upload(mp4().subarray(0, 300), 'cut.mp4', 'video/mp4')
    expect(status).toBe(415)
    expect(body.error.message).toBe('视频文件已损坏或格式不正确')
    expect(await fileRows()).toBe(rows)
  })

  it('when an image is 11 MB, then it is payload_too_large', async () => {
    const big = Buffer.alloc(11 * 1024 * 1024)
    big.set([0xff, 0xd8, 0xff, 0xe0])
    const { status, body } = await upload(big, 'big.jpg', 'image/jpeg')
    expect(status).toBe(413)
    expect(body.error.message).toBe('图片不能超过 10 MB')
  })

  it('when nobody is logged in, then the upload is refused before anything is read', async () => {
    const { status } = await upload(png(), 'a.png', 'image/png', null)
    expect(status).toBe(401)
  })

  it('when the form has no file field, then it says so', async () => {
    const form = new FormData()
    form.append('other', 'x')
    const res = await fetch(`${api.url}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
    expect(res.status).toBe(400)
    expect(((await res.json()) as any).error.fields).toHaveProperty('file')
  })
})

describe('the daily upload limit', () => {
  it('when a citizen passes it, then rate_limited says so in Chinese and nothing is stored', async () => {
    const api = await openApi('pglite', 'gateway', { sample: false, config: { UPLOAD_DAILY_LIMIT: '2' } })
    try {
      const token = await api.login('citizen')
      const send = async () => {
        const form = new FormData()
        form.append('file', new Blob([png()], { type: 'image/png' }), 'a.png')
        const res = await fetch(`${api.url}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
        return { status: res.status, body: (await res.json()) as any }
      }
      expect((await send()).status).toBe(200)
      expect((await send()).status).toBe(200)
      const third = await send()
      expect(third.status).toBe(429)
      expect(third.body.error.message).toMatch(/上限/)
      const rows = await api.env.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      expect(Number(rows.n)).toBe(2)
    } finally {
      await api.close()
    }
  })
})
