// A shard of the search index saved on disk by the worker that built it, so a gateway that starts again serves
// from its index in seconds instead of after a build (issue 12, point 3: the SQL path answers a process's first
// seconds; at a million the first build took 47-55 s and a start on saved shards ~7 s, bench §12, ANALYSIS §27).
// What is saved is exactly what the worker hands the serving thread (indexTransfer.ts: a few dozen small objects
// and typed arrays), so a loaded shard goes through the same receiveIndex as a built one and answers as it did.
//
// A saved shard is only a head start: it reflects the change counter's value at its build (`version`), and the rows
// changed since are read from the change log and laid over it like any catch-up (searchIndex.ts). It is refused —
// and the shard built from the database as before — when it was saved for another database (migration 032), by
// other code (codeFingerprint), for another split into shards or other build settings, at a version the database
// has not reached (a restored copy), when the log no longer reaches back to it, or when its bytes are not all there
// and intact.
//
// The layout: MAGIC, the header's length (4 bytes), the header (v8.serialize: the key, the version, the index with
// each typed array replaced by a reference to its buffer, and each buffer's length and CRC-32), then the buffers'
// bytes one after another. Each buffer is read straight into an ArrayBuffer of its own: the file is never held in
// memory beside the index it describes. Written to a temporary file and renamed into place, so a reader (another
// gateway process sharing the data directory, or this one after a kill -9 mid-write) finds a whole file or none.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import v8 from 'node:v8'
import zlib from 'node:zlib'
import { copyGraph, type PackedIndex } from './indexTransfer'
import type { Shard } from './shardedIndex'

const MAGIC = Buffer.from('YGSHARD1', 'latin1')
/** A temporary file older than this was left by a process killed while saving. */
const STALE_TEMP_MS = 3_600_000

/** What must match for a saved shard to be loaded, besides the version. */
export interface SavedShardKey {
  /** database_identity.id of the database it was built from (migration 032). */
  databaseId: string
  /** codeFingerprint() of the code that built it. */
  fingerprint: string
  shard: Shard
  /** The build's options that the index keeps (its term cache's size, when nearby scores every match), as text. */
  settings: string
}

interface Header extends SavedShardKey {
  version: number
  /** When the rows it holds were read (ms since the epoch): a loaded base is as old as its build. */
  builtAt: number
  index: unknown
  buffers: { bytes: number; crc: number }[]
}

export type Loaded = { ok: true; version: number; builtAt: number; index: Pick<PackedIndex, 'root' | 'texts'>; transfer: ArrayBuffer[]; bytes: number } | { ok: false; why: string }

const TYPED_ARRAYS: Record<string, new (buffer: ArrayBuffer, byteOffset: number, length: number) => ArrayBufferView> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
}

interface ViewRef {
  $buffer: number
  type: string
  byteOffset: number
  length: number
}

/** Where a gateway keeps its saved shards, under its DATA_DIR. */
export const SAVED_INDEX_DIR = 'search-index'

export function savedShardFile(dir: string, shard: Shard): string {
  return path.join(dir, `shard-${shard.index + 1}-of-${shard.of}.bin`)
}

/** What decides the contents of a built index, hashed: the search code, the store's (the rows it reads, the
 *  pinyin it derives), the domain's (statuses, categories, the list order) and the pinyin dictionary's version.
 *  A deploy that changes any of them builds afresh; one that does not (and a restart) loads. The files are read
 *  from the source tree the gateway runs from (npm start runs the TypeScript through tsx). */
export function codeFingerprint(root = path.resolve(__dirname, '../../..')): string {
  const hash = crypto.createHash('sha256')
  for (const file of fingerprintedFiles(root)) hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0')
  const pinyinPro = JSON.parse(fs.readFileSync(require.resolve('pinyin-pro/package.json'), 'utf8')) as { version: string }
  hash.update(`pinyin-pro ${pinyinPro.version}; ${os.endianness()}; format ${MAGIC.toString('latin1')}`)
  return hash.digest('hex')
}

/** The source files codeFingerprint hashes (a test holds every module the build worker loads among them). */
export function fingerprintedFiles(root = path.resolve(__dirname, '../../..')): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(p)
      else if (/\.tsx?$/.test(entry.name)) out.push(p)
    }
  }
  for (const dir of ['cloud/services/search', 'cloud/store', 'src/domain']) walk(path.join(root, dir))
  return out
}

/** An object's own fields copied by the walker (remembered first, so a field leading back to it finds the copy). */
function plainCopy(v: object, copy: (x: unknown) => unknown, remember: (out: object) => void): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  remember(out)
  for (const [k, x] of Object.entries(v)) out[k] = copy(x)
  return out
}

const isViewRef = (v: object): v is ViewRef => typeof (v as ViewRef).$buffer === 'number'

/** The index as a header's plain data, each typed array a reference to one of `buffers` (shared buffers once). */
function toHeaderData(value: unknown, buffers: ArrayBuffer[]): unknown {
  const bufferNo = new Map<ArrayBuffer, number>()
  const ref = (v: ArrayBufferView): ViewRef => {
    const type = v.constructor.name
    if (!TYPED_ARRAYS[type]) throw new Error(`搜索索引：${type} 无法保存`)
    const buffer = v.buffer as ArrayBuffer
    let n = bufferNo.get(buffer)
    if (n === undefined) bufferNo.set(buffer, (n = buffers.push(buffer) - 1))
    return { $buffer: n, type, byteOffset: v.byteOffset, length: (v as unknown as { length: number }).length }
  }
  return copyGraph(value, ref, plainCopy)
}

