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

/** Copies a graph of arrays, Maps and objects, keeping shared objects shared and typed arrays as they are (`view`
 *  sees each); every other object goes to `object`, with the walker for its fields. The one walk pack and unpack
 *  share: they differ only in what they do with a class instance. */
function copyGraph(root: unknown, view: (v: ArrayBufferView) => void, object: (v: object, copy: (x: unknown) => unknown, remember: (out: object) => void) => unknown): unknown {
  const seen = new Map<object, unknown>()
  const copy = (v: unknown): unknown => {
    if (typeof v === 'function') throw new Error('搜索索引：含有函数的字段无法传给另一线程')
    if (v === null || typeof v !== 'object') return v
    if (ArrayBuffer.isView(v)) {
      view(v)
      return v
    }
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

/** The index as plain data for postMessage(root, transfer). The index is unusable afterwards (its buffers move). */
export function packIndex(index: MemoryIndex): PackedIndex {
  const buffers = new Set<ArrayBuffer>()
  const root = copyGraph(
    index,
    (v) => buffers.add(v.buffer as ArrayBuffer),
    (v, copy, remember) => {
      const name = NAME_OF.get(Object.getPrototypeOf(v) as object)
      if (!name) throw new Error(`搜索索引：${v.constructor?.name ?? '未知'} 类型的对象无法传给另一线程`)
      const out: Tagged = { $class: name, fields: {} }
      remember(out)
      for (const [k, x] of Object.entries(v)) out.fields[k] = copy(x)
      return out
    },
  )
  // A zero-length buffer moves as well as any; a buffer a Node Buffer shares with others must never (none is used here).
  return { root, transfer: [...buffers] }
}

/** The index a packIndex message describes, as received on this thread. */
export function unpackIndex(root: unknown): MemoryIndex {
  const index = copyGraph(
    root,
    () => {},
    (v, copy, remember) => {
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
