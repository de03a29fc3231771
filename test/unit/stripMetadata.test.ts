import zlib from 'node:zlib'
import { MalformedImageError, stripMetadata } from '../../cloud/platform/media/stripMetadata'
import { sniffMime } from '../../src/domain/media'
import {
  LATITUDE,
  PNG_RAW,
  PNG_SIGNATURE,
  XMP_PACKET,
  chromiumJpeg,
  chromiumWebp,
  exifApp1,
  jpegSegments,
  jpegWithGps,
  png,
  pngChunk,
  readGpsLatitude,
  riff,
  riffChunk,
  tiffWithGps,
  webpChunks,
} from '../fixtures/media/build'

const has = (bytes: Uint8Array, text: string) => Buffer.from(bytes).includes(Buffer.from(text))
const strip = (bytes: Buffer, mime: 'image/jpeg' | 'image/png' | 'image/webp') => Buffer.from(stripMetadata(bytes, mime))
const LEAKS = ['Exif\0\0', 'GPS', 'http://ns.adobe.com/xap', '<x:xmpmeta', 'Xiaomi', 'Photoshop', 'MPF\0', '张三', '厦门']

function expectMalformed(bytes: Buffer, mime: 'image/jpeg' | 'image/png' | 'image/webp') {
  let thrown: unknown
  try {
    stripMetadata(bytes, mime)
  } catch (e) {
    thrown = e
  }
  expect(thrown).toBeInstanceOf(MalformedImageError)
  expect((thrown as MalformedImageError).mime).toBe(mime)
}

