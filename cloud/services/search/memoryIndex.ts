// An in-memory search index over every institution, held by each process that serves search.
//
// Why: a parent's search must answer in milliseconds under load, and the embedded database (PGlite) is one
// single-threaded engine: at 100,000 institutions, per-request SQL (page + count) measured 0.5–8 s p99 at 50
// connections (bench/RESULTS.md). Posting lists in memory answer the same question in well under a millisecond.
// The SQL path stays as the reference and the fallback (cold start, or while the index is being rebuilt).
//
// Invariants: `docs` is in the list order the SQL path uses — (status rank, white list first; character length of
// name; name; id) by code point —
// so a doc's position is its rank and every posting list, built in that order, is sorted; intersections and unions
// of sorted lists stay in rank order, and the first N matches are the page. (USCC prefixes list in code order,
// the natural order for codes, on both paths.) An index is immutable once built: a change means a new index, so
// the per-term cache below can never serve anything stale. Changes after the build are laid over it (overlay.ts);
// a new one is built in slices (MemoryIndex.build) so the event loop keeps answering meanwhile.
//
// Documents are held as columns (docColumns.ts): at 1,000,000 institutions an object per institution did not fit a
// process in 2 GiB (issue 12, point 6). Posting lists of one kind share one buffer (build below).
import { CATEGORIES, DISTRICTS, INSTITUTION_STATUSES, STATUS_RANK, type Category, type District, type InstitutionStatus } from '../../../src/domain/catalog'
import { TOTAL_CAP, type ClassifiedQuery } from '../../../src/domain/query'
import type { SearchFilter, SearchPage } from '../../store/institutionRepo'
import { DocColumns, RankTable } from './docColumns'
import { NearestK, NearestTree } from './nearestTree'
import { PostingTable } from './postingTable'

export interface IndexedInstitution {
  id: string
  name: string
  status: InstitutionStatus
  category: Category
  district: District
  address: string
  lat: number
  lng: number
  uscc: string
  licenseNo: string
  pinyin: string
  initials: string
}

/** The same filter the SQL path takes: either path answers the same question. */
export type IndexQuery = SearchFilter

/** What a page, the list's order and a distance read of a doc: hits carry these fields only (the licence number,
 *  pinyin and initials were a third of the strings sliced per hit, and no answer shows them; a pinyin search's hits
 *  carry the name's syllables instead, for its highlight). */
export type ListedDoc = Omit<IndexedInstitution, 'licenseNo' | 'pinyin' | 'initials'>

/** A doc's listed fields alone (a changed row laid over the index is a whole row). */
export const listedOf = (d: ListedDoc): ListedDoc => ({ id: d.id, name: d.name, status: d.status, category: d.category, district: d.district, address: d.address, lat: d.lat, lng: d.lng, uscc: d.uscc })

export interface IndexHit {
  doc: ListedDoc
  distanceM: number | null
  /** A pinyin search's hit: the name's syllables for its highlight, as the index split them (null: not split there,
   *  ask the dictionary). Carried with the hit because the index knows its rank here: asked for by id afterwards, the
   *  look-up cost ~1.5 µs a hit, two thirds of a pinyin page's syllables (ANALYSIS §28). */
  syllables?: string[] | null
}


export const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

const SURROGATE = /[\ud800-\udfff]/

/** Character n-grams (by code point) of a string, deduplicated. Sliced straight from the string unless it holds a
 *  character outside the BMP: splitting every name into an array and joining each gram back was 42 % of a build's
 *  time (ANALYSIS §10). */
function grams(s: string, n: number): Set<string> {
  const out = new Set<string>()
  if (!SURROGATE.test(s)) {
    for (let i = 0; i + n <= s.length; i++) out.add(s.slice(i, i + n))
    return out
  }
  const chars = Array.from(s)
  for (let i = 0; i + n <= chars.length; i++) out.add(chars.slice(i, i + n).join(''))
  return out
}

/** Work between two looks at the clock while building in slices (see MemoryIndex.build). */
const STEP = 256

/**
 * The lists a pinyin walk intersects for a term of letters (`n` ≤ its length): the shortest of all its n-letter
 * slices' lists first (the walk's driver), then only the slices that cover the term end to end (at 0, n, 2n, … and
 * the last), shortest first. Overlapping slices in between rarely reject a candidate that the covering ones pass,
 * and every candidate is confirmed against the whole term anyway; galloping them cost ~15 % of the walk.
 * Undefined when a slice is in no name (nothing matches).
 */
function coverLists(t: string, n: number, lists: PostingTable): Int32Array[] | undefined {
  const slices: Int32Array[] = []
  let driver = 0
  for (let i = 0; i + n <= t.length; i++) {
    const l = lists.get(t.slice(i, i + n))
    if (!l) return undefined
    slices.push(l)
    if (l.length < slices[driver].length) driver = i
  }
  const cover = new Set<Int32Array>([slices[driver]])
  for (let i = 0; i < slices.length; i += n) cover.add(slices[i])
  cover.add(slices[slices.length - 1])
  const [first, ...rest] = cover
  return [first, ...rest.sort((x, y) => x.length - y.length)]
}

