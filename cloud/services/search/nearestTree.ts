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
      const { min, node, lo, hi, level } = open.pop()
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

/** Boxes still to open, nearest first (a binary min-heap on each box's least possible distance). */
class NodeQueue {
  private readonly min: number[] = []
  private readonly rest: number[] = [] // node, lo, hi, level per entry
  get size() {
    return this.min.length
  }
  push(min: number, node: number, lo: number, hi: number, level: number) {
    const { min: m, rest } = this
    let i = m.length
    m.push(min)
    rest.push(node, lo, hi, level)
    while (i > 0) {
      const p = (i - 1) >> 1
      if (m[p] <= m[i]) break
      this.swap(i, p)
      i = p
    }
  }
  pop() {
    const { min: m, rest } = this
    const out = { min: m[0], node: rest[0], lo: rest[1], hi: rest[2], level: rest[3] }
    const last = m.length - 1
    this.swap(0, last)
    m.pop()
    rest.length -= 4
    for (let i = 0; ; ) {
      const a = 2 * i + 1
      const b = a + 1
      let s = i
      if (a < m.length && m[a] < m[s]) s = a
      if (b < m.length && m[b] < m[s]) s = b
      if (s === i) break
      this.swap(i, s)
      i = s
    }
    return out
  }
  private swap(a: number, b: number) {
    const { min: m, rest } = this
    ;[m[a], m[b]] = [m[b], m[a]]
    for (let k = 0; k < 4; k++) [rest[a * 4 + k], rest[b * 4 + k]] = [rest[b * 4 + k], rest[a * 4 + k]]
  }
}

/** The k best (distance, rank) pairs seen, as a max-heap on (distance, rank): the worst is at the top. */
export class NearestK {
  private readonly d: number[] = []
  private readonly r: number[] = []
  constructor(private readonly k: number) {}
  full = () => this.d.length >= this.k
  worstDistance = () => this.d[0]
  private worse(a: number, b: number) {
    return this.d[a] > this.d[b] || (this.d[a] === this.d[b] && this.r[a] > this.r[b])
  }
  private swap(a: number, b: number) {
    ;[this.d[a], this.d[b]] = [this.d[b], this.d[a]]
    ;[this.r[a], this.r[b]] = [this.r[b], this.r[a]]
  }
  offer(dist: number, rank: number) {
    const { d, r } = this
    if (d.length < this.k) {
      d.push(dist)
      r.push(rank)
      for (let i = d.length - 1; i > 0; ) {
        const p = (i - 1) >> 1
        if (!this.worse(i, p)) break
        this.swap(i, p)
        i = p
      }
      return
    }
    if (dist > d[0] || (dist === d[0] && rank > r[0])) return
    d[0] = dist
    r[0] = rank
    for (let i = 0; ; ) {
      const a = 2 * i + 1
      const b = a + 1
      let m = i
      if (a < d.length && this.worse(a, m)) m = a
      if (b < d.length && this.worse(b, m)) m = b
      if (m === i) break
      this.swap(i, m)
      i = m
    }
  }
  sorted(): number[] {
    const idx = this.d.map((_, i) => i).sort((a, b) => this.d[a] - this.d[b] || this.r[a] - this.r[b])
    return idx.map((i) => this.r[i])
  }
}