describe('stripMetadata: JPEG', () => {
  it('the hand-built Exif record really carries a GPS position a reader finds (N 24/1 26/1 0/1)', () => {
    expect(readGpsLatitude(tiffWithGps())).toEqual({ ref: 'N', latitude: LATITUDE })
    const photo = jpegWithGps()
    const app1 = jpegSegments(photo).segments.find((s) => s.marker === 0xe1 && s.bytes.toString('latin1', 4, 10) === 'Exif\0\0')!
    expect(readGpsLatitude(app1.bytes.subarray(10))).toEqual({ ref: 'N', latitude: LATITUDE })
    for (const leak of LEAKS) expect(has(photo, leak)).toBe(true)
  })

  it('when a photo carries Exif GPS, XMP, Photoshop/IPTC, MPF, a comment and an appended image, then only the image survives, byte for byte', () => {
    const original = chromiumJpeg()
    const out = strip(jpegWithGps(), 'image/jpeg')

    const { segments, rest } = jpegSegments(out)
    expect(segments.map((s) => s.marker)).toEqual([0xe0, 0xe2, 0xdb, 0xdb, 0xc0, 0xc4, 0xc4, 0xc4, 0xc4])
    expect(segments.some((s) => s.marker === 0xe1 || s.marker === 0xfe || s.marker === 0xed)).toBe(false)
    for (const leak of LEAKS) expect(has(out, leak)).toBe(false)

    const before = jpegSegments(original)
    expect(segments[0].bytes).toEqual(before.segments[0].bytes) // JFIF APP0
    expect(segments[1].bytes.toString('latin1', 4, 16)).toBe('ICC_PROFILE\0') // colour kept
    expect(rest).toEqual(before.rest) // SOS, entropy-coded data, EOI
    expect(out.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]))
    expect(out.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]))
    expect(out).toEqual(original)
    expect(sniffMime(out)).toBe('image/jpeg')
  })

  it('when a JPEG has nothing to remove, then the very same bytes come back', () => {
    const original = chromiumJpeg()
    expect(stripMetadata(original, 'image/jpeg')).toBe(original)
  })

  it('when metadata sits between the scans of a multi-scan JPEG, then it goes and the scans (stuffed bytes, restart markers, fill) stay intact', () => {
    const seg = (marker: number, payload: number[]) => Buffer.from([0xff, marker, 0, payload.length + 2, ...payload])
    const sof = seg(0xc2, [8, 0, 1, 0, 1, 1, 1, 0x11, 0])
    const dht = seg(0xc4, [0, ...Array(16).fill(0)])
    const sos = seg(0xda, [1, 1, 0, 0, 63, 0])
    const scan1 = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0x00])
    const scan2 = Buffer.from([0x78, 0xff, 0xd1, 0x9a])
    const soi = Buffer.from([0xff, 0xd8])
    const eoi = Buffer.from([0xff, 0xd9])
    const input = Buffer.concat([soi, sof, dht, sos, scan1, exifApp1(), dht, Buffer.from([0xff, 0xff]), sos, scan2, eoi])
    const expected = Buffer.concat([soi, sof, dht, sos, scan1, dht, sos, scan2, eoi])
    expect(strip(input, 'image/jpeg')).toEqual(expected)
  })

  it('the Adobe APP14 colour-transform record is kept; other APP14 payloads go', () => {
    const { segments, rest } = jpegSegments(chromiumJpeg())
    const adobe = Buffer.from([0xff, 0xee, 0, 14, ...Buffer.from('Adobe', 'latin1'), 0, 100, 0, 0, 0, 0, 1])
    const other = Buffer.from([0xff, 0xee, 0, 9, ...Buffer.from('Other', 'latin1'), 1, 2])
    const input = Buffer.concat([Buffer.from([0xff, 0xd8]), adobe, other, ...segments.map((s) => s.bytes), rest])
    expect(jpegSegments(strip(input, 'image/jpeg')).segments.map((s) => s.marker).slice(0, 2)).toEqual([0xee, 0xe0])
    expect(has(strip(input, 'image/jpeg'), 'Other')).toBe(false)
  })

  it('when a JPEG is corrupt, then it is a MalformedImageError', () => {
    const good = chromiumJpeg()
    expectMalformed(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from('this is not a jpeg at all')]), 'image/jpeg') // SOI then garbage
    expectMalformed(Buffer.from([0xff, 0xd8, 0x12, 0x34]), 'image/jpeg') // no marker after SOI
    expectMalformed(good.subarray(0, good.length - 40), 'image/jpeg') // cut inside the scan: no EOI
    expectMalformed(good.subarray(0, 300), 'image/jpeg') // cut inside the ICC segment
    expectMalformed(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x01, 0xff, 0xd9]), 'image/jpeg') // length below 2
    expectMalformed(Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'image/jpeg') // EOI with no image
    expectMalformed(Buffer.from([0x00, 0xd8, 0xff, 0xd9]), 'image/jpeg') // no SOI
    const { segments, rest } = jpegSegments(good)
    expectMalformed(Buffer.concat([Buffer.from([0xff, 0xd8]), segments[0].bytes, rest]), 'image/jpeg') // SOS before any SOF
  })
})

