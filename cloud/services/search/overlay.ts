// The index as the database has it now: an immutable MemoryIndex built at some version, with the rows changed
// since laid over it. Why: rebuilding 100,000 institutions for one status change stalled search for seconds
// (issue 12); re-reading the few changed rows and answering "base minus their old versions, plus their new ones"
// costs microseconds per search while the overlay is small (SearchIndex keeps it small by building a new base).
//
// Changed rows are matched one by one (matchesText / matchesFilters: the same questions the posting lists answer)
// and merged with the base's matches in list order, code order or distance order, so every answer equals what a
// fresh build would give (test/api/searchUpdates.test.ts).
import { TOTAL_CAP } from '../../../src/domain/query'
import type { SearchPage } from '../../store/institutionRepo'
import { splitOf } from './docColumns'
import { afterCursor, codeOrder, distanceFrom, listedOf, listOrder, listOrderOfLengths, matchesFilters, matchesText, MemoryIndex, type IndexedInstitution, type IndexHit, type IndexQuery, type ListedDoc } from './memoryIndex'

/** Changed rows above which an overlay indexes them rather than matching each one per search. */
const INDEX_EXTRAS_ABOVE = 500

export class OverlaidIndex {
  /** Base ranks whose row changed or went: never answered from the base. */
  private readonly dead: Uint8Array
  private readonly deadRanks: number[] = []
  /** Current versions of the changed rows that exist, in list order, and their lower-cased names (matched per search). */
  private readonly extras: IndexedInstitution[]
  private readonly lowerNames: string[]
  /** An index of the changed rows themselves once there are many (see create): its ranks are positions in `extras`,
   *  both being in list order. */
  private extrasIndex: MemoryIndex | undefined

  /** The overlay, with its changed rows indexed (built in slices) when there are more than `indexAbove`. Matching
   *  thousands of rows one by one (an import's) was about half of every search's time while they were laid over,
   *  and with 50 connections the event loop went 100–500 ms between turns (RESULTS.md §9, ANALYSIS.md §6). */
  static async create(base: MemoryIndex, changed: ReadonlyMap<string, IndexedInstitution | null>, opts: { indexAbove?: number; sliceMs?: number } = {}): Promise<OverlaidIndex> {
    const overlay = new OverlaidIndex(base, changed)
    if (overlay.extras.length > (opts.indexAbove ?? INDEX_EXTRAS_ABOVE)) {
      overlay.extrasIndex = (await MemoryIndex.build([...overlay.extras], { termCacheRanks: 0, sliceMs: opts.sliceMs ?? 4, syllables: false })).index
    }
    return overlay
  }

  /** @param changed every row changed since the base was built: its current version, or null when it is gone. */
  constructor(
    readonly base: MemoryIndex,
    changed: ReadonlyMap<string, IndexedInstitution | null>,
  ) {
    this.dead = new Uint8Array(changed.size ? base.size : 0)
    const extras: IndexedInstitution[] = []
    for (const [id, doc] of changed) {
      const r = base.rankOf(id)
      if (r !== undefined) {
        this.dead[r] = 1
        this.deadRanks.push(r)
      }
      if (doc) extras.push(doc)
    }
    // Sorted on precomputed keys: listOrder counts characters on every comparison, too slow for thousands of rows.
    const keyed = extras.map((doc) => ({ doc, len: Array.from(doc.name).length }))
    keyed.sort((a, b) => listOrderOfLengths(a.doc, a.len, b.doc, b.len))
    this.extras = keyed.map((k) => k.doc)
    this.lowerNames = this.extras.map((d) => d.name.toLowerCase())
  }

  /** Institutions answered (base less the changed, plus the changed that exist). */
  get size(): number {
    return this.base.size - this.deadRanks.length + this.extras.length
  }

  /** Rows laid over the base. */
  get changedRows(): number {
    return Math.max(this.deadRanks.length, this.extras.length)
  }

