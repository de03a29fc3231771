// The index's documents as columns: small codes and numbers in typed arrays, each string field packed into one
// string with offsets. Why (issue 12, point 6): at 1,000,000 institutions a JS object per institution with a dozen
// strings of its own (plus three Maps of a million string keys for id, USCC and licence look-ups) held ~2 GiB in
// the gateway; typed arrays and one string per field hold the same data in a fraction of that, and most of it
// outside the JS heap, so the garbage collector does not walk it. A page materialises its 20 docs (docAt).
//
// Strings compare as JS compares them (UTF-16 code units, the order `a < b` gives), so every order stays the one
// MemoryIndex and the SQL path (COLLATE "C" on UTF-8, the same order for these names) agree on.
import { CATEGORIES, DISTRICTS, INSTITUTION_STATUSES, type Category, type District, type InstitutionStatus } from '../../../src/domain/catalog'
import { syllables, syllablesFromColumns } from '../../store/searchText'
import type { IndexedInstitution, ListedDoc } from './memoryIndex'

/** Work between two looks at the clock while building (see MemoryIndex.build): every step here is sliced, since at
 *  1,000,000 docs one unsliced pass held the thread for seconds. */
const STEP = 4096

/** Strings 0..n-1 stored end to end in one string; `start[i]..start[i+1]` is the i-th. */
export class PackedStrings {
  private text = ''
  private start = new Uint32Array(1)

  constructor(values: ArrayLike<string> = []) {
    const steps = PackedStrings.build(values.length, (i) => values[i])
    let r = steps.next()
    while (!r.done) r = steps.next()
    return r.value
  }

  /** Built in slices: STEP strings joined at a time, then the parts joined into one flat string (not a rope of a
   *  million pieces). */
  static *build(n: number, value: (i: number) => string): Generator<void, PackedStrings> {
    const out = Object.create(PackedStrings.prototype) as PackedStrings
    out.start = new Uint32Array(n + 1)
    const parts: string[] = []
    let at = 0
    for (let lo = 0; lo < n; lo += STEP) {
      const chunk: string[] = []
      for (let i = lo; i < Math.min(n, lo + STEP); i++) {
        const v = value(i)
        out.start[i] = at
        at += v.length
        chunk.push(v)
      }
      parts.push(chunk.join(''))
      yield
    }
    out.start[n] = at
    out.text = parts.join('')
    return out
  }

  get bytes(): number {
    return this.text.length * 2 + this.start.byteLength
  }

  get(i: number): string {
    return this.text.slice(this.start[i], this.start[i + 1])
  }

  /** Where the i-th string starts in the packed text (the end of the (i-1)-th). */
  offset(i: number): number {
    return this.start[i]
  }

  /** The i-th string equals s (no copy made). */
  equals(i: number, s: string): boolean {
    const a = this.start[i]
    return this.start[i + 1] - a === s.length && this.text.startsWith(s, a)
  }

  /** The i-th string starts with s (no copy made). */
  startsWith(i: number, s: string): boolean {
    return this.start[i + 1] - this.start[i] >= s.length && this.text.startsWith(s, this.start[i])
  }

  /** Compares the i-th string with s by UTF-16 code unit, as `<` does (no copy made). */
  compare(i: number, s: string): number {
    const a = this.start[i]
    const len = this.start[i + 1] - a
    const n = Math.min(len, s.length)
    for (let k = 0; k < n; k++) {
      const d = this.text.charCodeAt(a + k) - s.charCodeAt(k)
      if (d !== 0) return d
    }
    return len - s.length
  }

  /** Compares the i-th string with `other`'s j-th by UTF-16 code unit, as `<` does (no copy made). */
  compareAt(i: number, other: PackedStrings, j: number): number {
    const a = this.start[i]
    const b = other.start[j]
    const la = this.start[i + 1] - a
    const lb = other.start[j + 1] - b
    const n = Math.min(la, lb)
    for (let k = 0; k < n; k++) {
      const d = this.text.charCodeAt(a + k) - other.text.charCodeAt(b + k)
      if (d !== 0) return d
    }
    return la - lb
  }

  /** The i-th string's length in code points (what Array.from(s).length counts), with no copy made. */
  codePoints(i: number): number {
    let n = 0
    for (let k = this.start[i]; k < this.start[i + 1]; k++) {
      const c = this.text.charCodeAt(k)
      if (c < 0xdc00 || c > 0xdfff) n++ // a low surrogate ends a pair already counted
    }
    return n
  }

