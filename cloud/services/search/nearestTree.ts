// Nearest-first pages (附近) from a k-d tree over institutions' coordinates, searched best-first.
//
// Why not grid cells any more: cells have one size, and no size suits every point. At 1,000,000 institutions a
// district holds ~170,000 in a square 5 km wide; a point outside the district a filter names (most points, for a
// filter on another district) walked empty fine cells, then landed on coarse cells of tens of thousands of docs
// that had to be scored whole (nearby + filters p99 140–180 ms, ANALYSIS.md §6). A tree's boxes shrink where docs
// are dense: the search opens the box nearest the point first and stops when the nearest unopened box is farther
// than the k-th best doc found, so it looks at about k / (share of docs that pass the filter) docs wherever the
// point is. One tree over every institution, and one per district for filters that name a district (a district's
// members are then all the tree holds).
//
// Layout: `ranks` is a permutation of the ranks the tree holds; node i covers ranks[lo, hi) and its children split
// that range at its middle (2i + 1: [lo, mid), 2i + 2: [mid, hi)), along the box's longer side, so ranges are
// recomputed while searching and only each node's bounding box is stored.

/** Docs per leaf: scored one by one once their box is opened. */
const LEAF = 32

/** Work between two yields while building (see MemoryIndex.build). */
const STEP = 4096

export class NearestTree {
  private constructor(
    /** The ranks held, in tree order. */
    private readonly ranks: Int32Array,
    /** Per node: min lat, max lat, min lng, max lng (empty nodes: +∞, −∞, +∞, −∞). */
    private readonly box: Float64Array,
    private readonly depth: number,
  ) {}

  /** A tree holding nothing (an index not built yet). */
  static empty(): NearestTree {
    return new NearestTree(new Int32Array(0), new Float64Array(4).fill(Infinity), 0)
  }

  get bytes(): number {
    return this.ranks.byteLength + this.box.byteLength
  }

  get size(): number {
    return this.ranks.length
  }

  /** Builds over `ranks` (copied) with each rank's coordinates, yielding every few thousand steps. */
  static *build(ranks: ArrayLike<number>, lat: Float64Array, lng: Float64Array): Generator<void, NearestTree> {
    const perm = Int32Array.from(ranks)
    const n = perm.length
    const depth = n > LEAF ? Math.ceil(Math.log2(n / LEAF)) : 0
    const nodes = 2 ** (depth + 1) - 1
    const box = new Float64Array(nodes * 4)
    const stack: number[] = [0, 0, n, 0] // node, lo, hi, level
    let work = 0
    while (stack.length) {
      const level = stack.pop()!
      const hi = stack.pop()!
      const lo = stack.pop()!
      const node = stack.pop()!
      let a = Infinity
      let b = -Infinity
      let c = Infinity
      let d = -Infinity
      for (let x = lo; x < hi; x++) {
        const r = perm[x]
        if (lat[r] < a) a = lat[r]
        if (lat[r] > b) b = lat[r]
        if (lng[r] < c) c = lng[r]
        if (lng[r] > d) d = lng[r]
        if (++work % STEP === 0) yield
      }
      box.set([a, b, c, d], node * 4)
      if (level >= depth) continue
      const mid = (lo + hi) >> 1
      if (hi - lo > 1) work += yield* select(perm, lo, hi, mid, b - a >= d - c ? lat : lng)
      stack.push(2 * node + 1, lo, mid, level + 1, 2 * node + 2, mid, hi, level + 1)
    }
    return new NearestTree(perm, box, depth)
  }

  /** The k held ranks nearest the point that pass `member`, nearest first, ties by rank. `boxMetres(lat, lng)`
   *  is the distance to a point of a box's edge by the same formula as `dist(rank)` (both in whole metres). Only
   *  ranks at most `within` metres away: a shard told how far the page reaches already (ShardedIndex). */
  nearest(k: number, member: (r: number) => boolean, dist: (r: number) => number, near: { lat: number; lng: number }, boxMetres: (lat: number, lng: number) => number, within = Infinity): number[] {
    if (k <= 0 || this.ranks.length === 0) return []
    const best = new NearestK(k)
    const open = new NodeQueue()
    const box = this.box
    // Nearest point of a node's box; one metre of slack covers rounding to whole metres.
    const minMetres = (node: number) => {
      const o = node * 4
      if (box[o] > box[o + 1]) return Infinity // empty
      const lat = Math.min(Math.max(near.lat, box[o]), box[o + 1])
      const lng = Math.min(Math.max(near.lng, box[o + 2]), box[o + 3])
      return boxMetres(lat, lng) - 1
    }
    open.push(minMetres(0), 0, 0, this.ranks.length, 0)
    while (open.size) {
      open.pop()
      const min = open.topMin
      const node = open.topNode
      const lo = open.topLo
      const hi = open.topHi
      const level = open.topLevel
      // Every doc in this box and in every box still queued is farther than the k-th best: done.
      if (min === Infinity || min > within || (best.full() && min > best.worstDistance())) break
      if (level >= this.depth || hi - lo <= LEAF) {
        for (let x = lo; x < hi; x++) {
          const r = this.ranks[x]
          if (member(r)) {
            const d = dist(r)
            if (d <= within) best.offer(d, r)
          }
        }
        continue
      }
      const mid = (lo + hi) >> 1
      const left = 2 * node + 1
      const right = left + 1
      open.push(minMetres(left), left, lo, mid, level + 1)
      open.push(minMetres(right), right, mid, hi, level + 1)
    }
    return best.sorted()
  }
}

