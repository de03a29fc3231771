// Writes the tab-bar icons (81×81 RGBA PNG, grey and selected blue) into src/assets/tab/.
// Shapes are signed tests on a 0..81 canvas, 4×4 supersampled for smooth edges. Run: node scripts/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const SIZE = 81
const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/assets/tab')
const COLOURS = { normal: [0x5f, 0x6b, 0x7a], active: [0x1f, 0x5f, 0xaf] }

const ring = (cx, cy, r, w) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2
const disc = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) <= r
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1
/** A thick segment from (ax,ay) to (bx,by) with round caps. */
const line = (ax, ay, bx, by, w) => (x, y) => {
  const dx = bx - ax, dy = by - ay
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)))
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= w / 2
}
const outline = (x0, y0, x1, y1, w) => (x, y) => rect(x0, y0, x1, y1)(x, y) && !rect(x0 + w, y0 + w, x1 - w, y1 - w)(x, y)
const any = (...fs) => (x, y) => fs.some((f) => f(x, y))
const minus = (a, b) => (x, y) => a(x, y) && !b(x, y)

const GLYPHS = {
  // magnifier: 查机构
  search: any(ring(35, 35, 19, 7), line(49, 49, 66, 66, 9)),
  // document with lines: 政策与曝光
  explore: any(outline(17, 11, 64, 70, 6), line(27, 28, 54, 28, 5), line(27, 40, 54, 40, 5), line(27, 52, 45, 52, 5)),
  // flag on a pole: 我要举报
  report: any(line(20, 12, 20, 70, 6), minus(rect(20, 14, 62, 44), (x, y) => x > 50 && Math.abs(y - 29) < (x - 50) * 1.2)),
  // person: 我的
  mine: any(disc(40.5, 26, 13), minus(disc(40.5, 74, 28), rect(0, 70, 81, 81))),
}

function png(pixels) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(SIZE, 0)
  ihdr.writeUInt32BE(SIZE, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE)
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0 // filter: none
    pixels.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function render(shape, [r, g, b]) {
  const px = Buffer.alloc(SIZE * SIZE * 4)
  const S = 4
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let hits = 0
      for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) if (shape(x + (sx + 0.5) / S, y + (sy + 0.5) / S)) hits++
      const i = (y * SIZE + x) * 4
      px[i] = r
      px[i + 1] = g
      px[i + 2] = b
      px[i + 3] = Math.round((hits / (S * S)) * 255)
    }
  }
  return png(px)
}

mkdirSync(OUT, { recursive: true })
for (const [name, shape] of Object.entries(GLYPHS)) {
  writeFileSync(path.join(OUT, `${name}.png`), render(shape, COLOURS.normal))
  writeFileSync(path.join(OUT, `${name}-active.png`), render(shape, COLOURS.active))
}
console.log(`wrote ${Object.keys(GLYPHS).length * 2} icons to ${OUT}`)