  /** The strings of each part, one part after another. */
  static concat(parts: PackedStrings[]): PackedStrings {
    const out = Object.create(PackedStrings.prototype) as PackedStrings
    const n = parts.reduce((a, p) => a + p.start.length - 1, 0)
    out.start = new Uint32Array(n + 1)
    let i = 0
    let at = 0
    for (const p of parts) {
      for (let k = 0; k < p.start.length - 1; k++) out.start[i++] = at + p.start[k]
      at += p.start[p.start.length - 1]
    }
    out.start[n] = at
    out.text = parts.map((p) => p.text).join('')
    return out
  }

  /** The i-th string contains t (no copy made: a slice per candidate was most of a pinyin search's garbage). */
  includes(i: number, t: string): boolean {
    if (t.length === 0) return true
    const first = t.charCodeAt(0)
    for (let p = this.start[i], last = this.start[i + 1] - t.length; p <= last; p++) {
      if (this.text.charCodeAt(p) === first && this.text.startsWith(t, p)) return true
    }
    return false
  }

  /** A hash of the i-th string, equal to hashString of the same string. */
  hash(i: number): number {
    let h = 0x811c9dc5
    for (let k = this.start[i]; k < this.start[i + 1]; k++) h = Math.imul(h ^ this.text.charCodeAt(k), 0x01000193)
    return h >>> 0
  }
}

/** Runs a sliced build to its end at once (a page of rows, a worker's build). */
export function runNow<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next()
    if (r.done) return r.value
  }
}

export function hashString(s: string): number {
  let h = 0x811c9dc5
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193)
  return h >>> 0
}

/** Rank of a string among the packed ones (unique values), by open addressing: a Map of a million string keys held
 *  ~100 MiB of key strings and entries; this holds 4 bytes per slot at most half full. */
export class RankTable {
  private slots = new Int32Array(16)
  private mask = 15

  constructor(
    private readonly strings: PackedStrings,
    n = 0,
  ) {
    const steps = this.fill(n)
    while (!steps.next().done);
  }

  static *build(strings: PackedStrings, n: number): Generator<void, RankTable> {
    const table = new RankTable(strings)
    yield* table.fill(n)
    return table
  }

  private *fill(n: number): Generator<void, void> {
    let cap = 16
    while (cap < n * 2) cap *= 2
    this.slots = new Int32Array(cap) // rank + 1; 0 is empty
    this.mask = cap - 1
    // A repeated value keeps its first rank, as Map.set in rank order kept its last: values are unique here (ids,
    // USCCs and licence numbers are unique in the table).
    for (let r = 0; r < n; r++) {
      let s = this.strings.hash(r) & this.mask
      while (this.slots[s] !== 0) s = (s + 1) & this.mask
      this.slots[s] = r + 1
      if (r % STEP === 0) yield
    }
  }

  get bytes(): number {
    return this.slots.byteLength
  }

  get(value: string): number | undefined {
    for (let s = hashString(value) & this.mask; this.slots[s] !== 0; s = (s + 1) & this.mask) {
      const r = this.slots[s] - 1
      if (this.strings.equals(r, value)) return r
    }
    return undefined
  }
}

const codes = <T extends string>(list: readonly T[]) => new Map(list.map((v, i) => [v, i]))
const STATUS_CODE = codes(INSTITUTION_STATUSES)
const CATEGORY_CODE = codes(CATEGORIES)
const DISTRICT_CODE = codes(DISTRICTS)

/** The columns held as packed strings. */
const STRING_FIELDS = ['id', 'name', 'lowerName', 'address', 'uscc', 'licenseNo', 'pinyin', 'initials'] as const

/** Every field of IndexedInstitution, by rank. */
export class DocColumns {
  size = 0
  status = new Uint8Array(0)
  category = new Uint8Array(0)
  district = new Uint8Array(0)
  lat = new Float64Array(0)
  lng = new Float64Array(0)
  id = new PackedStrings()
  name = new PackedStrings()
  /** Lower-cased names (long Chinese terms are confirmed against them). */
  lowerName = new PackedStrings()
  address = new PackedStrings()
  uscc = new PackedStrings()
  licenseNo = new PackedStrings()
  pinyin = new PackedStrings()
  initials = new PackedStrings()
  /** Each name's syllables as positions in its pinyin (see SyllableSplits). */
  syllables = new SyllableSplits()