/** Reorders perm[lo, hi) so that perm[mid] holds the element of its rank by `key` (smaller before, larger after):
 *  Hoare's selection with the middle element as pivot. Returns the work done (for the caller's yields). */
function* select(perm: Int32Array, lo: number, hi: number, mid: number, key: Float64Array): Generator<void, number> {
  let work = 0
  let l = lo
  let h = hi - 1
  while (l < h) {
    const pivot = key[perm[(l + h) >> 1]]
    let i = l
    let j = h
    while (i <= j) {
      while (key[perm[i]] < pivot) i++
      while (key[perm[j]] > pivot) j--
      if (i <= j) {
        const t = perm[i]
        perm[i] = perm[j]
        perm[j] = t
        i++
        j--
      }
      if (++work % STEP === 0) yield
    }
    if (mid <= j) h = j
    else if (mid >= i) l = i
    else break
  }
  return work
}

/** Boxes still to open, nearest first (a binary min-heap on each box's least possible distance). Typed arrays and
 *  moves into a hole rather than swaps, and the entry taken is left in fields (`top…`) rather than returned as an
 *  object: no array made by a destructuring swap and no object per pop (a page of 附近 at 100,000 opens ~38 boxes and
 *  scores ~95 docs, bench/_treestat; most of its 20–45 µs is cache misses on the docs' coordinates, read by rank). */
class NodeQueue {
  private min = new Float64Array(64)
  /** node, lo, hi, level per entry. */
  private entry = new Int32Array(64 * 4)
  size = 0
  topMin = 0
  topNode = 0
  topLo = 0
  topHi = 0
  topLevel = 0

  push(min: number, node: number, lo: number, hi: number, level: number): void {
    if (this.size === this.min.length) this.grow()
    const m = this.min
    let i = this.size++
    while (i > 0) {
      const p = (i - 1) >> 1
      if (m[p] <= min) break
      this.move(p, i)
      i = p
    }
    this.set(i, min, node, lo, hi, level)
  }

  /** Takes the nearest entry into the `top…` fields. */
  pop(): void {
    const m = this.min
    const e = this.entry
    this.topMin = m[0]
    this.topNode = e[0]
    this.topLo = e[1]
    this.topHi = e[2]
    this.topLevel = e[3]
    const n = --this.size
    if (n === 0) return
    // The last entry goes down from the root's place.
    const lastMin = m[n]
    const l = 4 * n
    const node = e[l]
    const lo = e[l + 1]
    const hi = e[l + 2]
    const level = e[l + 3]
    let i = 0
    for (;;) {
      let c = 2 * i + 1
      if (c >= n) break
      if (c + 1 < n && m[c + 1] < m[c]) c++
      if (m[c] >= lastMin) break
      this.move(c, i)
      i = c
    }
    this.set(i, lastMin, node, lo, hi, level)
  }

  /** Entry `from` into place `to` (the hole). */
  private move(from: number, to: number): void {
    const e = this.entry
    this.min[to] = this.min[from]
    e[4 * to] = e[4 * from]
    e[4 * to + 1] = e[4 * from + 1]
    e[4 * to + 2] = e[4 * from + 2]
    e[4 * to + 3] = e[4 * from + 3]
  }

  private set(i: number, min: number, node: number, lo: number, hi: number, level: number): void {
    const e = this.entry
    this.min[i] = min
    e[4 * i] = node
    e[4 * i + 1] = lo
    e[4 * i + 2] = hi
    e[4 * i + 3] = level
  }

  private grow(): void {
    const m = new Float64Array(this.min.length * 2)
    m.set(this.min)
    const e = new Int32Array(this.entry.length * 2)
    e.set(this.entry)
    this.min = m
    this.entry = e
  }
}

/** The k best (distance, rank) pairs seen, as a max-heap on (distance, rank): the worst is at the top. In typed
 *  arrays, moved into a hole (see NodeQueue). */
export class NearestK {
  private readonly d: Float64Array
  private readonly r: Int32Array
  private n = 0
  constructor(private readonly k: number) {
    this.d = new Float64Array(k)
    this.r = new Int32Array(k)
  }
  full(): boolean {
    return this.n >= this.k
  }
  worstDistance(): number {
    return this.d[0]
  }
  offer(dist: number, rank: number): void {
    const { d, r } = this
    if (this.n < this.k) {
      // Up from the end while worse than its parent.
      let i = this.n++
      while (i > 0) {
        const p = (i - 1) >> 1
        if (!(dist > d[p] || (dist === d[p] && rank > r[p]))) break
        d[i] = d[p]
        r[i] = r[p]
        i = p
      }
      d[i] = dist
      r[i] = rank
      return
    }
    if (this.k === 0 || dist > d[0] || (dist === d[0] && rank > r[0])) return
    // In place of the worst, down while a child is worse.
    const n = this.n
    let i = 0
    for (;;) {
      let c = 2 * i + 1
      if (c >= n) break
      if (c + 1 < n && (d[c + 1] > d[c] || (d[c + 1] === d[c] && r[c + 1] > r[c]))) c++
      if (!(d[c] > dist || (d[c] === dist && r[c] > rank))) break
      d[i] = d[c]
      r[i] = r[c]
      i = c
    }
    d[i] = dist
    r[i] = rank
  }
  sorted(): number[] {
    const { d, r } = this
    const idx = Array.from({ length: this.n }, (_, i) => i)
    idx.sort((a, b) => d[a] - d[b] || r[a] - r[b])
    return idx.map((i) => r[i])
  }
}