/** The inverse of toHeaderData over the deserialised header (v8.deserialize keeps shared objects shared). */
function fromHeaderData(value: unknown, buffers: ArrayBuffer[]): unknown {
  const view = (ref: ViewRef): ArrayBufferView => {
    const Type = TYPED_ARRAYS[ref.type]
    const buffer = buffers[ref.$buffer]
    if (!Type || !buffer) throw new Error('类型数组的引用无效')
    return new Type(buffer, ref.byteOffset, ref.length)
  }
  return copyGraph(
    value,
    () => {
      throw new Error('文件头中不应有类型数组')
    },
    (v, copy, remember) => {
      if (!isViewRef(v)) return plainCopy(v, copy, remember)
      const out = view(v)
      remember(out)
      return out
    },
  )
}

/** How long ago a file was last written (0 when it is gone meanwhile: another process removed it). */
function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs
  } catch {
    return 0
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.byteLength; ) at += fs.writeSync(fd, bytes, at, bytes.byteLength - at)
}

function readExactly(fd: number, into: Uint8Array, position: number): void {
  for (let at = 0; at < into.byteLength; ) {
    const n = fs.readSync(fd, into, at, into.byteLength - at, position + at)
    if (n === 0) throw new Error('文件不完整')
    at += n
  }
}

/** Saves one shard as the worker packed it (before it is posted: posting moves the buffers away). Returns the
 *  file's size. Files of the same shard saved for another split are removed (they could never be loaded again). */
export function saveShard(dir: string, key: SavedShardKey, built: { version: number; builtAt: number }, index: Pick<PackedIndex, 'root' | 'texts'>): number {
  const buffers: ArrayBuffer[] = []
  const data = toHeaderData(index, buffers)
  const views = buffers.map((b) => new Uint8Array(b))
  const header: Header = { ...key, ...built, index: data, buffers: views.map((v) => ({ bytes: v.byteLength, crc: zlib.crc32(v) })) }
  const head = v8.serialize(header)
  const length = Buffer.alloc(4)
  length.writeUInt32LE(head.byteLength)
  fs.mkdirSync(dir, { recursive: true })
  const file = savedShardFile(dir, key.shard)
  const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`
  const fd = fs.openSync(temp, 'w')
  let size = 0
  try {
    for (const part of [MAGIC, length, head, ...views]) {
      writeAll(fd, part)
      size += part.byteLength
    }
    fs.fsyncSync(fd)
  } catch (e) {
    fs.closeSync(fd)
    fs.rmSync(temp, { force: true })
    throw e
  }
  fs.closeSync(fd)
  fs.renameSync(temp, file)
  for (const name of fs.readdirSync(dir)) {
    const m = /^shard-\d+-of-(\d+)\.bin$/.exec(name)
    if (m && Number(m[1]) !== key.shard.of) fs.rmSync(path.join(dir, name), { force: true })
    // What a process killed while saving left behind (no save takes an hour).
    if (name.endsWith('.tmp') && ageMs(path.join(dir, name)) > STALE_TEMP_MS) fs.rmSync(path.join(dir, name), { force: true })
  }
  return size
}

/** The saved shard for `key`, if there is one that may be loaded: saved for this database, code and split, at a
 *  version no higher than the counter's now (`counter`), whole and intact. Otherwise why not (nothing thrown). */
export function loadShard(dir: string, key: SavedShardKey, counter: number): Loaded {
  const file = savedShardFile(dir, key.shard)
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch {
    return { ok: false, why: '没有保存的索引' }
  }
  try {
    const size = fs.fstatSync(fd).size
    const start = Buffer.alloc(MAGIC.byteLength + 4)
    readExactly(fd, start, 0)
    if (!start.subarray(0, MAGIC.byteLength).equals(MAGIC)) return { ok: false, why: '文件格式不符' }
    const headBytes = Buffer.alloc(start.readUInt32LE(MAGIC.byteLength))
    readExactly(fd, headBytes, start.byteLength)
    const header = v8.deserialize(headBytes) as Header
    if (header.databaseId !== key.databaseId) return { ok: false, why: '保存自另一个数据库' }
    if (header.fingerprint !== key.fingerprint) return { ok: false, why: '保存自另一版程序' }
    if (header.shard?.index !== key.shard.index || header.shard?.of !== key.shard.of) return { ok: false, why: '分片方式不同' }
    if (header.settings !== key.settings) return { ok: false, why: `构建设置不同（${header.settings}，现为 ${key.settings}）` }
    if (!(header.version <= counter)) return { ok: false, why: `版本 ${header.version} 高于数据库的 ${counter}` }
    let at = start.byteLength + headBytes.byteLength
    const expected = at + header.buffers.reduce((n, b) => n + b.bytes, 0)
    if (size !== expected) return { ok: false, why: `文件长度 ${size} 字节，应为 ${expected}` }
    const buffers: ArrayBuffer[] = []
    for (const b of header.buffers) {
      const bytes = new Uint8Array(b.bytes)
      readExactly(fd, bytes, at)
      at += b.bytes
      if (zlib.crc32(bytes) !== b.crc) return { ok: false, why: '校验不符（文件已损坏）' }
      buffers.push(bytes.buffer)
    }
    const index = fromHeaderData(header.index, buffers) as Pick<PackedIndex, 'root' | 'texts'>
    return { ok: true, version: header.version, builtAt: header.builtAt, index, transfer: buffers, bytes: size }
  } catch (e) {
    return { ok: false, why: `无法读取：${e instanceof Error ? e.message : String(e)}` }
  } finally {
    fs.closeSync(fd)
  }
}