  /** @param docs in the order wanted; not kept. @param syllables whether to split each name (SyllableSplits). */
  static *build(docs: IndexedInstitution[], syllables = true): Generator<void, DocColumns> {
    const out = new DocColumns()
    const n = (out.size = docs.length)
    out.status = new Uint8Array(n)
    out.category = new Uint8Array(n)
    out.district = new Uint8Array(n)
    out.lat = new Float64Array(n)
    out.lng = new Float64Array(n)
    for (let r = 0; r < n; r++) {
      const d = docs[r]
      out.status[r] = code(STATUS_CODE, d.status)
      out.category[r] = code(CATEGORY_CODE, d.category)
      out.district[r] = code(DISTRICT_CODE, d.district)
      out.lat[r] = d.lat
      out.lng[r] = d.lng
      if (r % STEP === 0) yield
    }
    const field = (f: (d: IndexedInstitution) => string) => PackedStrings.build(n, (r) => f(docs[r]))
    out.id = yield* field((d) => d.id)
    out.name = yield* field((d) => d.name)
    out.lowerName = yield* field((d) => d.name.toLowerCase())
    out.address = yield* field((d) => d.address)
    out.uscc = yield* field((d) => d.uscc)
    out.licenseNo = yield* field((d) => d.licenseNo)
    out.pinyin = yield* field((d) => d.pinyin)
    out.initials = yield* field((d) => d.initials)
    if (syllables) out.syllables = yield* SyllableSplits.build(out)
    return out
  }

  /** The docs of `src` in another order: doc r here is doc order[r] there. Why: the index reads rows into columns
   *  (a page at a time, so rows die young) and puts them in rank order afterwards, instead of keeping an object
   *  per row alive until all are sorted (~150 MiB at 100,000 rows: most of a build's peak).
   *  `releaseSrc`: let go of each of `src`'s string columns once its copy is made, so the two copies of every string
   *  are never all alive at once (src is a temporary of the build). */
  static *permuted(src: DocColumns, order: Int32Array, syllables = true, releaseSrc = false): Generator<void, DocColumns> {
    const out = new DocColumns()
    const n = (out.size = order.length)
    const pick = <A extends Uint8Array | Float64Array>(from: A, to: A) => {
      for (let r = 0; r < n; r++) to[r] = from[order[r]]
      return to
    }
    out.status = pick(src.status, new Uint8Array(n))
    out.category = pick(src.category, new Uint8Array(n))
    out.district = pick(src.district, new Uint8Array(n))
    out.lat = pick(src.lat, new Float64Array(n))
    out.lng = pick(src.lng, new Float64Array(n))
    yield
    for (const k of STRING_FIELDS) {
      const from = src[k]
      out[k] = yield* PackedStrings.build(n, (r) => from.get(order[r]))
      if (releaseSrc) src[k] = new PackedStrings()
    }
    if (syllables) out.syllables = yield* SyllableSplits.build(out)
    return out
  }

  /** The docs of each part, one part after another (pages read into columns one by one); no syllables. */
  static concat(parts: DocColumns[]): DocColumns {
    const out = new DocColumns()
    out.size = parts.reduce((a, p) => a + p.size, 0)
    const join = <A extends Uint8Array | Float64Array>(get: (p: DocColumns) => A, to: A) => {
      let at = 0
      for (const p of parts) {
        to.set(get(p), at)
        at += p.size
      }
      return to
    }
    out.status = join((p) => p.status, new Uint8Array(out.size))
    out.category = join((p) => p.category, new Uint8Array(out.size))
    out.district = join((p) => p.district, new Uint8Array(out.size))
    out.lat = join((p) => p.lat, new Float64Array(out.size))
    out.lng = join((p) => p.lng, new Float64Array(out.size))
    for (const k of STRING_FIELDS) out[k] = PackedStrings.concat(parts.map((p) => p[k]))
    return out
  }

  get bytes(): number {
    const strings = STRING_FIELDS.map((k) => this[k])
    return this.size * (3 + 16) + strings.reduce((a, s) => a + s.bytes, 0) + this.syllables.bytes
  }

  /** The doc at a rank as an object (a page's worth at a time). */
  doc(r: number): IndexedInstitution {
    return { ...this.listed(r), licenseNo: this.licenseNo.get(r), pinyin: this.pinyin.get(r), initials: this.initials.get(r) }
  }

  /** The doc at a rank as a page lists it: doc() without the fields no answer shows (memoryIndex.ts ListedDoc). */
  listed(r: number): ListedDoc {
    return {
      id: this.id.get(r),
      name: this.name.get(r),
      status: INSTITUTION_STATUSES[this.status[r]] as InstitutionStatus,
      category: CATEGORIES[this.category[r]] as Category,
      district: DISTRICTS[this.district[r]] as District,
      address: this.address.get(r),
      lat: this.lat[r],
      lng: this.lng[r],
      uscc: this.uscc.get(r),
    }
  }