/** A table of n-letter slice lists and its n. */
type SliceLists = [PostingTable, 3 | 4 | 5]

/** A stable merge sort that yields between runs of work, so sorting 100,000 items never holds the thread long. */
function* sorted<T>(items: T[], cmp: (a: T, b: T) => number): Generator<void, T[]> {
  const RUN = 1024
  let a = items.slice()
  for (let i = 0; i < a.length; i += RUN) {
    const part = a.slice(i, i + RUN).sort(cmp)
    for (let k = 0; k < part.length; k++) a[i + k] = part[k]
    yield
  }
  let b = new Array<T>(a.length)
  for (let width = RUN; width < a.length; width *= 2) {
    let n = 0
    for (let lo = 0; lo < a.length; lo += 2 * width) {
      const mid = Math.min(lo + width, a.length)
      const hi = Math.min(lo + 2 * width, a.length)
      let i = lo
      let j = mid
      for (let k = lo; k < hi; k++) {
        b[k] = i < mid && (j >= hi || cmp(a[i], a[j]) <= 0) ? a[i++] : a[j++]
        if (++n % (STEP * 16) === 0) yield
      }
    }
    ;[a, b] = [b, a]
  }
  return a
}

const isPages = (input: IndexedInstitution[] | DocColumns[]): input is DocColumns[] => input[0] instanceof DocColumns

/** Positions of the docs in list order (status rank; character length of name; name; id — as listOrder), from
 *  their columns without making a string. */
function* rankOrder(cols: DocColumns): Generator<void, Int32Array> {
  const n = cols.size
  const statusRank = INSTITUTION_STATUSES.map((s) => STATUS_RANK[s])
  const len = new Uint32Array(n)
  for (let i = 0; i < n; i++) {
    len[i] = cols.name.codePoints(i)
    if (i % (STEP * 16) === 0) yield
  }
  const { status, name, id } = cols
  const order = yield* sorted(
    Array.from({ length: n }, (_, i) => i),
    (a, b) => statusRank[status[a]] - statusRank[status[b]] || len[a] - len[b] || name.compareAt(a, name, b) || id.compareAt(a, id, b),
  )
  return Int32Array.from(order)
}

/** Runs a build to the end, giving the event loop a turn whenever a slice has run `sliceMs`; `stopped` is asked
 *  between slices (a server shutting down while its index is still being built) and ends the build with BuildStopped. */
export async function runSliced<T>(steps: Generator<void, T>, sliceMs: number, stopped: () => boolean = () => false): Promise<{ value: T; longestSliceMs: number }> {
  let longest = 0
  for (;;) {
    if (stopped()) throw new BuildStopped()
    const t0 = performance.now()
    let r = steps.next()
    while (!r.done && performance.now() - t0 < sliceMs) r = steps.next()
    longest = Math.max(longest, performance.now() - t0)
    if (r.done) return { value: r.value, longestSliceMs: longest }
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** A build given up because its owner stopped (not a failure: nothing to report). */
export class BuildStopped extends Error {
  constructor() {
    super('搜索索引构建已停止')
  }
}

/** Ranks present in every list (all sorted ascending). */
function intersect(lists: Int32Array[]): Int32Array {
  if (lists.length === 0) return new Int32Array(0)
  const sorted = [...lists].sort((a, b) => a.length - b.length)
  let acc = sorted[0]
  for (let k = 1; k < sorted.length && acc.length; k++) {
    const other = sorted[k]
    const out = new Int32Array(acc.length)
    let n = 0
    let j = 0
    for (let i = 0; i < acc.length; i++) {
      const v = acc[i]
      // Gallop from the last position (the other list is the longer one), then binary-search the bracket.
      let bound = 1
      while (j + bound < other.length && other[j + bound] < v) bound *= 2
      let lo = j + (bound >> 1)
      let hi = Math.min(j + bound, other.length)
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (other[mid] < v) lo = mid + 1
        else hi = mid
      }
      j = lo
      if (j < other.length && other[j] === v) out[n++] = v
    }
    acc = out.subarray(0, n)
  }
  return acc
}

/** The first position in sorted `list` at or after `at` holding a value ≥ v (doubling steps, then bisection). */
function gallop(list: Int32Array, at: number, v: number): number {
  if (at >= list.length || list[at] >= v) return at
  let bound = 1
  while (at + bound < list.length && list[at + bound] < v) bound *= 2
  let lo = at + (bound >> 1) + 1
  let hi = Math.min(at + bound, list.length)
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid] < v) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The first position in sorted `list` at or after `at` holding a value ≥ v. */
function lowerBound(list: Int32Array, at: number, v: number): number {
  let lo = at
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (list[mid] < v) lo = mid + 1
    else hi = mid
  }
  return lo
}

