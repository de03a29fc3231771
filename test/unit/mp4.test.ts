import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MalformedVideoError, scrubMp4 } from '../../cloud/platform/media/mp4'
import { APPLE_LOCATION, GPS_TEXT, XMP_MARK, box, mp4 } from '../fixtures/media/mp4'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-mp4-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
let n = 0
const onDisk = (bytes: Buffer) => {
  const file = path.join(dir, `v${++n}.mp4`)
  fs.writeFileSync(file, bytes)
  return file
}

describe('scrubbing an MP4', () => {
  it.each([
    ['moov first', { moovLast: false }],
    ['moov after mdat', { moovLast: true }],
  ])('when a phone video (%s) carries a GPS position, then every trace is gone, the size is the same and the duration is read', async (_label, opts) => {
    const bytes = mp4({ seconds: 42.5, ...opts })
    for (const leak of [GPS_TEXT, APPLE_LOCATION, XMP_MARK, '张三']) expect(bytes.includes(leak)).toBe(true)
    const file = onDisk(bytes)
    const facts = await scrubMp4(file)
    const after = fs.readFileSync(file)
    expect(facts.durationSeconds).toBeCloseTo(42.5)
    expect(facts.scrubbed).toBe(4)
    expect(after.length).toBe(bytes.length)
    for (const leak of [GPS_TEXT, APPLE_LOCATION, XMP_MARK, '张三', '\xa9xyz']) expect(after.includes(Buffer.from(leak, leak === '\xa9xyz' ? 'latin1' : 'utf8'))).toBe(false)
    // The media data is untouched.
    expect(after.includes(Buffer.alloc(4096, 0x42))).toBe(true)
  })

  it('when the movie header is version 1 (64-bit times), then the duration is still read', async () => {
    expect((await scrubMp4(onDisk(mp4({ seconds: 75, mvhdVersion: 1 })))).durationSeconds).toBeCloseTo(75)
  })

  it('when the last box is an XMP uuid box whose size field is 0 (runs to the end of the file), then it is blanked to the end', async () => {
    const xmp = box('uuid', Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex'), Buffer.from(`<x:xmpmeta>${XMP_MARK} 厦门</x:xmpmeta>`))
    xmp.writeUInt32BE(0, 0)
    const bytes = Buffer.concat([mp4({ gps: false }), xmp])
    const file = onDisk(bytes)
    expect((await scrubMp4(file)).scrubbed).toBe(1)
    const after = fs.readFileSync(file)
    expect(after.length).toBe(bytes.length)
    expect(after.includes(XMP_MARK)).toBe(false)
  })

  it('when a video has no metadata, then the file is left byte-identical', async () => {
    const bytes = mp4({ gps: false })
    const file = onDisk(bytes)
    expect((await scrubMp4(file)).scrubbed).toBe(0)
    expect(fs.readFileSync(file).equals(bytes)).toBe(true)
  })

  it.each([
    ['a box that runs past the end of the file', () => mp4().subarray(0, 200)],
    ['no moov box', () => Buffer.concat([box('ftyp', Buffer.from('isom\0\0\0\0isom')), box('mdat', Buffer.alloc(64))])],
    ['an HTML page behind an ftyp header', () => Buffer.concat([box('ftyp', Buffer.from('isom\0\0\0\0isom')), Buffer.from('<html><script>alert(1)</script></html>')])],
  ])('when a file has %s, then it is refused as malformed', async (_label, make) => {
    await expect(scrubMp4(onDisk(make()))).rejects.toBeInstanceOf(MalformedVideoError)
  })
})

describe('scrubbing MP4s written by a real encoder (ffmpeg/libx264, see test/fixtures/media/README.md)', () => {
  it.each([
    ['phone-75s.mp4', 75],
    ['phone-20s.mp4', 20],
  ])('when %s is scrubbed, then its duration is read and its 3GPP location box is gone', async (name, seconds) => {
    const original = fs.readFileSync(path.join(__dirname, '../fixtures/media', name))
    expect(original.includes('loci')).toBe(true)
    const file = onDisk(original)
    const facts = await scrubMp4(file)
    expect(facts.durationSeconds).toBeCloseTo(seconds, 1)
    const after = fs.readFileSync(file)
    expect(after.includes('loci')).toBe(false)
    expect(after.includes('Lavf')).toBe(false)
    expect(after.length).toBe(original.length)
  })
})
