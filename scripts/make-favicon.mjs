// Writes the H5 app's favicon (src/assets/favicon.ico): a sun on the app's blue, as 16, 32 and 48 px PNG images in
// one ICO file (every current browser reads PNG inside ICO). Run: node scripts/make-favicon.mjs
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/assets/favicon.ico')
const BLUE = [0x1f, 0x5f, 0xaf]
const WHITE = [0xff, 0xff, 0xff]

/** Colour at (x, y) of a 1×1 canvas, or null outside the icon: a rounded blue square, a white sun with eight rays. */
function colourAt(x, y) {
  const r = 0.2
  const cx = Math.min(Math.max(x, r), 1 - r)
  const cy = Math.min(Math.max(y, r), 1 - r)
  if (Math.hypot(x - cx, y - cy) > r) return null
  const dx = x - 0.5
  const dy = y - 0.5
  const d = Math.hypot(dx, dy)
  if (d <= 0.18) return WHITE
  const a = Math.atan2(dy, dx)
  const ray = Math.abs(((a / (Math.PI / 4)) % 1 + 1) % 1 - 0.5) > 0.36
  if (ray && d >= 0.25 && d <= 0.38) return WHITE
  return BLUE
}

function png(size) {
  const S = 4
  const raw = Buffer.alloc((size * 4 + 1) * size)
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0]
      for (let sy = 0; sy < S; sy++)
        for (let sx = 0; sx < S; sx++) {
          const c = colourAt((x + (sx + 0.5) / S) / size, (y + (sy + 0.5) / S) / size)
          if (!c) continue
          sum[0] += c[0]
          sum[1] += c[1]
          sum[2] += c[2]
          sum[3]++
        }
      const i = y * (size * 4 + 1) + 1 + x * 4
      if (sum[3]) for (let k = 0; k < 3; k++) raw[i + k] = Math.round(sum[k] / sum[3])
      raw[i + 3] = Math.round((sum[3] / (S * S)) * 255)
    }
  }
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
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8
  ihdr[9] = 6
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const sizes = [16, 32, 48]
const images = sizes.map(png)
const header = Buffer.alloc(6)
header.writeUInt16LE(0, 0)
header.writeUInt16LE(1, 2) // type: icon
header.writeUInt16LE(sizes.length, 4)
let offset = 6 + 16 * sizes.length
const entries = sizes.map((size, i) => {
  const e = Buffer.alloc(16)
  e[0] = size
  e[1] = size
  e.writeUInt16LE(1, 4) // colour planes
  e.writeUInt16LE(32, 6) // bits per pixel
  e.writeUInt32LE(images[i].length, 8)
  e.writeUInt32LE(offset, 12)
  offset += images[i].length
  return e
})
writeFileSync(OUT, Buffer.concat([header, ...entries, ...images]))
// A large preview next to nothing: only the .ico is committed.
if (process.argv.includes('--preview')) writeFileSync(process.argv[process.argv.indexOf('--preview') + 1], png(192))
console.log(`wrote ${OUT} (${sizes.join(', ')} px)`)