function union(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length)
  let i = 0
  let j = 0
  let n = 0
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out[n++] = a[i++]
    else if (i >= a.length || b[j] < a[i]) out[n++] = b[j++]
    else {
      out[n++] = a[i++]
      j++
    }
  }
  return out.subarray(0, n)
}

const EMPTY = new Int32Array(0)
/** Per-side scratch for MemoryIndex.pinyinMatches (searches run one at a time on this thread): a fresh pair of
 *  buffers per search was ~80 KiB of off-heap allocation per request for a total counted to 10,001. */
let scratch = [new Int32Array(TOTAL_CAP + 1), new Int32Array(TOTAL_CAP + 1)]

export class MemoryIndex {
  size = 0
  private cols = new DocColumns()
  private all: Int32Array = EMPTY
  private nameGrams: [PostingTable, PostingTable, PostingTable] = [new PostingTable(), new PostingTable(), new PostingTable()] // 1-, 2-, 3-character slices of the lower-cased name
  private pinyin3 = new PostingTable()
  /** 4-letter slices of pinyin, for terms of 4 letters or more: a 3-letter slice of pinyin is in so many names
   *  (few distinct slices over a million names) that walking even the shortest of a term's lists took ~1 ms per
   *  search at 1,000,000 institutions; the shortest 4-letter list is several times shorter. */
  private pinyin4 = new PostingTable()
  /** 5-letter slices of pinyin, for terms of 5 letters or more (most pinyin a parent types: two or three syllables).
   *  A 5-letter slice is in fewer names than a 4-letter one: the walk of a full-pinyin term on a 250,000-name shard of
   *  the million went from ~146 to ~97 µs (84 with coverLists), for ~38 MiB a shard (bench/ANALYSIS.md §15).
   *  4-letter terms keep pinyin4: from 3-letter lists they cost thirty times as much. */
  private pinyin5 = new PostingTable()
  private initials3 = new PostingTable()
  private byUscc = new RankTable(this.cols.uscc, 0)
  private byLicense = new RankTable(this.cols.licenseNo, 0)
  /** Ranks ordered by USCC, for prefix look-ups by binary search. */
  private usccOrder: Int32Array = EMPTY
  /** Bytes held in posting lists, facet lists and nearest trees (the docs themselves not counted): for the build log. */
  get listBytes(): number {
    let n = this.all.byteLength + this.usccOrder.byteLength
    for (const p of [...this.nameGrams, this.pinyin3, this.pinyin4, this.pinyin5, this.initials3, this.facets]) n += p.bytes
    for (const t of [this.tree, ...this.districtTrees]) n += t.bytes
    return n
  }
  /** Bytes held by the documents' columns and the id / USCC / licence tables. */
  get docBytes(): number {
    return this.cols.bytes + this.rankById.bytes + this.byUscc.bytes + this.byLicense.bytes
  }
  /** Ranks with each combination of district / category / status (absent parts match anything), in rank order:
   *  a filtered list without text is one of these, sliced. Seven partitions of all ranks: 7 × 4 bytes per doc. */
  private facets = new PostingTable()
  /** Every rank in a k-d tree, and each district's ranks in one of their own, for nearest-first pages
   *  (nearestTree.ts): a filter naming a district searches only that district's members. */
  private tree = NearestTree.empty()
  private districtTrees: NearestTree[] = []
  /** Institutions per district code (the walk's expected cost depends on how dense the filter's members are). */
  private districtSizes = new Int32Array(DISTRICTS.length)
  /** Matches per query text, most recently used last; bounded by the number of ranks held. */
  private readonly termCache = new Map<string, Int32Array>()
  private termCacheSize = 0

  /** Ids to ranks, for laying changed rows over this index (overlay.ts). */
  private rankById = new RankTable(this.cols.id, 0)

  /** @param termCacheRanks how many matched ranks the per-term cache may hold (0 turns it off).
   *  @param scoreAllBelow nearest-first pages of at most this many matches are scored and sorted; larger ones search a k-d tree.
   *  Builds at once, holding the thread (tests, tools); a serving process uses MemoryIndex.build. */
  constructor(
    input: IndexedInstitution[],
    private readonly termCacheRanks = 4_000_000,
    private readonly scoreAllBelow = 2000,
    now = true,
  ) {
    if (!now) return
    const steps = this.init(input)
    while (!steps.next().done);
  }

