// What an MP4 says about the person who filmed it lives in metadata boxes: Android writes the GPS position as
// udta/©xyz, iPhones as meta (com.apple.quicktime.location.ISO6709), 3GPP as udta/loci, cameras add XMP in uuid
// boxes — in moov, but also in a track, its media or media-information box, or a movie fragment. So the whole box
// tree is walked (every container: moov, trak, mdia, minf, stbl, edts, dinf, mvex, moof, traf, mfra, meco …) and
// each metadata box found at any depth is renamed to `free` in place and zeroed — same size, same offsets — so
// players skip it, the sample tables stay valid and nothing is re-encoded. The movie header's duration is read on
// the way, so the server can hold videos to the same length limit as the phone.
import fs from 'node:fs'

export class MalformedVideoError extends Error {
  constructor(readonly reason: string) {
    super(`malformed mp4: ${reason}`)
    this.name = 'MalformedVideoError'
  }
}

export interface Mp4Facts {
  /** From mvhd (or mehd for fragmented files); undefined when the file does not say. */
  durationSeconds: number | undefined
  /** How many metadata boxes were blanked. */
  scrubbed: number
}

interface Box {
  type: string
  /** Offset of the box header in the file (or in the buffer it was read from). */
  start: number
  headerSize: number
  size: number
}

/** The moov box of a one-minute phone video is a few hundred KiB (a fragment's moof far less); anything near this
 * is not a phone video. */
const MAX_CONTAINER_BYTES = 32 * 1024 * 1024
/**
 * Boxes made only of other boxes, walked for metadata at every depth. Not udta and meta: those are blanked whole,
 * with whatever they hold. Not stsd: its children are sample descriptions (fixed fields, then codec set-up).
 */
const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf', 'mvex', 'moof', 'traf', 'mfra', 'tref', 'meco', 'strk', 'strd', 'sinf', 'schi', 'rinf', 'gmhd', 'tapt', 'clip', 'matt'])
/**
 * Blanked wherever they are, with everything inside: user data (udta: ©xyz, loci, the owner's and the phone's names,
 * the encoder), metadata (meta: Apple's location key, ID3, XML), uuid boxes (XMP, vendors' records), and location,
 * XMP or item-list boxes met outside their usual parent. None of them is needed to play the video.
 */
const METADATA_BOXES = new Set(['udta', 'meta', 'uuid', '\xa9xyz', 'loci', 'XMP_', 'ID32', 'keys', 'ilst'])
/** Real files nest containers five deep (moov/trak/mdia/minf/stbl); a file nesting far deeper is refused. */
const MAX_DEPTH = 16
/** Boxes walked inside one top-level container; a 32 MiB moov of empty boxes would otherwise be millions. */
const MAX_BOXES = 100_000

/** The header at `at`; `avail` is how many bytes from `at` exist. A size-0 box runs to the end of what exists. */
function parseHeader(buf: Buffer, at: number, avail: number): { type: string; headerSize: number; size: number } {
  if (avail < 8) throw new MalformedVideoError('truncated box header')
  let size = buf.readUInt32BE(at)
  const type = buf.toString('latin1', at + 4, at + 8)
  let headerSize = 8
  if (size === 1) {
    if (avail < 16) throw new MalformedVideoError('truncated large box header')
    const big = buf.readBigUInt64BE(at + 8)
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new MalformedVideoError('box too large')
    size = Number(big)
    headerSize = 16
  } else if (size === 0) {
    size = avail
  }
  if (size < headerSize) throw new MalformedVideoError(`bad size for ${JSON.stringify(type)}`)
  return { type, headerSize, size }
}

function readBoxHeader(buf: Buffer, at: number, end: number): Box {
  const h = parseHeader(buf, at, end - at)
  if (at + h.size > end) throw new MalformedVideoError(`${JSON.stringify(h.type)} runs past its parent`)
  return { ...h, start: at }
}

function children(buf: Buffer, parent: Box): Box[] {
  const out: Box[] = []
  const end = parent.start + parent.size
  for (let at = parent.start + parent.headerSize; at < end; ) {
    const box = readBoxHeader(buf, at, end)
    out.push(box)
    at += box.size
  }
  return out
}

