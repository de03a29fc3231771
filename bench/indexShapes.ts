// In-process timing of the in-memory index per query shape, with the per-term cache off and every term used once
// (`tsx bench/indexShapes.ts [institutions]`; SHARDS=4 splits it as the server does). No HTTP, no database: what one
// search costs the index itself (a pinyin search's hits carry their names' syllables for the highlight).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateSample } from '../content/sample/generate'
import { nameSearchColumns } from '../cloud/store/searchText'
import { MemoryIndex, type IndexedInstitution } from '../cloud/services/search/memoryIndex'
import { OverlaidIndex } from '../cloud/services/search/overlay'
import { ShardedIndex, shardOf } from '../cloud/services/search/shardedIndex'
import { indexQueryOf } from '../test/support/searchShapes'
import { buildShapes } from './terms'

const n = Number(process.argv[2] ?? 100_000)
let t = Date.now()
// The sample's pinyin costs ~15 µs a name: kept in TMPDIR between runs.
const cache = path.join(os.tmpdir(), `yg-index-docs-${n}.json`)
const docs = fs.existsSync(cache)
  ? JSON.parse(fs.readFileSync(cache, 'utf8'))
  : generateSample({ institutions: n }).institutions.map((i, k) => {
      const c = nameSearchColumns(i.name)
      return { id: String(k), name: i.name, status: i.status, category: i.category, district: i.district, address: i.address, lat: i.lat, lng: i.lng, uscc: i.uscc, licenseNo: i.licenseNo, pinyin: c.name_pinyin, initials: c.name_initials }
    })
if (!fs.existsSync(cache)) fs.writeFileSync(cache, JSON.stringify(docs))
console.log(`docs for ${n}: ${Date.now() - t} ms`)
t = Date.now()
const shards = Number(process.env.SHARDS ?? 1)
const parts = Array.from({ length: shards }, (): IndexedInstitution[] => [])
for (const d of docs as IndexedInstitution[]) parts[shardOf(d.id, shards)].push(d)
const index = new ShardedIndex(parts.map((p) => new OverlaidIndex(new MemoryIndex(p, 0), new Map())))
console.log(`index build: ${Date.now() - t} ms, heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`)
const only = process.env.ONLY?.split(',')
const per = Number(process.env.PER ?? 30_000)
for (const shape of buildShapes(n, per)) {
  if (only && !only.includes(shape.id)) continue
  const times: number[] = []
  for (const ev of shape.events) {
    const t0 = performance.now()
    index.search(indexQueryOf(ev))
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  const pct = (p: number) => times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)].toFixed(2)
  const mean = times.reduce((a, b) => a + b, 0) / times.length
  console.log(`${shape.label.padEnd(40)} n=${String(times.length).padStart(5)}  mean ${(mean * 1000).toFixed(0).padStart(4)} µs  p50 ${pct(50)}  p99 ${pct(99)}  max ${pct(100)} ms`)
}
