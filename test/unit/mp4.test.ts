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

  it('when a fragmented video carries a position and XMP in a movie fragment and deep in a track, then both are gone and the fragment still adds up', async () => {
    const xmp = () => box('uuid', Buffer.from('be7acfcb97a942e89c71999491e3afac', 'hex'), Buffer.from(`<x:xmpmeta>${XMP_MARK} 厦门</x:xmpmeta>`))
    const mvhd = Buffer.alloc(100)
    mvhd.writeUInt32BE(1000, 12)
    const mehd = Buffer.alloc(8)
    mehd.writeUInt32BE(30_000, 4)
    const stbl = box('stbl', box('stsd', Buffer.alloc(8)), xmp())
    const moov = box('moov', box('mvhd', mvhd), box('mvex', box('mehd', mehd), box('trex', Buffer.alloc(24))), box('trak', box('tkhd', Buffer.alloc(84)), box('mdia', box('minf', stbl))))
    const gps = box('udta', box('\xa9xyz', Buffer.from([0, GPS_TEXT.length, 0x15, 0xc7]), Buffer.from(GPS_TEXT, 'latin1')))
    const moof = box('moof', box('mfhd', Buffer.alloc(8)), box('traf', box('tfhd', Buffer.alloc(8)), box('trun', Buffer.alloc(12)), gps, xmp()))
    const bytes = Buffer.concat([box('ftyp', Buffer.from('iso5\0\0\0\0iso5dash', 'latin1')), moov, moof, box('mdat', Buffer.alloc(512, 0x42))])
    const file = onDisk(bytes)
    const facts = await scrubMp4(file)
    expect(facts).toEqual({ durationSeconds: 30, scrubbed: 3 })
    const after = fs.readFileSync(file)
    for (const leak of [GPS_TEXT, XMP_MARK]) expect(after.includes(leak)).toBe(false)
    expect(after.length).toBe(bytes.length)
    expect(tree(after)).toContain('moof/traf/free')
    expect(tree(after)).toContain('moov/trak/mdia/minf/stbl/free')
  })

  it('when boxes are nested far deeper than any video needs, then the file is refused as malformed', async () => {
    let nested = box('udta', Buffer.from(GPS_TEXT))
    for (let k = 0; k < 40; k++) nested = box('trak', nested)
    const bytes = Buffer.concat([box('ftyp', Buffer.from('isom\0\0\0\0isom')), box('moov', box('mvhd', Buffer.alloc(100)), nested)])
    await expect(scrubMp4(onDisk(bytes))).rejects.toBeInstanceOf(MalformedVideoError)
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

  it('when location sits deep in the track (moov/trak/mdia/udta/©xyz, moov/trak/mdia/minf/meta), then it is gone and the rest is byte-identical', async () => {
    const original = fs.readFileSync(path.join(__dirname, '../fixtures/media/encoder-nested-location.mp4'))
    const before = tree(original)
    expect(before).toEqual(expect.arrayContaining(['moov/trak/mdia/udta/\xa9xyz', 'moov/trak/mdia/minf/meta', 'moov/udta/meta']))
    for (const leak of [GPS_TEXT, APPLE_LOCATION]) expect(original.includes(leak)).toBe(true)
    const file = onDisk(original)
    const facts = await scrubMp4(file)
    expect(facts.durationSeconds).toBeCloseTo(2, 1)
    expect(facts.scrubbed).toBe(3)
    const after = fs.readFileSync(file)
    for (const leak of [GPS_TEXT, APPLE_LOCATION, 'com.apple.quicktime.location', 'Lavf']) expect(after.includes(leak)).toBe(false)
    // Same boxes at the same offsets, the metadata ones renamed free; the samples and their tables untouched.
    expect(after.length).toBe(original.length)
    const blankedWithin = /\/(udta|meta)\//
    expect(tree(after)).toEqual(before.filter((p) => !blankedWithin.test(p)).map((p) => p.replace(/(udta|meta)$/, 'free')))
    for (const type of ['mdat', 'stbl', 'tkhd', 'mdhd']) expect(boxBytes(after, type)).toEqual(boxBytes(original, type))
  })
})

const WALKED = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'udta', 'mvex', 'moof', 'traf'])

/** Every box's path, in file order, walking the usual containers (and udta); checks that sizes add up on the way. */
function tree(bytes: Buffer, from = 0, to = bytes.length, prefix = ''): string[] {
  const out: string[] = []
  let at = from
  while (at < to) {
    const size = bytes.readUInt32BE(at)
    const type = bytes.toString('latin1', at + 4, at + 8)
    expect(size).toBeGreaterThanOrEqual(8)
    expect(at + size).toBeLessThanOrEqual(to)
    out.push(prefix + type)
    if (WALKED.has(type)) out.push(...tree(bytes, at + 8, at + size, `${prefix}${type}/`))
    at += size
  }
  expect(at).toBe(to)
  return out
}

/** The bytes of the first box of `type` at any depth of the walked containers. */
function boxBytes(bytes: Buffer, type: string, from = 0, to = bytes.length): Buffer | undefined {
  for (let at = from; at < to; ) {
    const size = bytes.readUInt32BE(at)
    const t = bytes.toString('latin1', at + 4, at + 8)
    if (t === type) return bytes.subarray(at, at + size)
    if (WALKED.has(t)) {
      const inner = boxBytes(bytes, type, at + 8, at + size)
      if (inner) return inner
    }
    at += size
  }
  return undefined
}
