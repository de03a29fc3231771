// A built MemoryIndex as a message between threads, and back. Why (issue 12, point 2): the next index is built in a
// worker (buildInWorker.ts) so that what the build allocates never pauses the thread that answers searches. What
// crosses is a few dozen objects: every list and column is a typed array whose buffer is transferred (moved, not
// copied), and so is every long string (a packed column's text) as its bytes. Sent as strings, the ~27 MiB of text in
// a 100,000-institution index was copied in the one task that delivered the message: the serving thread stalled
// 45–84 ms with nothing else to do (bench/ANALYSIS.md §10), ten times that at a million. As bytes, receiveIndex turns
// them back into strings one per turn of the event loop, each a single copy of one column.
//
// Structured clone keeps the fields but not the classes: pack notes each object's class by name, unpack gives the
// objects their prototypes back. Shared objects stay shared (an id table and the id column are one PackedStrings).
import { DocColumns, PackedStrings, RankTable, SyllableSplits } from './docColumns'
import { MemoryIndex } from './memoryIndex'
import { NearestTree } from './nearestTree'
import { PostingTable } from './postingTable'

const CLASSES: Record<string, { prototype: object }> = { MemoryIndex, DocColumns, PackedStrings, RankTable, SyllableSplits, NearestTree, PostingTable }
const NAME_OF = new Map<object, string>(Object.entries(CLASSES).map(([name, c]) => [c.prototype, name]))

/** A Map from any realm (a message can arrive from another: a test's structuredClone under jest). */
const isMap = (v: object): v is Map<unknown, unknown> => Object.prototype.toString.call(v) === '[object Map]'

interface Tagged {
  $class: string
  fields: Record<string, unknown>
}

/** A long string as its bytes: one byte per character when every character fits (ids, codes, pinyin), else UTF-16
 *  code units as they are (lone surrogates included). */
export interface PackedText {
  latin1: boolean
  bytes: Uint8Array
}

export interface PackedIndex {
  /** The index with each long string replaced by { $text: its number in `texts` }. */
  root: unknown
  texts: PackedText[]
  /** The buffers to transfer with the message (each once). */
  transfer: ArrayBuffer[]
}

/** Strings at least this long cross as bytes; shorter ones (a table's few keys) are copied with the message. */
const TEXT_AS_BYTES_FROM = 4096

/** Not a regular expression: one that matches keeps its subject as the last match (RegExp.input) until the next
 *  match, and a packed column must not outlive its packing (packIndex's `released`). */
function fitsLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false
  return true
}

function encodeText(s: string): PackedText {
  const latin1 = fitsLatin1(s)
  // A buffer of its own (never Node's shared pool), so it can be transferred.
  const bytes = new Uint8Array(latin1 ? s.length : s.length * 2)
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).write(s, latin1 ? 'latin1' : 'utf16le')
  return { latin1, bytes }
}

function decodeText(t: PackedText): string {
  return Buffer.from(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength).toString(t.latin1 ? 'latin1' : 'utf16le')
}

/** Copies a graph of arrays, Maps and objects, keeping shared objects shared; each typed array becomes what `view`
 *  makes of it, every other object what `object` makes of it (given the walker for its fields). The one walk of
 *  pack and unpack here and of a shard saved on disk and read back (savedShard.ts): they differ only in what they do
 *  with a typed array and a class instance. */
export function copyGraph(root: unknown, view: (v: ArrayBufferView) => unknown, object: (v: object, copy: (x: unknown) => unknown, remember: (out: object) => void) => unknown, text: (s: string) => unknown = (s) => s): unknown {
  const seen = new Map<object, unknown>()
  const copy = (v: unknown): unknown => {
    if (typeof v === 'function') throw new Error('搜索索引：含有函数的字段无法传给另一线程')
    if (typeof v === 'string') return text(v)
    if (v === null || typeof v !== 'object') return v
    if (ArrayBuffer.isView(v)) return view(v)
    const done = seen.get(v)
    if (done !== undefined) return done
    if (Array.isArray(v)) {
      const out: unknown[] = []
      seen.set(v, out)
      for (const x of v) out.push(copy(x))
      return out
    }
    if (isMap(v)) {
      const out = new Map<unknown, unknown>()
      seen.set(v, out)
      for (const [k, x] of v) out.set(k, copy(x))
      return out
    }
    // Remembered before its fields are copied, so a field that leads back to it finds the copy.
    return object(v, copy, (out) => seen.set(v, out))
  }
  return copy(root)
}

const isText = (v: unknown) => typeof v === 'object' && v !== null && '$text' in v

/** The index as plain data for postMessage(root, transfer). The index is unusable afterwards (its buffers move).
 *  `released`: each long string, once encoded, is also taken out of the index and this is called, so a worker can
 *  collect it there: a string and its bytes then coexist for one column at a time, not for all of them (~26 MiB of
 *  text at 100,000 institutions, held twice at the moment of the reply: bench/ANALYSIS.md §11). */
export function packIndex(index: MemoryIndex, opts: { released?: () => void } = {}): PackedIndex {
  const buffers = new Set<ArrayBuffer>()
  const texts: PackedText[] = []
  const root = copyGraph(
    index,
    (v) => (buffers.add(v.buffer as ArrayBuffer), v),
    (v, copy, remember) => {
      const name = NAME_OF.get(Object.getPrototypeOf(v) as object)
      if (!name) throw new Error(`搜索索引：${v.constructor?.name ?? '未知'} 类型的对象无法传给另一线程`)
      const out: Tagged = { $class: name, fields: {} }
      remember(out)
      const fields = v as Record<string, unknown>
      // By key, with no local holding a field's value: a string taken out of the index must be garbage here.
      for (const k of Object.keys(fields)) {
        out.fields[k] = copy(fields[k])
        if (opts.released && isText(out.fields[k])) {
          fields[k] = ''
          opts.released()
        }
      }
      return out
    },
    (s) => {
      if (s.length < TEXT_AS_BYTES_FROM) return s
      const t = encodeText(s)
      buffers.add(t.bytes.buffer as ArrayBuffer)
      return { $text: texts.push(t) - 1 }
    },
  )
  // A zero-length buffer moves as well as any; a buffer a Node Buffer shares with others must never (none is used here).
  return { root, texts, transfer: [...buffers] }
}

/** The index a packIndex message describes, as received on this thread: its long strings decoded one per turn of the
 *  event loop (`turn`), then the objects given their classes back in one pass (a few dozen objects). */
export async function receiveIndex(message: Pick<PackedIndex, 'root' | 'texts'>, turn: () => Promise<void> = () => new Promise((r) => setImmediate(r))): Promise<MemoryIndex> {
  const texts: string[] = []
  for (const t of message.texts) {
    await turn()
    texts.push(decodeText(t))
  }
  await turn()
  return unpackIndex(message.root, texts)
}

function unpackIndex(root: unknown, texts: string[]): MemoryIndex {
  const index = copyGraph(
    root,
    (v) => v,
    (v, copy, remember) => {
      if ('$text' in v) {
        const text = texts[(v as { $text: number }).$text]
        if (typeof text !== 'string') throw new Error('搜索索引：收到的文本缺失')
        return text
      }
      const { $class, fields } = v as Tagged
      const cls = CLASSES[$class]
      if (!cls) throw new Error(`搜索索引：收到未知的类型 ${String($class)}`)
      const out = Object.create(cls.prototype) as Record<string, unknown>
      remember(out)
      for (const [k, x] of Object.entries(fields)) out[k] = copy(x)
      return out
    },
  )
  if (!(index instanceof MemoryIndex)) throw new Error('搜索索引：收到的不是索引')
  return index
}
