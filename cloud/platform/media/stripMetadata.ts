// Removes what a photo says about the person who took it (GPS position, time, camera serial, names) before the
// evidence is stored. Byte-level on purpose: the image data itself is never decoded or re-encoded, so what is
// kept is byte-identical to what was sent, and the stored hash is the hash of the stripped file.
//
// Orientation: the Exif orientation tag goes with the rest of Exif, so a photo that relied on it may show
// rotated. Acceptable for evidence: WeChat's chooseMedia flow compresses on the phone and bakes the rotation
// into the pixels before upload, and a rotated picture still proves what it shows.
//
// Invariant for every format: anything after the format's own end (JPEG EOI, PNG IEND, the RIFF size) is dropped,
// because phones append whole images and videos there (MPF depth maps, Motion Photo MP4s) with their own Exif.

export type StrippableMime = 'image/jpeg' | 'image/png' | 'image/webp'

/** The bytes are not a well-formed file of the type they were sniffed as. `reason` is for logs, not for people. */
export class MalformedImageError extends Error {
  constructor(
    readonly mime: StrippableMime,
    readonly reason: string,
  ) {
    super(`malformed ${mime}: ${reason}`)
    this.name = 'MalformedImageError'
  }
}

/** Returns the input itself (same object) when nothing had to be removed, so a caller can skip re-hashing. */
export function stripMetadata(bytes: Uint8Array, mime: StrippableMime): Uint8Array {
  switch (mime) {
    case 'image/jpeg':
      return stripJpeg(bytes)
    case 'image/png':
      return stripPng(bytes)
    case 'image/webp':
      return stripWebp(bytes)
  }
}

/** Byte ranges of the input, joined once at the end. */
class Pieces {
  private parts: Uint8Array[] = []
  private length = 0
  constructor(private readonly src: Uint8Array) {}
  take(from: number, to: number) {
    if (to > from) this.add(this.src.subarray(from, to))
  }
  add(part: Uint8Array) {
    this.parts.push(part)
    this.length += part.length
  }
  join(): Uint8Array {
    const out = new Uint8Array(this.length)
    let at = 0
    for (const p of this.parts) {
      out.set(p, at)
      at += p.length
    }
    return out
  }
}

const startsWith = (bytes: Uint8Array, at: number, ascii: string) => {
  if (at + ascii.length > bytes.length) return false
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false
  return true
}

// ---- JPEG -------------------------------------------------------------------------------------------------------

const SOI = 0xd8
const EOI = 0xd9
const SOS = 0xda
const APP0 = 0xe0
const APP2 = 0xe2
const APP14 = 0xee
const COM = 0xfe

/**
 * Which marker segments survive. APP0 (JFIF/JFXX) carries density and at most a thumbnail; APP2 ICC_PROFILE and
 * APP14 "Adobe" (the colour transform, needed to decode RGB/CMYK JPEGs right) carry colour, not people. Every
 * other APPn (Exif, XMP, MPF, FlashPix, Photoshop/IPTC in APP13, vendor notes) and COM is dropped. Non-APP
 * segments (DQT, SOFn, DHT, DAC, DRI, DNL, EXP …) are what the decoder needs and are kept.
 */
function keepJpegSegment(marker: number, bytes: Uint8Array, payload: number, length: number): boolean {
  if (marker === COM) return false
  if (marker < APP0 || marker > 0xef) return true
  if (marker === APP0) return true
  if (marker === APP2) return startsWith(bytes, payload, 'ICC_PROFILE\0')
  // The Adobe segment has a fixed 12-byte payload; anything longer is not the colour-transform record.
  if (marker === APP14) return length === 14 && startsWith(bytes, payload, 'Adobe')
  return false
}