  /** Whether the doc at a rank passes the query's district / category / status filters; the codes are looked up
   *  once per query, not once per doc (a nearby walk asks for tens of thousands). */
  filter(q: { district?: string; category?: string; status?: string }): (r: number) => boolean {
    const want = (codes: Map<string, number>, v: string | undefined) => (v === undefined ? -1 : codes.get(v) ?? -2)
    const d = want(DISTRICT_CODE as Map<string, number>, q.district || undefined)
    const c = want(CATEGORY_CODE as Map<string, number>, q.category || undefined)
    const s = want(STATUS_CODE as Map<string, number>, q.status || undefined)
    const { district, category, status } = this
    return (r) => (d === -1 || district[r] === d) && (c === -1 || category[r] === c) && (s === -1 || status[r] === s)
  }
}

/** A name's syllables as a highlight finds them from its stored pinyin and initials (searchText.syllablesFromColumns,
 *  else the dictionary's, searchText.syllables), or null where that split does not spell the stored pinyin (a row
 *  written by another version of the dictionary, or a syllable left empty): the one rule for the index's splits, a
 *  base's (SyllableSplits) and a changed row's laid over it (OverlaidIndex). */
export function splitOf(name: string, pinyin: string, initials: string): string[] | null {
  const split = syllablesFromColumns(name, pinyin, initials) ?? syllables(name)
  return split.join('') === pinyin && split.every((s) => s.length > 0) ? split : null
}

/** Where each name's syllables start in its stored pinyin, found once at build time as a highlight finds them (the
 *  split its columns settle, searchText.syllablesFromColumns, else the dictionary's, searchText.syllables), one bit
 *  per letter of the packed pinyin. Why: a pinyin or initials search highlights each hit of its page; splitting 20
 *  names at query time (~5 µs each from the columns, 25–100 µs for the one in ten that needs the dictionary at
 *  1,000,000 distinct names) cost as much as the search itself (issue 12). ~1 bit per letter: ~4 MiB at 1,000,000. */
export class SyllableSplits {
  /** Bit p: a syllable starts at letter p of the packed pinyin. */
  private starts = new Uint8Array(0)
  /** Bit r: rank r's split is held (else its pinyin is no split of the dictionary's syllables: a row written by
   *  another version of the dictionary, or a syllable left empty). */
  private held = new Uint8Array(0)
  private pinyin = new PackedStrings()

  /** A dictionary split costs up to ~100 µs: yield every few dozen names so a slice stays short. */
  static *build(cols: DocColumns): Generator<void, SyllableSplits> {
    const out = new SyllableSplits()
    const { size, pinyin } = cols
    out.pinyin = pinyin
    out.starts = new Uint8Array((pinyin.offset(size) >>> 3) + 1)
    out.held = new Uint8Array((size >>> 3) + 1)
    for (let r = 0; r < size; r++) {
      const split = splitOf(cols.name.get(r), pinyin.get(r), cols.initials.get(r))
      if (split) {
        out.held[r >>> 3] |= 1 << (r & 7)
        for (let i = 0, p = pinyin.offset(r); i < split.length; p += split[i++].length) out.starts[p >>> 3] |= 1 << (p & 7)
      }
      if (r % 64 === 0) yield
    }
    return out
  }

  get bytes(): number {
    return this.starts.byteLength + this.held.byteLength
  }

  /** Rank r's syllables, exactly what a highlight would find for its name and columns (syllablesFromColumns, else
   *  the dictionary); null where the split is not held (the caller asks the dictionary). */
  at(r: number): string[] | null {
    if ((this.held[r >>> 3] & (1 << (r & 7))) === 0) return null
    const text = this.pinyin.get(r)
    const base = this.pinyin.offset(r)
    const out: string[] = []
    let from = 0
    for (let i = 1; i < text.length; i++) {
      const p = base + i
      if (this.starts[p >>> 3] & (1 << (p & 7))) {
        out.push(text.slice(from, i))
        from = i
      }
    }
    out.push(text.slice(from))
    return out
  }
}

function code<T>(codes: Map<T, number>, v: T): number {
  const c = codes.get(v)
  if (c === undefined) throw new Error(`搜索索引：未知的取值 ${String(v)}`)
  return c
}