function movieDuration(moov: Buffer, boxes: Box[]): number | undefined {
  const mvhd = boxes.find((b) => b.type === 'mvhd')
  let seconds: number | undefined
  if (mvhd) {
    const p = mvhd.start + mvhd.headerSize
    const version = moov[p]
    const timescale = version === 1 ? moov.readUInt32BE(p + 20) : moov.readUInt32BE(p + 12)
    const duration = version === 1 ? Number(moov.readBigUInt64BE(p + 24)) : moov.readUInt32BE(p + 16)
    // 0xffffffff (v0) means "unknown"; 0 is what fragmented files write.
    if (timescale > 0 && duration > 0 && duration !== 0xffffffff) seconds = duration / timescale
    const mvex = boxes.find((b) => b.type === 'mvex')
    const mehd = mvex ? children(moov, mvex).find((b) => b.type === 'mehd') : undefined
    if (seconds === undefined && mehd && timescale > 0) {
      const q = mehd.start + mehd.headerSize
      const d = moov[q] === 1 ? Number(moov.readBigUInt64BE(q + 4)) : moov.readUInt32BE(q + 4)
      if (d > 0) seconds = d / timescale
    }
  }
  return seconds
}

/** The metadata boxes at any depth inside `root`, a container whose bytes are `buf` (offsets relative to `buf`). */
function metadataInside(buf: Buffer, root: Box): Box[] {
  const found: Box[] = []
  const stack = [{ box: root, depth: 0 }]
  let walked = 0
  while (stack.length) {
    const { box, depth } = stack.pop()!
    if (depth >= MAX_DEPTH) throw new MalformedVideoError('boxes nested too deep')
    for (const child of children(buf, box)) {
      if (++walked > MAX_BOXES) throw new MalformedVideoError(`too many boxes in ${JSON.stringify(root.type)}`)
      if (METADATA_BOXES.has(child.type)) found.push(child)
      else if (CONTAINERS.has(child.type)) stack.push({ box: child, depth: depth + 1 })
    }
  }
  return found
}

/** Blanks the metadata boxes of the MP4 at `file` in place, at any depth, and answers its duration. */
export async function scrubMp4(file: string): Promise<Mp4Facts> {
  const fh = await fs.promises.open(file, 'r+')
  try {
    const { size: fileSize } = await fh.stat()
    const header = Buffer.alloc(16)
    // Boxes to blank, with absolute offsets and their real sizes (a size-0 box already resolved to the file's end).
    const toBlank: Box[] = []
    let moov: { bytes: Buffer; top: Box[] } | undefined
    for (let at = 0, n = 0; at < fileSize; n++) {
      if (n > 10_000) throw new MalformedVideoError('too many top-level boxes')
      const { bytesRead } = await fh.read(header, 0, 16, at)
      const parsed = parseHeader(header, 0, bytesRead)
      // A size-0 box runs to the end of the file.
      const size = header.readUInt32BE(0) === 0 ? fileSize - at : parsed.size
      if (at + size > fileSize) throw new MalformedVideoError('box runs past the end')
      const box: Box = { type: parsed.type, start: at, headerSize: parsed.headerSize, size }
      if (n === 0 && box.type !== 'ftyp') throw new MalformedVideoError('no ftyp first')
      if (METADATA_BOXES.has(box.type)) toBlank.push(box)
      else if (CONTAINERS.has(box.type)) {
        if (box.type === 'moov' && moov) throw new MalformedVideoError('two moov boxes')
        if (size > MAX_CONTAINER_BYTES) throw new MalformedVideoError(`${JSON.stringify(box.type)} too large`)
        const bytes = Buffer.alloc(size)
        await fh.read(bytes, 0, size, at)
        const inBytes: Box = { ...box, start: 0 }
        for (const b of metadataInside(bytes, inBytes)) toBlank.push({ ...b, start: at + b.start })
        if (box.type === 'moov') moov = { bytes, top: children(bytes, inBytes) }
      }
      at += size
    }
    if (!moov) throw new MalformedVideoError('no moov box')
    const durationSeconds = movieDuration(moov.bytes, moov.top)
    const free = Buffer.from('free', 'latin1')
    const zeros = Buffer.alloc(1 << 20)
    for (const box of toBlank) {
      // Rename, then zero the body, so the position is gone from the bytes and not just hidden from players.
      await fh.write(free, 0, 4, box.start + 4)
      const end = box.start + box.size
      for (let p = box.start + box.headerSize; p < end; p += zeros.length) await fh.write(zeros, 0, Math.min(zeros.length, end - p), p)
    }
    return { durationSeconds, scrubbed: toBlank.length }
  } finally {
    await fh.close()
  }
}
