// Posting lists under string keys (n-grams of names and pinyin, facet combinations) held as a few typed arrays and
// one packed string, not a Map. Why (issue 12, point 2): a Map of a few hundred thousand keys is as many strings,
// entries and Int32Array views on the JS heap. Built beside a serving index, every one of them survived the young
// generation and was copied and marked while searches waited (an import's rebuild held the loop 60 ms, §9); and a
// Map cannot leave a worker thread without being rebuilt key by key on the thread that receives it. This table is
// four objects, three of them transferable buffers (indexTransfer.ts).
import { PackedStrings, RankTable } from './docColumns'

/** Work between two looks at the clock while building in slices (see MemoryIndex.build). */
const STEP = 256

export class PostingTable {
  /** Keys 0..n-1, end to end. */
  private keys = new PackedStrings()
  /** Key i's list is lists[starts[i] .. starts[i+1]). */
  private starts = new Uint32Array(1)
  /** Every list, one after another, each in rank order. */
  private lists = new Int32Array(0)
  /** Key → its number. */
  private lookup = new RankTable(this.keys, 0)

  /** The list under a key (a view, not a copy), or undefined when no rank has that key. */
  get(key: string): Int32Array | undefined {
    const i = this.lookup.get(key)
    return i === undefined ? undefined : this.lists.subarray(this.starts[i], this.starts[i + 1])
  }

  get size(): number {
    return this.starts.length - 1
  }

  get bytes(): number {
    return this.lists.byteLength + this.starts.byteLength + this.keys.bytes + this.lookup.bytes
  }

  /** Lists of ranks 0..n-1 under the keys each rank has, in rank order. Two passes — count, then fill lists of
   *  exactly that size — so the lists are never grown and copied. The counting Map is the build's only
   *  per-key object, and it dies with the build. */
  static *build(n: number, keysOf: (rank: number) => Iterable<string>): Generator<void, PostingTable> {
    const count = new Map<string, number>()
    for (let rank = 0; rank < n; rank++) {
      for (const k of keysOf(rank)) count.set(k, (count.get(k) ?? 0) + 1)
      if (rank % STEP === 0) yield
    }
    const out = new PostingTable()
    const names = [...count.keys()]
    out.keys = yield* PackedStrings.build(names.length, (i) => names[i])
    out.lookup = yield* RankTable.build(out.keys, names.length)
    out.starts = new Uint32Array(names.length + 1)
    let at = 0
    for (let i = 0; i < names.length; i++) {
      out.starts[i] = at
      at += count.get(names[i])!
      count.set(names[i], out.starts[i]) // from here on: where the key's next rank goes
      if (i % STEP === 0) yield
    }
    out.starts[names.length] = at
    out.lists = new Int32Array(at)
    for (let rank = 0; rank < n; rank++) {
      for (const k of keysOf(rank)) {
        const p = count.get(k)!
        out.lists[p] = rank
        count.set(k, p + 1)
      }
      if (rank % STEP === 0) yield
    }
    return out
  }
}