describe('stripMetadata: PNG', () => {
  const chunkTypes = (bytes: Buffer) => {
    const types: { type: string; data: Buffer; crcOk: boolean }[] = []
    for (let i = 8; i < bytes.length; ) {
      const len = bytes.readUInt32BE(i)
      const data = bytes.subarray(i + 8, i + 8 + len)
      types.push({ type: bytes.toString('latin1', i + 4, i + 8), data, crcOk: zlib.crc32(bytes.subarray(i + 4, i + 8 + len)) === bytes.readUInt32BE(i + 8 + len) })
      i += 12 + len
    }
    return types
  }
  const metadata = () => [
    pngChunk('eXIf', tiffWithGps()),
    pngChunk('tEXt', Buffer.from('Author\0Zhang San, GPS 24.43N', 'latin1')),
    pngChunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), zlib.deflateSync('GPS 24.43N')])),
    pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(XMP_PACKET)])),
    pngChunk('tIME', Buffer.from([0x07, 0xe8, 5, 1, 9, 30, 0])),
  ]

  it('when a PNG carries eXIf, tEXt, zTXt, iTXt and tIME, then they go and IHDR, gAMA, IDAT, IEND stay in order and still decode', () => {
    const input = png(metadata())
    expect(has(input, 'GPS')).toBe(true)
    const out = strip(input, 'image/png')
    expect(out.subarray(0, 8)).toEqual(PNG_SIGNATURE)
    const chunks = chunkTypes(out)
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'gAMA', 'IDAT', 'IEND'])
    expect(chunks.every((c) => c.crcOk)).toBe(true)
    expect(zlib.inflateSync(chunks.find((c) => c.type === 'IDAT')!.data)).toEqual(PNG_RAW)
    for (const leak of ['GPS', 'http://ns.adobe.com/xap', 'Zhang', 'Xiaomi', 'MM\0*']) expect(has(out, leak)).toBe(false)
    expect(out).toEqual(png())
  })

  it('when a PNG has nothing to remove, then the very same bytes come back; bytes after IEND are dropped', () => {
    const clean = png()
    expect(stripMetadata(clean, 'image/png')).toBe(clean)
    expect(strip(Buffer.concat([clean, Buffer.from('GPS trailer')]), 'image/png')).toEqual(clean)
  })

  it('when a PNG is corrupt, then it is a MalformedImageError', () => {
    const good = png()
    expectMalformed(Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\x00', 'latin1'), good.subarray(8)]), 'image/png') // signature
    expectMalformed(good.subarray(0, good.length - 12), 'image/png') // no IEND
    const long = Buffer.from(good)
    long.writeUInt32BE(0xfffffff0, 8) // IHDR claims 4 GB
    expectMalformed(long, 'image/png')
    expectMalformed(Buffer.concat([PNG_SIGNATURE, pngChunk('IDAT', Buffer.alloc(2)), pngChunk('IEND', Buffer.alloc(0))]), 'image/png') // IHDR not first
    expectMalformed(Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', Buffer.alloc(13)), pngChunk('I D!', Buffer.alloc(0))]), 'image/png') // bad type
  })
})

describe('stripMetadata: WebP', () => {
  it('when a VP8X WebP carries EXIF and XMP, then the chunks go, the flags are cleared and the RIFF size is right', () => {
    const original = chromiumWebp()
    const chunks = webpChunks(original)
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8 '])
    const vp8x = Buffer.from(chunks[0].bytes)
    vp8x[8] |= 0x08 | 0x04
    const exif = tiffWithGps().subarray(0, tiffWithGps().length - 1) // odd size: exercises the pad byte
    const input = riff([vp8x, chunks[1].bytes, chunks[2].bytes, riffChunk('EXIF', exif), riffChunk('XMP ', Buffer.from(XMP_PACKET))])
    expect(has(input, 'GPS')).toBe(true)

    const out = strip(input, 'image/webp')
    expect(webpChunks(out).map((c) => c.fourcc)).toEqual(['VP8X', 'ICCP', 'VP8 '])
    expect(out[20] & 0x0c).toBe(0)
    expect(out[20]).toBe(original[20]) // the ICC flag stays
    expect(out.readUInt32LE(4)).toBe(out.length - 8)
    for (const leak of ['GPS', 'http://ns.adobe.com/xap', 'Xiaomi', 'EXIF', 'XMP ']) expect(has(out, leak)).toBe(false)
    expect(out).toEqual(original)
  })

  it('when a simple lossy WebP (no VP8X) comes, then it passes through unchanged', () => {
    const vp8 = webpChunks(chromiumWebp()).find((c) => c.fourcc === 'VP8 ')!
    const simple = riff([vp8.bytes])
    expect(sniffMime(simple)).toBe('image/webp')
    expect(stripMetadata(simple, 'image/webp')).toBe(simple)
  })

  it('when a WebP is corrupt, then it is a MalformedImageError', () => {
    const good = chromiumWebp()
    expectMalformed(good.subarray(0, good.length - 10), 'image/webp') // RIFF size beyond the file
    const bad = Buffer.from(good)
    bad.writeUInt32LE(0x7fffffff, 16) // VP8X claims 2 GB
    expectMalformed(bad, 'image/webp')
    expectMalformed(Buffer.concat([Buffer.from('RIFF\x04\x00\x00\x00WEBP', 'latin1')]), 'image/webp') // no chunks
    expectMalformed(Buffer.concat([Buffer.from('RIFF', 'latin1'), good.subarray(4, 8), Buffer.from('WAVE', 'latin1'), good.subarray(12)]), 'image/webp')
  })
})