  /** @param countTo @param within see MemoryIndex.search. */
  search(q: IndexQuery, countTo = TOTAL_CAP, within = Infinity): SearchPage<IndexHit> {
    if (this.deadRanks.length === 0 && this.extras.length === 0) return this.base.search(q, countTo, within)
    const base = this.base
    const dead = this.dead
    const byCode = q.query.kind === 'uscc_prefix'
    const byDistance = !!(q.sortByDistance && q.near)
    // In rank order the base need only give its first countTo + 1 matches (a page and one more, if that is more) and
    // as many more as there are dead ranks (MemoryIndex.firstMatches: lazily for pinyin); fewer means all of them.
    // Code and distance order take them all.
    const spare = this.deadRanks.length
    const headSize = Math.max(countTo, q.limit) + 1 + spare
    const ranks = byCode || byDistance ? base.matches(q) : base.firstMatches(q, 0, headSize)
    const order = byCode ? codeOrder : listOrder
    const extras = this.matchingExtras(q)
    if (byCode) extras.sort(codeOrder)
    const n = ranks.length - this.deadAmong(ranks, byCode, q) + extras.length
    const total = Math.min(n, countTo)
    const capped = n > countTo
    const distance = q.near ? distanceFrom(q.near) : undefined
    // A pinyin page's hits carry their names' syllables (IndexHit.syllables): a base doc's as the base split them, a
    // changed row's by the same rule (splitOf), so a page reads as a fresh build's would.
    const withSyllables = q.query.kind === 'pinyin'
    const hit = (doc: ListedDoc, from: number | IndexedInstitution): IndexHit => {
      const h: IndexHit = { doc: listedOf(doc), distanceM: distance ? distance(doc) : null }
      if (withSyllables) h.syllables = typeof from === 'number' ? base.syllablesAt(from) : splitOf(from.name, from.pinyin, from.initials)
      return h
    }

    if (byDistance && distance) {
      const offset = q.after?.kind === 'offset' ? q.after.offset : 0
      const k = offset + q.limit + 1
      const fromBase = base.nearestRanks(ranks, q, k, dead, within).map((r): { doc: ListedDoc; d: number; from: number | IndexedInstitution } => {
        const doc = base.listedAt(r)
        return { doc, d: distance(doc), from: r }
      })
      // A changed row farther than the base's k-th (or than `within`) cannot make the page: sort only those that can.
      const cut = fromBase.length >= k ? fromBase[k - 1].d : within
      const scored = fromBase
      for (const doc of extras) {
        const d = distance(doc)
        if (d <= cut) scored.push({ doc, d, from: doc })
      }
      // Base ties are by rank, which is list order: the same tie-break across both.
      scored.sort((a, b) => a.d - b.d || listOrder(a.doc, b.doc))
      const found = scored.slice(0, k)
      return { hits: found.slice(offset, offset + q.limit).map((x) => hit(x.doc, x.from)), total, capped, more: found.length > offset + q.limit }
    }

    // Walk both lists in order from the cursor, skipping dead base ranks, until a page and one more are found.
    // From rank order's first matches, a page after a key resumes at the key's rank with enough base matches for a
    // page and one more even if every dead rank lies among them; an offset counts from the first match.
    let from = ranks
    let i = 0
    let j = 0
    let skip = 0
    if (q.after?.kind === 'offset') {
      skip = q.after.offset
      const need = skip + q.limit + 1 + spare
      if (!byCode && ranks.length >= headSize && need > ranks.length) from = base.firstMatches(q, 0, need)
    } else if (q.after) {
      if (byCode) i = base.startOf(ranks, q)
      else from = base.firstMatches(q, base.rankAfter(q), q.limit + 1 + spare)
      const cmp = afterCursor(q)
      if (cmp) while (j < extras.length && cmp(extras[j]) <= 0) j++
    }
    const page: ListedDoc[] = []
    /** Where each doc of the page came from: its base rank, or the changed row. */
    const sources: (number | IndexedInstitution)[] = []
    while (page.length <= q.limit) {
      while (i < from.length && dead[from[i]] === 1) i++
      const a = i < from.length ? base.listedAt(from[i]) : undefined
      const b = j < extras.length ? extras[j] : undefined
      if (!a && !b) break
      let doc: ListedDoc
      let source: number | IndexedInstitution
      if (a && (!b || order(a, b) < 0)) {
        doc = a
        source = from[i++]
      } else {
        doc = source = b!
        j++
      }
      if (skip > 0) skip--
      else {
        page.push(doc)
        sources.push(source)
      }
    }
    return { hits: page.slice(0, q.limit).map((doc, k) => hit(doc, sources[k])), total, capped, more: page.length > q.limit }
  }

  /** The changed rows matching the query and its filters, in list order. */
  private matchingExtras(q: IndexQuery): IndexedInstitution[] {
    if (this.extrasIndex) return Array.from(this.extrasIndex.matches(q), (r) => this.extras[r])
    const out: IndexedInstitution[] = []
    const { kind } = q.query
    const term = kind === 'chinese' ? q.query.term.toLowerCase() : ''
    for (let i = 0; i < this.extras.length; i++) {
      const d = this.extras[i]
      if (!matchesFilters(d, q)) continue
      if (kind === 'chinese' ? this.lowerNames[i].includes(term) : matchesText(d, q.query)) out.push(d)
    }
    return out
  }

  /** How many dead ranks are among `ranks` (the base's matches of q: sorted by rank, or all of a USCC prefix's in
   *  code order). By rank: a binary search per dead rank. By code: whether the dead doc matches the prefix — a binary
   *  search in code order materialised ~17 docs per dead rank: 24 ms a search (measured) with an import's 3,100 laid over. */
  private deadAmong(ranks: Int32Array, byCode: boolean, q: IndexQuery): number {
    let n = 0
    if (byCode) {
      const matches = this.base.prefixMatcher(q)
      for (const r of this.deadRanks) if (matches(r)) n++
      return n
    }
    // Whichever is less work: look each match up in `dead`, or each dead rank up in the matches (an import lays
    // thousands of rows over the base, and most searches match far fewer than that).
    if (ranks.length <= this.deadRanks.length * 16) {
      const dead = this.dead
      for (let i = 0; i < ranks.length; i++) n += dead[ranks[i]]
      return n
    }
    for (const r of this.deadRanks) {
      let lo = 0
      let hi = ranks.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (ranks[mid] < r) lo = mid + 1
        else hi = mid
      }
      if (lo < ranks.length && ranks[lo] === r) n++
    }
    return n
  }
}