  /** Builds in slices of about `sliceMs`, letting searches and writes run between them: at 100,000 institutions a
   *  build is seconds of work, and a server must not stop answering for that long.
   *  `input`: the docs, or pages of them already in columns (indexRows.readSnapshot), in any order.
   *  `release`: empty `input` once its docs are in columns, so a million objects (or the pages) do not stay beside
   *  the index being built (they were most of the peak while a new index was built beside a serving one). */
  static async build(input: IndexedInstitution[] | DocColumns[], opts: { termCacheRanks?: number; scoreAllBelow?: number; sliceMs?: number; release?: boolean; stopped?: () => boolean; syllables?: boolean } = {}) {
    const index = new MemoryIndex([], opts.termCacheRanks, opts.scoreAllBelow, false)
    const { longestSliceMs } = await runSliced(index.init(input, opts.release ?? false, opts.syllables ?? true), opts.sliceMs ?? 10, opts.stopped)
    return { index, longestSliceMs }
  }

  /** @param syllables split each name for highlights (DocColumns.syllables); off for an overlay's changed rows, which
   *  a highlight splits from their columns. */
  private *init(input: IndexedInstitution[] | DocColumns[], release = false, syllables = true): Generator<void, void> {
    // Into columns in the order given first (the rows can go then), then into rank order from the columns.
    // (Pages read into columns: joined.)
    let given: DocColumns | undefined = isPages(input) ? DocColumns.concat(input) : yield* DocColumns.build(input, false)
    if (release) input.length = 0
    const cols = (this.cols = yield* DocColumns.permuted(given, yield* rankOrder(given), syllables, true))
    given = undefined // not held by this frame while the lists are built
    // Code order, ties (none: codes are unique) by rank.
    const ranks = Array.from({ length: cols.size }, (_, r) => r)
    this.usccOrder = Int32Array.from(yield* sorted(ranks, (a, b) => cols.uscc.compareAt(a, cols.uscc, b)))
    this.size = cols.size
    this.all = new Int32Array(cols.size)
    for (let i = 0; i < cols.size; i++) {
      this.all[i] = i
      if (i % (STEP * 16) === 0) yield
    }
    this.rankById = yield* RankTable.build(cols.id, cols.size)
    this.byUscc = yield* RankTable.build(cols.uscc, cols.size)
    this.byLicense = yield* RankTable.build(cols.licenseNo, cols.size)
    for (const n of [1, 2, 3]) this.nameGrams[n - 1] = yield* PostingTable.build(cols.size, (rank) => grams(cols.lowerName.get(rank), n))
    this.pinyin3 = yield* PostingTable.build(cols.size, (rank) => grams(cols.pinyin.get(rank), 3))
    this.pinyin4 = yield* PostingTable.build(cols.size, (rank) => grams(cols.pinyin.get(rank), 4))
    this.pinyin5 = yield* PostingTable.build(cols.size, (rank) => grams(cols.pinyin.get(rank), 5))
    this.initials3 = yield* PostingTable.build(cols.size, (rank) => grams(cols.initials.get(rank), 3))
    this.facets = yield* PostingTable.build(cols.size, (rank) => {
      const district = DISTRICTS[cols.district[rank]]
      const category = CATEGORIES[cols.category[rank]]
      const status = INSTITUTION_STATUSES[cols.status[rank]]
      const keys: string[] = []
      for (let mask = 1; mask < 8; mask++) keys.push(facetKey(mask & 1 ? district : undefined, mask & 2 ? category : undefined, mask & 4 ? status : undefined))
      return keys
    })
    this.tree = yield* NearestTree.build(this.all, cols.lat, cols.lng)
    for (let d = 0; d < DISTRICTS.length; d++) this.districtTrees.push(yield* NearestTree.build(this.facets.get(facetKey(DISTRICTS[d])) ?? EMPTY, cols.lat, cols.lng))
    for (let rank = 0; rank < cols.size; rank++) this.districtSizes[cols.district[rank]]++
  }

  /** Whether the doc at a rank is among the matches of a USCC-prefix query (code order): its code starts with the
   *  prefix and it passes the filters. Asked per changed row by the overlay, without materialising docs. */
  prefixMatcher(q: IndexQuery): (rank: number) => boolean {
    const { uscc } = this.cols
    const filter = this.cols.filter(q)
    const prefix = q.query.term
    return (rank) => uscc.startsWith(rank, prefix) && filter(rank)
  }

  /** The doc at a rank, and the rank of an id (undefined: not in this index). */
  docAt(rank: number): IndexedInstitution {
    return this.cols.doc(rank)
  }
  /** The doc at a rank as a page lists it (ListedDoc). */
  listedAt(rank: number): ListedDoc {
    return this.cols.listed(rank)
  }
  rankOf(id: string): number | undefined {
    return this.rankById.get(id)
  }

  /** The syllables of the name at a rank, as a highlight finds them (DocColumns.syllables); null: ask the dictionary
   *  (and always for an index built without them). */
  syllablesAt(rank: number): string[] | null {
    return this.cols.syllables.at(rank)
  }

