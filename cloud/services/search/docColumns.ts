// The index's documents as columns: small codes and numbers in typed arrays, each string field packed into one
// string with offsets. Why (issue 12, point 6): at 1,000,000 institutions a JS object per institution with a dozen
// strings of its own (plus three Maps of a million string keys for id, USCC and licence look-ups) held ~2 GiB in
// the gateway; typed arrays and one string per field hold the same data in a fraction of that, and most of it
// outside the JS heap, so the garbage collector does not walk it. A page materialises its 20 docs (docAt).
//
// Strings compare as JS compares them (UTF-16 code units, the order `a < b` gives), so every order stays the one
// MemoryIndex and the SQL path (COLLATE "C" on UTF-8, the same order for these names) agree on.
import { CATEGORIES, DISTRICTS, INSTITUTION_STATUSES, type Category, type District, type InstitutionStatus } from '../../../src/domain/catalog'
import type { IndexedInstitution } from './memoryIndex'

/** Strings 0..n-1 stored end to end in one string; `start[i]..start[i+1]` is the i-th. */
export class PackedStrings {
  private readonly text: string
  private readonly start: Uint32Array

  constructor(values: ArrayLike<string>) {
    this.start = new Uint32Array(values.length + 1)
    const parts: string[] = []
    let at = 0
    for (let i = 0; i < values.length; i++) {
      this.start[i] = at
      at += values[i].length
      parts.push(values[i])
    }
    this.start[values.length] = at
    // One flat string (join), not a rope of a million pieces.
    this.text = parts.join('')
  }

  get bytes(): number {
    return this.text.length * 2 + this.start.byteLength
  }

  get(i: number): string {
    return this.text.slice(this.start[i], this.start[i + 1])
  }

  /** The i-th string equals s (no copy made). */
  equals(i: number, s: string): boolean {
    const a = this.start[i]
    return this.start[i + 1] - a === s.length && this.text.startsWith(s, a)
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

  /** A hash of the i-th string, equal to hashString of the same string. */
  hash(i: number): number {
    let h = 0x811c9dc5
    for (let k = this.start[i]; k < this.start[i + 1]; k++) h = Math.imul(h ^ this.text.charCodeAt(k), 0x01000193)
    return h >>> 0
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
  private readonly slots: Int32Array
  private readonly mask: number

  constructor(private readonly strings: PackedStrings, n: number) {
    let cap = 16
    while (cap < n * 2) cap *= 2
    this.slots = new Int32Array(cap) // rank + 1; 0 is empty
    this.mask = cap - 1
    // A repeated value keeps its first rank, as Map.set in rank order kept its last: values are unique here (ids,
    // USCCs and licence numbers are unique in the table).
    for (let r = 0; r < n; r++) {
      let s = strings.hash(r) & this.mask
      while (this.slots[s] !== 0) s = (s + 1) & this.mask
      this.slots[s] = r + 1
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

/** Every field of IndexedInstitution, by rank. */
export class DocColumns {
  readonly size: number
  readonly status: Uint8Array
  readonly category: Uint8Array
  readonly district: Uint8Array
  readonly lat: Float64Array
  readonly lng: Float64Array
  readonly id: PackedStrings
  readonly name: PackedStrings
  /** Lower-cased names (long Chinese terms are confirmed against them). */
  readonly lowerName: PackedStrings
  readonly address: PackedStrings
  readonly uscc: PackedStrings
  readonly licenseNo: PackedStrings
  readonly pinyin: PackedStrings
  readonly initials: PackedStrings

  /** @param docs in rank order; not kept. */
  constructor(docs: IndexedInstitution[]) {
    const n = (this.size = docs.length)
    this.status = new Uint8Array(n)
    this.category = new Uint8Array(n)
    this.district = new Uint8Array(n)
    this.lat = new Float64Array(n)
    this.lng = new Float64Array(n)
    for (let r = 0; r < n; r++) {
      const d = docs[r]
      this.status[r] = code(STATUS_CODE, d.status)
      this.category[r] = code(CATEGORY_CODE, d.category)
      this.district[r] = code(DISTRICT_CODE, d.district)
      this.lat[r] = d.lat
      this.lng[r] = d.lng
    }
    const field = (f: (d: IndexedInstitution) => string) => new PackedStrings(docs.map(f))
    this.id = field((d) => d.id)
    this.name = field((d) => d.name)
    this.lowerName = field((d) => d.name.toLowerCase())
    this.address = field((d) => d.address)
    this.uscc = field((d) => d.uscc)
    this.licenseNo = field((d) => d.licenseNo)
    this.pinyin = field((d) => d.pinyin)
    this.initials = field((d) => d.initials)
  }

  get bytes(): number {
    const strings = [this.id, this.name, this.lowerName, this.address, this.uscc, this.licenseNo, this.pinyin, this.initials]
    return this.size * (3 + 16) + strings.reduce((a, s) => a + s.bytes, 0)
  }

  /** The doc at a rank as an object (a page's worth at a time). */
  doc(r: number): IndexedInstitution {
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
      licenseNo: this.licenseNo.get(r),
      pinyin: this.pinyin.get(r),
      initials: this.initials.get(r),
    }
  }

  /** The doc at rank r passes the query's district / category / status filters. */
  matchesFilters(r: number, q: { district?: string; category?: string; status?: string }): boolean {
    return (
      (!q.district || this.district[r] === DISTRICT_CODE.get(q.district as District)) &&
      (!q.category || this.category[r] === CATEGORY_CODE.get(q.category as Category)) &&
      (!q.status || this.status[r] === STATUS_CODE.get(q.status as InstitutionStatus))
    )
  }
}

function code<T>(codes: Map<T, number>, v: T): number {
  const c = codes.get(v)
  if (c === undefined) throw new Error(`搜索索引：未知的取值 ${String(v)}`)
  return c
}
