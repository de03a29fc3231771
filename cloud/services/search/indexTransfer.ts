// A built MemoryIndex as a message between threads, and back. Why (issue 12, point 2): the next index is built in a
// worker (buildInWorker.ts) so that what the build allocates never pauses the thread that answers searches. What
// crosses is a few dozen objects: every list and column is a typed array whose buffer is transferred (moved, not
// copied), and every string field one packed string (copied once). Receiving a 100,000-institution index costs the
// serving thread about the time to copy those strings.
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

export interface PackedIndex {
  root: unknown
  /** The buffers to transfer with the message (each once). */
  transfer: ArrayBuffer[]
}

/** The index as plain data for postMessage(root, transfer). The index is unusable afterwards (its buffers move). */
export function packIndex(index: MemoryIndex): PackedIndex {
  const seen = new Map<object, unknown>()
  const buffers = new Set<ArrayBuffer>()
  const pack = (v: unknown): unknown => {
    if (typeof v === 'function') throw new Error('搜索索引：含有函数的字段无法传给另一线程')
    if (v === null || typeof v !== 'object') return v
    if (ArrayBuffer.isView(v)) {
      buffers.add(v.buffer as ArrayBuffer)
      return v
    }
    const done = seen.get(v)
    if (done !== undefined) return done
    if (Array.isArray(v)) {
      const out: unknown[] = []
      seen.set(v, out)
      for (const x of v) out.push(pack(x))
      return out
    }
    if (isMap(v)) {
      const out = new Map<unknown, unknown>()
      seen.set(v, out)
      for (const [k, x] of v) out.set(k, pack(x))
      return out
    }
    const name = NAME_OF.get(Object.getPrototypeOf(v) as object)
    if (!name) throw new Error(`搜索索引：${(v as object).constructor?.name ?? '未知'} 类型的对象无法传给另一线程`)
    const out: Tagged = { $class: name, fields: {} }
    seen.set(v, out)
    for (const [k, x] of Object.entries(v)) out.fields[k] = pack(x)
    return out
  }
  const root = pack(index)
  // A zero-length buffer moves as well as any; a buffer a Node Buffer shares with others must never (none is used here).
  return { root, transfer: [...buffers] }
}

/** The index a packIndex message describes, as received on this thread. */
export function unpackIndex(root: unknown): MemoryIndex {
  const seen = new Map<object, unknown>()
  const unpack = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return v
    const done = seen.get(v)
    if (done !== undefined) return done
    if (Array.isArray(v)) {
      const out: unknown[] = []
      seen.set(v, out)
      for (const x of v) out.push(unpack(x))
      return out
    }
    if (isMap(v)) {
      const out = new Map<unknown, unknown>()
      seen.set(v, out)
      for (const [k, x] of v) out.set(k, unpack(x))
      return out
    }
    const { $class, fields } = v as Tagged
    const cls = CLASSES[$class]
    if (!cls) throw new Error(`搜索索引：收到未知的类型 ${String($class)}`)
    const out = Object.create(cls.prototype) as Record<string, unknown>
    seen.set(v, out)
    for (const [k, x] of Object.entries(fields)) out[k] = unpack(x)
    return out
  }
  const index = unpack(root)
  if (!(index instanceof MemoryIndex)) throw new Error('搜索索引：收到的不是索引')
  return index
}