function stripJpeg(bytes: Uint8Array): Uint8Array {
  const fail = (reason: string): never => {
    throw new MalformedImageError('image/jpeg', reason)
  }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== SOI) fail('no SOI')
  const out = new Pieces(bytes)
  out.take(0, 2)
  let dropped = false
  let frames = 0
  let scans = 0
  let i = 2
  for (;;) {
    if (i >= bytes.length) fail('ends before EOI')
    if (bytes[i] !== 0xff) fail(`expected a marker at ${i}`)
    // Any number of 0xFF fill bytes may precede a marker; they carry nothing and are not copied.
    const fillFrom = i
    while (i < bytes.length && bytes[i] === 0xff) i++
    if (i >= bytes.length) fail('ends in fill bytes')
    if (i - fillFrom > 1) dropped = true
    const marker = bytes[i]
    const at = i - 1
    i++
    if (marker === EOI) {
      if (scans === 0) fail('EOI before any scan')
      out.take(at, i)
      if (i < bytes.length) dropped = true
      break
    }
    if (marker === 0x00 || marker === SOI || (marker >= 0xd0 && marker <= 0xd7) || (marker >= 0x02 && marker <= 0xbf)) {
      // Stuffed zero, a second SOI, RSTn outside a scan, or a reserved marker: not a JPEG we understand.
      fail(`unexpected marker 0x${marker.toString(16)} at ${at}`)
    }
    if (marker === 0x01) {
      out.take(at, i) // TEM: standalone, no length
      continue
    }
    if (i + 2 > bytes.length) fail('segment length cut off')
    const length = (bytes[i] << 8) | bytes[i + 1]
    if (length < 2 || i + length > bytes.length) fail(`segment 0x${marker.toString(16)} length ${length} out of bounds`)
    const end = i + length
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) frames++
    if (marker === SOS) {
      if (frames === 0) fail('SOS before SOF')
      scans++
      // Entropy-coded data runs until a marker that is neither a stuffed 0xFF00 nor RSTn; copied untouched.
      // (0xFF 0xFF cannot be data: it is fill before the next marker, which the loop above skips.)
      let j = end
      for (;;) {
        if (j + 1 >= bytes.length) fail('scan data ends before EOI')
        if (bytes[j] !== 0xff) j++
        else if (bytes[j + 1] === 0x00 || (bytes[j + 1] >= 0xd0 && bytes[j + 1] <= 0xd7)) j += 2
        else break
      }
      out.take(at, j)
      i = j
      continue
    }
    if (keepJpegSegment(marker, bytes, i + 2, length)) out.take(at, end)
    else dropped = true
    i = end
  }
  return dropped ? out.join() : bytes
}

// ---- PNG --------------------------------------------------------------------------------------------------------

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
/** Exif (with GPS), free text (Author, Comment, often the software and owner), and the modification time. */
const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME'])

function stripPng(bytes: Uint8Array): Uint8Array {
  const fail = (reason: string): never => {
    throw new MalformedImageError('image/png', reason)
  }
  if (bytes.length < 8 || PNG_SIGNATURE.some((b, k) => bytes[k] !== b)) fail('no PNG signature')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const out = new Pieces(bytes)
  out.take(0, 8)
  let dropped = false
  let i = 8
  let first = true
  for (;;) {
    if (i + 12 > bytes.length) fail('ends before IEND')
    const length = view.getUint32(i)
    // CRCs are copied, not checked (decoders differ on them and we never decode); lengths must fit.
    if (length > 0x7fffffff || i + 12 + length > bytes.length) fail(`chunk length ${length} out of bounds at ${i}`)
    const type = String.fromCharCode(bytes[i + 4], bytes[i + 5], bytes[i + 6], bytes[i + 7])
    if (!/^[A-Za-z]{4}$/.test(type)) fail(`bad chunk type at ${i}`)
    if (first && type !== 'IHDR') fail('first chunk is not IHDR')
    first = false
    const end = i + 12 + length
    if (PNG_DROP.has(type)) dropped = true
    else out.take(i, end)
    i = end
    if (type === 'IEND') break
  }
  if (i < bytes.length) dropped = true
  return dropped ? out.join() : bytes
}

// ---- WebP (RIFF) ------------------------------------------------------------------------------------------------

const VP8X_EXIF = 0x08
const VP8X_XMP = 0x04

function stripWebp(bytes: Uint8Array): Uint8Array {
  const fail = (reason: string): never => {
    throw new MalformedImageError('image/webp', reason)
  }
  if (bytes.length < 12 || !startsWith(bytes, 0, 'RIFF') || !startsWith(bytes, 8, 'WEBP')) fail('no RIFF WEBP header')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const riffEnd = 8 + view.getUint32(4, true)
  if (riffEnd > bytes.length || riffEnd < 12 + 8) fail('RIFF size out of bounds')
  const out = new Pieces(bytes)
  const header = bytes.slice(0, 12)
  out.add(header)
  let dropped = riffEnd < bytes.length
  let i = 12
  let first = true
  while (i < riffEnd) {
    if (i + 8 > riffEnd) fail(`chunk header cut off at ${i}`)
    const fourcc = String.fromCharCode(bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3])
    const size = view.getUint32(i + 4, true)
    const end = i + 8 + size + (size & 1)
    if (end > riffEnd) fail(`chunk ${fourcc} size ${size} out of bounds at ${i}`)
    if (first && fourcc === 'VP8X') {
      if (size < 10) fail('VP8X too short')
      const flags = bytes[i + 8]
      if (flags & (VP8X_EXIF | VP8X_XMP)) {
        const vp8x = bytes.slice(i, end)
        vp8x[8] = flags & ~(VP8X_EXIF | VP8X_XMP)
        out.add(vp8x)
        dropped = true
      } else out.take(i, end)
    } else if (fourcc === 'EXIF' || fourcc === 'XMP ') {
      dropped = true
    } else out.take(i, end)
    first = false
    i = end
  }
  if (!dropped) return bytes
  const result = out.join()
  new DataView(result.buffer).setUint32(4, result.length - 8, true)
  return result
}