  /** Ranks matching the query text, in rank order (USCC prefixes: in code order, the natural order for codes). */
  private candidates(q: ClassifiedQuery): Int32Array {
    switch (q.kind) {
      case 'empty':
        return this.all
      case 'uscc': {
        const r = this.byUscc.get(q.term)
        return r === undefined ? EMPTY : Int32Array.of(r)
      }
      case 'license': {
        const r = this.byLicense.get(q.term)
        return r === undefined ? EMPTY : Int32Array.of(r)
      }
      case 'uscc_prefix':
        return this.usccPrefix(q.term)
      case 'chinese': {
        const chars = Array.from(q.term.toLowerCase())
        const n = Math.min(chars.length, 3)
        const lists = [...grams(q.term.toLowerCase(), n)].map((g) => this.nameGrams[n - 1].get(g) ?? EMPTY)
        const found = intersect(lists)
        // Up to three characters the gram is the term itself; longer terms need their slices adjacent.
        if (chars.length <= 3) return found
        const term = q.term.toLowerCase()
        const names = this.cols.lowerName
        return this.keepRanks(found, (r) => names.includes(r, term))
      }
      case 'pinyin': {
        const t = q.term
        const { pinyin, initials } = this.cols
        if (t.length < 3) return this.keepRanks(this.all, (r) => pinyin.includes(r, t) || initials.includes(r, t))
        // The same walk as a page's (pinyinMatches), run to the end: one rule for which slices are intersected.
        return union(this.pinyinSideAll(this.pinyinLists(t), pinyin, t), this.pinyinSideAll([this.initials3, 3], initials, t))
      }
    }
  }

  /** Matches of the query text, cached per text: the same words are searched again and again (and by every filter). */
  private cachedCandidates(q: ClassifiedQuery): Int32Array {
    if (q.kind === 'empty' || q.kind === 'uscc' || q.kind === 'license' || this.termCacheRanks === 0) return this.candidates(q)
    const key = `${q.kind}:${q.term}`
    const hit = this.termCache.get(key)
    if (hit) {
      this.termCache.delete(key)
      this.termCache.set(key, hit)
      return hit
    }
    const found = this.candidates(q)
    this.termCache.set(key, found)
    this.termCacheSize += found.length + 16
    for (const [k, v] of this.termCache) {
      if (this.termCacheSize <= this.termCacheRanks) break
      this.termCache.delete(k)
      this.termCacheSize -= v.length + 16
    }
    return found
  }

