// The pixel size an image declares in its header (PNG IHDR, JPEG SOFn, WebP VP8X/VP8/VP8L), read without decoding,
// so that a small file declaring a huge picture (a 7 MB PNG of 50,000 × 50,000, ~7.5 GB once decoded) is refused
// before a staff member's phone tries to open it.
import { MalformedImageError, type StrippableMime } from './stripMetadata'

export interface ImageSize {
  width: number
  height: number
}

export function imageSize(bytes: Uint8Array, mime: StrippableMime): ImageSize {
  const fail = (reason: string): never => {
    throw new MalformedImageError(mime, reason)
  }
  const size = mime === 'image/png' ? pngSize(bytes) : mime === 'image/jpeg' ? jpegSize(bytes) : webpSize(bytes)
  if (typeof size === 'string') return fail(size)
  if (size.width < 1 || size.height < 1) return fail(`declares ${size.width}×${size.height}`)
  return size
}

const u32be = (b: Uint8Array, at: number) => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0
const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1]
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8)
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)
const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n))

/** IHDR is the first chunk: signature (8), length (4), 'IHDR', width (4), height (4). */
function pngSize(b: Uint8Array): ImageSize | string {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return 'no IHDR'
  return { width: u32be(b, 16), height: u32be(b, 20) }
}

/** The first frame header (SOF0–SOF15 but DHT, JPG and DAC) before the first scan: precision, height, width. */
function jpegSize(b: Uint8Array): ImageSize | string {
  let i = 2
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return `expected a marker at ${i}`
    while (i < b.length && b[i] === 0xff) i++
    const marker = b[i++]
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue
    if (marker === 0xd9 || marker === 0xda) return 'no frame header before the first scan'
    if (i + 2 > b.length) break
    const length = u16be(b, i)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (length < 8 || i + 7 > b.length) return 'frame header cut off'
      // A height of 0 means "given later in a DNL segment": no phone writes that, and nothing bounds it here.
      return { width: u16be(b, i + 5), height: u16be(b, i + 3) }
    }
    if (length < 2) return `segment length ${length}`
    i += length
  }
  return 'ends before a frame header'
}

/**
 * Extended files (VP8X) declare the canvas, which every frame of an animation lies within; simple ones have one
 * 'VP8 ' (lossy: 14-bit sizes after the start code 9D 01 2A) or 'VP8L' (lossless: signature 0x2F, then 14-bit
 * width − 1 and height − 1) chunk first.
 */
function webpSize(b: Uint8Array): ImageSize | string {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return 'no RIFF WEBP header'
  const chunk = ascii(b, 12, 4)
  const p = 20
  if (chunk === 'VP8X') return { width: u24le(b, p + 4) + 1, height: u24le(b, p + 7) + 1 }
  if (chunk === 'VP8 ') {
    if (b[p + 3] !== 0x9d || b[p + 4] !== 0x01 || b[p + 5] !== 0x2a) return 'no VP8 start code'
    return { width: u16le(b, p + 6) & 0x3fff, height: u16le(b, p + 8) & 0x3fff }
  }
  if (chunk === 'VP8L') {
    if (b[p] !== 0x2f) return 'no VP8L signature'
    const bits = (b[p + 1] | (b[p + 2] << 8) | (b[p + 3] << 16) | (b[p + 4] << 24)) >>> 0
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
  }
  return `first chunk ${JSON.stringify(chunk)} declares no size`
}
