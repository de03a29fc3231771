// Evidence belongs to a ticket: only its reporter and the handling department get links, links expire, and a
// file uploaded by one citizen cannot be attached by another.
import zlib from 'node:zlib'
import { checkFileLink, fileLink } from '../../cloud/platform/fileLinks'
import { DB_KINDS } from '../support/databases'
import { openApi, TEST_SECRET, type ApiClient } from '../support/harness'

function png(): Buffer {
  const crc = (b: Buffer) => {
    let c = ~0
    for (const x of b) {
      c ^= x
      for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1
    }
    return ~c >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const c = Buffer.alloc(4)
    c.writeUInt32BE(crc(Buffer.concat([Buffer.from(type), data])))
    return Buffer.concat([len, Buffer.from(type), data, c])
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 0, 128, 255]))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

describe.each(DB_KINDS)('evidence links on %s', (kind) => {
  let api: ApiClient
  beforeAll(async () => {
    api = await openApi(kind, 'gateway')
  })
  afterAll(async () => api?.close())

  const upload = async (token: string) => {
    const form = new FormData()
    form.append('file', new Blob([png()], { type: 'image/png' }), 'evidence.png')
    const r = await fetch(`${api.url}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
    return ((await r.json()) as any).data
  }

  it('when a report carries a photo, then its reporter gets a link that serves it, and a tampered link is refused', async () => {
    const citizen = await api.login('citizen')
    const file = await upload(citizen)
    const inst = ((await api.call('institutions', { action: 'search', q: '马术' })).body as any).data.items[0].id
    const receipt = (
      (await api.call('complaints', { action: 'submit', requestId: `ev-${kind}-1-abcdef`, category: 'safety', institutionId: inst, description: '二楼安全出口被锁住，走廊堆满杂物。', happenedOn: '2026-11-21', evidence: [file.fileId], contact: { anonymous: true } }, citizen)).body as any
    ).data
    const view = ((await api.call('complaints', { action: 'get', ticketNo: receipt.ticketNo }, citizen)).body as any).data
    expect(view.evidence).toHaveLength(1)
    expect(view.evidence[0]).toMatchObject({ fileId: file.fileId, sha256: file.sha256, mime: 'image/png' })
    const ok = await fetch(`${api.url}${view.evidence[0].url}`)
    expect(ok.status).toBe(200)
    expect(ok.headers.get('cache-control')).toContain('no-store')
    expect(Buffer.from(await ok.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG')
    // A changed first character of the signature (one in 64 signatures already starts with A).
    const tampered = view.evidence[0].url.replace(/sig=(.)/, (_: string, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`)
    expect((await fetch(`${api.url}${tampered}`)).status).toBe(403)
    expect((await fetch(`${api.url}/files/${file.fileId}`)).status).toBe(403)
  })

  it('when another citizen tries to attach someone else’s upload, then it is refused', async () => {
    const file = await upload(await api.login('citizen'))
    const other = await api.login('citizen2')
    const inst = ((await api.call('institutions', { action: 'search', q: '马术' })).body as any).data.items[0].id
    const r = await api.call('complaints', { action: 'submit', requestId: `ev-${kind}-2-abcdef`, category: 'safety', institutionId: inst, description: '二楼安全出口被锁住，走廊堆满杂物。', happenedOn: '2026-11-21', evidence: [file.fileId], contact: { anonymous: true } }, other)
    expect(r.status).toBe(400)
    expect(!r.body.ok && r.body.error.fields).toHaveProperty('evidence')
  })
})

describe('file links', () => {
  it('when a link is older than its lifetime, then it is expired; when it names another file, then it is invalid', () => {
    const link = new URL(fileLink(TEST_SECRET, 'f-1', 0), 'http://x')
    const [exp, sig] = [link.searchParams.get('exp'), link.searchParams.get('sig')]
    expect(checkFileLink(TEST_SECRET, 'f-1', exp, sig, 0)).toBe('ok')
    expect(checkFileLink(TEST_SECRET, 'f-1', exp, sig, 16 * 60_000)).toBe('expired')
    expect(checkFileLink(TEST_SECRET, 'f-2', exp, sig, 0)).toBe('invalid')
  })
})