  private usccPrefix(prefix: string): Int32Array {
    const order = this.usccOrder
    const codes = this.cols.uscc
    const below = (i: number, s: string) => codes.compare(order[i], s) < 0
    let lo = 0
    let hi = order.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (below(mid, prefix)) lo = mid + 1
      else hi = mid
    }
    // Codes use only [0-9A-Z]; every code starting with the prefix sorts before prefix + '~'.
    const upper = prefix + '~'
    let end = lo
    let top = order.length
    while (end < top) {
      const mid = (end + top) >> 1
      if (below(mid, upper)) end = mid + 1
      else top = mid
    }
    return order.subarray(lo, end)
  }

  private keepRanks(ranks: Int32Array, pred: (rank: number) => boolean): Int32Array {
    const out = new Int32Array(ranks.length)
    let n = 0
    for (let i = 0; i < ranks.length; i++) if (pred(ranks[i])) out[n++] = ranks[i]
    return out.subarray(0, n)
  }

  /** The first `need` matches of the query and its filters at rank `from` or after, in rank order (fewer: there are
   *  no more). Not for USCC prefixes (code order). A page needs 21 of them and a total at most 10,001, so a pinyin
   *  term not in the cache is evaluated lazily, in rank order, stopping there: intersecting its whole 3-letter
   *  lists and confirming every candidate took 1–5 ms at 1,000,000 institutions for terms that match tens of
   *  thousands (ANALYSIS.md §6). Other kinds slice their match list. */
  firstMatches(q: IndexQuery, from: number, need: number): Int32Array {
    if (q.query.kind === 'pinyin' && !this.termCache.has(`pinyin:${q.query.term}`)) {
      const filtered = !!(q.district || q.category || q.status)
      return this.pinyinMatches(q.query.term, from, need, filtered ? this.cols.filter(q) : undefined)
    }
    const ranks = this.matches(q)
    const lo = from > 0 ? lowerBound(ranks, 0, from) : 0
    return ranks.subarray(lo, lo + need)
  }

  /** The rank a keyset page starts at: the first doc listed after the cursor's key (0 without a key cursor). */
  rankAfter(q: IndexQuery): number {
    const cmp = afterCursor(q)
    if (!cmp || q.query.kind === 'uscc_prefix') return 0
    let lo = 0
    let hi = this.size
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cmp(this.cols.listed(mid)) <= 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** The first `need` ranks from `from` on whose pinyin or initials contain `t` (and that pass `filter`), ascending.
   *  Each side (pinyin: 5-letter slices for terms that long, else 4 or 3; initials: 3) collects its own first `need` — the first
   *  `need` of the union are among them — by walking its shortest list and galloping the covering ones (coverLists) forward to each
   *  candidate, then confirming the whole term; the two are merged. Collected in plain loops into scratch buffers:
   *  the lazy stream this replaced (a closure call per match, a JS array, then a copy) cost 1.4–2× as much. */
  private pinyinMatches(t: string, from: number, need: number, filter?: (r: number) => boolean): Int32Array {
    if (need <= 0) return EMPTY
    if (scratch[0].length < need) scratch = [new Int32Array(need), new Int32Array(need)]
    const [a, b] = scratch
    const na = this.pinyinSide(a, this.pinyinLists(t), this.cols.pinyin, t, from, need, filter)
    const nb = this.pinyinSide(b, [this.initials3, 3], this.cols.initials, t, from, need, filter)
    if (nb === 0) return a.slice(0, na)
    if (na === 0) return b.slice(0, nb)
    const out = new Int32Array(Math.min(need, na + nb))
    let i = 0
    let j = 0
    let k = 0
    while (k < out.length && (i < na || j < nb)) {
      if (j >= nb || (i < na && a[i] < b[j])) out[k++] = a[i++]
      else if (i >= na || b[j] < a[i]) out[k++] = b[j++]
      else {
        out[k++] = a[i++]
        j++
      }
    }
    return out.subarray(0, k)
  }

  /** The pinyin side's slice lists for a term: 5-letter slices for terms that long, else 4 or 3 (the initials side
   *  always has 3), with the slices' length. */
  private pinyinLists(t: string): SliceLists {
    return t.length >= 5 ? [this.pinyin5, 5] : t.length === 4 ? [this.pinyin4, 4] : [this.pinyin3, 3]
  }

  /** Every match of one side, in rank order (a term of 3 letters or more): pinyinSide run to the end, into a buffer
   *  as long as its driver list, copied to size so a cached answer does not hold the buffer. */
  private pinyinSideAll(lists: SliceLists, text: DocColumns['pinyin'], t: string): Int32Array {
    const ls = coverLists(t, lists[1], lists[0])
    if (!ls) return EMPTY
    const out = new Int32Array(ls[0].length)
    return out.slice(0, this.pinyinSide(out, lists, text, t, 0, out.length))
  }

  /** One side of pinyinMatches: writes its first `need` matches from `from` on into `out`, returns how many. */
  private pinyinSide(out: Int32Array, [lists, n]: SliceLists, text: DocColumns['pinyin'], t: string, from: number, need: number, filter?: (r: number) => boolean): number {
    let k = 0
    if (t.length < 3) {
      // No 3-letter slice to look up: every rank is a candidate (the walk stops early for common terms).
      for (let r = from; r < this.size; r++) {
        if (text.includes(r, t) && (!filter || filter(r))) {
          out[k++] = r
          if (k >= need) break
        }
      }
      return k
    }
    const ls = coverLists(t, n, lists)
    if (!ls) return 0
    const at = ls.map((l) => lowerBound(l, 0, from))
    const driver = ls[0]
    const confirm = t.length > n
    next: for (let i = at[0]; i < driver.length; i++) {
      const v = driver[i]
      for (let q = 1; q < ls.length; q++) {
        const l = ls[q]
        const j = gallop(l, at[q], v)
        at[q] = j
        if (j >= l.length) return k // a list ran out: nothing further can be in all of them
        if (l[j] !== v) continue next
      }
      if ((!confirm || text.includes(v, t)) && (!filter || filter(v))) {
        out[k++] = v
        if (k >= need) return k
      }
    }
    return k
  }

  /** Every match of the query and its filters: in rank order, or code order for USCC prefixes. */
  matches(q: IndexQuery): Int32Array {
    const filtered = !!(q.district || q.category || q.status)
    const facet = filtered ? this.facets.get(facetKey(q.district, q.category, q.status)) ?? EMPTY : this.all
    if (q.query.kind === 'empty') return facet
    if (q.query.kind === 'uscc_prefix') {
      // Code order, not rank order: filter by looking at each (prefixes of 8+ characters match few).
      const ranks = this.cachedCandidates(q.query)
      return filtered ? this.keepRanks(ranks, this.cols.filter(q)) : ranks
    }
    const ranks = this.cachedCandidates(q.query)
    return filtered ? intersect([ranks, facet]) : ranks
  }

  /** @param countTo the most matches the total counts (more: capped). A shard of several is given what the shards
   *  before it left of TOTAL_CAP (ShardedIndex), so a common term is counted to 10,000 once, not once per shard.
   *  @param within nearest first: only matches at most this many metres away make the page (and `more`); the total
   *  counts them all. A shard of several is told how far the page already reaches (ShardedIndex). */
  search(q: IndexQuery, countTo = TOTAL_CAP, within = Infinity): SearchPage<IndexHit> {
    const distance = q.near ? this.distanceAt(q.near) : undefined
    const withSyllables = q.query.kind === 'pinyin'
    const hits = (page: ArrayLike<number>) =>
      Array.from(page, (r): IndexHit => {
        const hit: IndexHit = { doc: this.cols.listed(r), distanceM: distance ? distance(r) : null }
        if (withSyllables) hit.syllables = this.cols.syllables.at(r)
        return hit
      })
    if (q.sortByDistance && q.near) {
      const ranks = this.matches(q)
      const offset = q.after?.kind === 'offset' ? q.after.offset : 0
      const found = this.nearestRanks(ranks, q, offset + q.limit + 1, undefined, within)
      return { hits: hits(found.slice(offset, offset + q.limit)), total: Math.min(ranks.length, countTo), capped: ranks.length > countTo, more: found.length > offset + q.limit }
    }
    if (q.query.kind === 'uscc_prefix') {
      const ranks = this.matches(q)
      const start = this.startOf(ranks, q)
      return { hits: hits(ranks.subarray(start, start + q.limit)), total: Math.min(ranks.length, countTo), capped: ranks.length > countTo, more: start + q.limit < ranks.length }
    }
    // Rank order: a total needs at most countTo + 1 matches, a page its own and one more.
    const head = this.firstMatches(q, 0, Math.max(countTo, q.limit) + 1)
    const page = this.pageRanks(q, head, q.limit + 1)
    return { hits: hits(page.subarray(0, q.limit)), total: Math.min(head.length, countTo), capped: head.length > countTo, more: page.length > q.limit }
  }

  /** Up to `need` matches where the query's page starts (rank order), given `head`, the first matches from rank 0
   *  (all of them when fewer than asked for). Offsets count from the first match; keys resume at their rank. */
  pageRanks(q: IndexQuery, head: Int32Array, need: number): Int32Array {
    const after = q.after
    if (after?.kind === 'offset') {
      const end = after.offset + need
      return (head.length >= end ? head : this.firstMatches(q, 0, end)).subarray(after.offset, end)
    }
    const from = this.rankAfter(q)
    if (from === 0) return head.subarray(0, need)
    return this.firstMatches(q, from, need)
  }

  /** Metres from `near` to the doc at a rank (the formula of distanceFrom, on the columns). */
  private distanceAt(near: { lat: number; lng: number }): (r: number) => number {
    const metres = metresFrom(near)
    const { lat, lng } = this.cols
    return (r) => metres(lat[r], lng[r])
  }

  /** The k matches (of `matches(q)`) nearest to q.near, nearest first, ties by rank; ranks set in `dead` are passed over. */
  nearestRanks(ranks: Int32Array, q: IndexQuery, k: number, dead?: Uint8Array, within = Infinity): number[] {
    const near = q.near!
    const distance = this.distanceAt(near)
    const district = q.district ? DISTRICT_INDEX.get(q.district) : undefined
    if (q.query.kind === 'uscc_prefix') return nearest(ranks, distance, k, dead, within)
    if (q.query.kind === 'empty' && (q.district || q.category || q.status)) {
      // Filters without text: search the district's own tree (or, without a district, the shared one) when that
      // costs less than scoring every member. Members are spread over their domain (the district, or the map) at
      // density f = matches / domain; the search looks at about 2k / f docs before k members lie inside its bound.
      const domain = district === undefined ? this.size : this.districtSizes[district]
      const walk = this.scoreAllBelow === 0 || (ranks.length > this.scoreAllBelow && 2 * k * domain < ranks.length * ranks.length)
      if (!walk) return nearest(ranks, distance, k, dead, within)
      return this.nearestByTree(ranks, this.cols.filter(q), near, k, dead, district, within)
    }
    // Text: the tree only for match sets covering much of the map (its members are looked up in a bitset built
    // from the matches, as costly as scoring them). (scoreAllBelow 0: always the tree — tests.)
    return ranks.length <= Math.max(this.scoreAllBelow, this.scoreAllBelow > 0 ? this.size / 4 : 0)
      ? nearest(ranks, distance, k, dead, within)
      : this.nearestByTree(ranks, q.query.kind === 'empty' ? this.cols.filter(q) : undefined, near, k, dead, undefined, within)
  }

  /** Position in `ranks` where the page starts: binary search for the first match after the cursor's key. */
  startOf(ranks: Int32Array, q: IndexQuery): number {
    const after = q.after
    if (!after) return 0
    if (after.kind === 'offset') return Math.min(after.offset, ranks.length)
    const cmp = afterCursor(q)
    if (!cmp) return 0
    let lo = 0
    let hi = ranks.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cmp(this.cols.listed(ranks[mid])) <= 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** The k matches nearest to `near` (ties by rank), from the tree of every rank or of the district's. */
  private nearestByTree(ranks: Int32Array, filter: ((r: number) => boolean) | undefined, near: { lat: number; lng: number }, k: number, dead?: Uint8Array, district?: number, within = Infinity): number[] {
    let matching: (r: number) => boolean
    if (ranks === this.all) matching = () => true
    else if (filter) matching = filter
    else {
      const bits = new Uint32Array((this.size >>> 5) + 1)
      for (let i = 0; i < ranks.length; i++) bits[ranks[i] >>> 5] |= 1 << (ranks[i] & 31)
      matching = (r) => (bits[r >>> 5] & (1 << (r & 31))) !== 0
    }
    const member = dead ? (r: number) => dead[r] === 0 && matching(r) : matching
    const tree = district === undefined ? this.tree : this.districtTrees[district]
    return tree.nearest(k, member, this.distanceAt(near), near, metresFrom(near), within)
  }
}

export const matchesFilters = (d: ListedDoc, q: IndexQuery) =>
  (!q.district || d.district === q.district) && (!q.category || d.category === q.category) && (!q.status || d.status === q.status)

const DISTRICT_INDEX = new Map<string, number>(DISTRICTS.map((d, i) => [d, i]))
const facetKey = (district?: string, category?: string, status?: string) => `${district ?? ''}|${category ?? ''}|${status ?? ''}`

/** Same formula as the SQL path (equirectangular, rounded to the metre). */
export function distanceFrom(near: { lat: number; lng: number }) {
  const metres = metresFrom(near)
  return (d: { lat: number; lng: number }) => metres(d.lat, d.lng)
}

function metresFrom(near: { lat: number; lng: number }) {
  const k = Math.cos((near.lat * Math.PI) / 180)
  const rad = Math.PI / 180
  return (lat: number, lng: number) => Math.round(6371000 * Math.sqrt(((lat - near.lat) * rad) ** 2 + (k * (lng - near.lng) * rad) ** 2))
}

/** The k nearest ranks, nearest first, ties by rank (the SQL path orders by distance, then id — see note in the repo). */
function nearest(ranks: Int32Array, dist: (r: number) => number, k: number, dead?: Uint8Array, within = Infinity): number[] {
  if (k <= 0) return []
  const best = new NearestK(k)
  for (let i = 0; i < ranks.length; i++) {
    if (dead && dead[ranks[i]] !== 0) continue
    const d = dist(ranks[i])
    if (d <= within) best.offer(d, ranks[i])
  }
  return best.sorted()
}

/** List order (status rank; character length of name; name; id — by code point), the order of ranks. */
export function listOrder(a: ListedDoc, b: ListedDoc): number {
  return listOrderOfLengths(a, Array.from(a.name).length, b, Array.from(b.name).length)
}

/** listOrder with each name's length in code points worked out by the caller once: sorting thousands of changed rows
 *  (overlay.ts) or merging shards' pages (shardedIndex.ts), counting the characters on every comparison was most of
 *  the work. */
export function listOrderOfLengths(a: ListedDoc, aLen: number, b: ListedDoc, bLen: number): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status] || aLen - bLen || byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id)
}

/** Code order, the order of USCC-prefix lists (codes are unique). */
export const codeOrder = (a: ListedDoc, b: ListedDoc) => byCodePoint(a.uscc, b.uscc) || byCodePoint(a.id, b.id)

/** > 0 when a doc lists after the query's cursor key; undefined when the cursor is not a key of this list. */
export function afterCursor(q: IndexQuery): ((d: ListedDoc) => number) | undefined {
  const after = q.after
  if (!after || after.kind === 'offset') return undefined
  if (q.query.kind === 'uscc_prefix') return after.kind === 'uscc' ? (d) => byCodePoint(d.uscc, after.uscc) : undefined
  if (after.kind !== 'key') return undefined
  const len = Array.from(after.name).length
  return (d) => STATUS_RANK[d.status] - after.rank || Array.from(d.name).length - len || byCodePoint(d.name, after.name) || byCodePoint(d.id, after.id)
}

/** Whether a doc matches the query text: what the posting lists answer, asked of one doc (rows changed since the build). */
export function matchesText(d: IndexedInstitution, q: ClassifiedQuery): boolean {
  switch (q.kind) {
    case 'empty':
      return true
    case 'uscc':
      return d.uscc === q.term
    case 'license':
      return d.licenseNo === q.term
    case 'uscc_prefix':
      return d.uscc.startsWith(q.term)
    case 'chinese':
      return d.name.toLowerCase().includes(q.term.toLowerCase())
    case 'pinyin':
      return d.pinyin.includes(q.term) || d.initials.includes(q.term)
  }
}
