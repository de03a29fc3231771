// The index as a few shards, each a base with its own overlay, answering as one. Why (issue 12, point 2): a new base
// is built beside the one serving until it is switched in, so a process briefly holds two. Whole, that was the index
// twice plus the builder's heap: 1.70× the steady RSS at 100,000 institutions, and at a million 2.35 GiB against 1.15
// steady (bench §9, ANALYSIS §11). Split by id into n parts (SEARCH_INDEX_SHARDS, autoShards), only one part is rebuilt
// at a time, and the extra memory is about 1/n of that — paid for in CPU per search.
//
// Every institution lives in exactly one shard (shardOf: by the last characters of its id; the build worker selects
// a shard's rows by the same rule in SQL). A search asks every shard for its share of the page (more only when the
// merge needs it) and merges them in the list's order; shards never overlap, so totals add up. Answers equal a single
// index's (test/api/searchShards.test.ts).
import { TOTAL_CAP } from '../../../src/domain/query'
import type { SearchPage } from '../../store/institutionRepo'
import { byCodePoint, listOrderOfLengths, type IndexHit, type IndexQuery } from './memoryIndex'
import type { OverlaidIndex } from './overlay'

/** Parts the index is split into when SearchIndex is given no setting (tests): whole. The server's setting
 *  (SEARCH_INDEX_SHARDS) is 'auto' unless configured: autoShards. */
export const SHARDS = 1

/** Institutions per shard that 'auto' aims at. Why not whole: a new base is built beside the serving one, so a whole
 *  index's rebuild held it twice — at a million institutions 2.35 GiB against 1.15 steady (bench §9 at 1M, ANALYSIS
 *  §11). Why not smaller: every search asks every shard (about twice one index's CPU per search with 4 shards at
 *  100,000), so below this a process serves from one. */
export const ROWS_PER_SHARD = 250_000

/** From this many institutions 'auto' makes at least two shards. A whole rebuild costs the index twice plus the
 *  builder's heap, over a steady state that is mostly the index and a fixed ~135 MiB: at 100,000 the import's peak
 *  was 1.70× the steady RSS whole, 1.41× in 2 shards and 1.29× in 4 (bench §9 without the loop probe, ANALYSIS §14),
 *  against a budget of 1.5×. Two shards cost the nearest-first shapes about a third more per search (§5 at 100,000:
 *  nearby p99 20.1 ms against 14.0 whole, within 25). Below this the index is small beside the fixed part. */
export const TWO_SHARDS_FROM = 50_000

/** The shards 'auto' makes for this many institutions: 1 below TWO_SHARDS_FROM, at least 2 from it, and one per
 *  ROWS_PER_SHARD beyond, at most 16. */
export function autoShards(institutions: number): number {
  const floor = institutions >= TWO_SHARDS_FROM ? 2 : 1
  return Math.min(16, Math.max(floor, Math.ceil(institutions / ROWS_PER_SHARD)))
}

/** One part of the index: the institutions whose shardOf(id, of) is `index`. */
export interface Shard {
  index: number
  of: number
}

/** The shard an id belongs to: its last four characters' code points weighted 1, 3, 1, 3 from the end, modulo the
 *  shard count. The last character alone split hex ids 3:5 between four shards; four of them are even to within a
 *  fraction of a percent. MD5 was even too, but cost ~4 µs an id, and a page looks up each hit's shard. The SQL twin
 *  is in indexRows.readRows (SHARD_SQL); for an id shorter than four characters both take its first character for
 *  the missing ones, as `right(id, k)` does. */
export function shardOf(id: string, n: number): number {
  if (n === 1) return 0
  const cps: number[] = []
  for (let i = id.length; i > 0 && cps.length < 4; ) {
    let c = id.charCodeAt(--i)
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const hi = id.charCodeAt(i - 1)
      if (hi >= 0xd800 && hi <= 0xdbff) {
        c = (hi - 0xd800) * 0x400 + (c - 0xdc00) + 0x10000
        i--
      }
    }
    cps.push(c)
  }
  while (cps.length < 4) cps.push(cps.length ? cps[cps.length - 1] : 0)
  return (cps[0] + 3 * cps[1] + cps[2] + 3 * cps[3]) % n
}

export class ShardedIndex {
  constructor(readonly shards: readonly OverlaidIndex[]) {}

  /** Rows laid over the shards' bases. */
  get changedRows(): number {
    let n = 0
    for (const s of this.shards) n += s.changedRows
    return n
  }

  /** Institutions answered. */
  get size(): number {
    let n = 0
    for (const s of this.shards) n += s.size
    return n
  }

  search(q: IndexQuery): SearchPage<IndexHit> {
    if (this.shards.length === 1) return this.shards[0].search(q)
    // Each shard gives its first matches from the cursor (a key cursor means the same in every shard: after that
    // key in the list's order) and says whether it has more; the page is among them. A page and one more, spread
    // over n shards, is about 1/n of it from each: a shard is asked for that share and a few more, and asked again
    // for the whole only when the merge takes all it gave and it has more. Asking every shard for the whole page
    // made each search build n times the docs it answers (2-char Chinese 19 → 62 µs with 4 shards, ANALYSIS §10).
    const offset = q.after?.kind === 'offset' ? q.after.offset : 0
    const want = offset + q.limit + 1
    const sub = (limit: number): IndexQuery => ({ ...q, limit, after: q.after?.kind === 'offset' ? undefined : q.after })
    const share = Math.min(want, Math.ceil(want / this.shards.length) + SHARE_SPARE)
    // Totals add up (no institution is in two shards). Each shard counts only to what the shards before it left of
    // TOTAL_CAP: counted to TOTAL_CAP each, a term matching tens of thousands (a pinyin one is walked match by match)
    // was counted up to n times. A shard capped at what was left means more than TOTAL_CAP in all.
    const countTo: number[] = []
    let n = 0
    // Nearest first: once the shards before have given a page and one more, the page reaches no farther than the
    // farthest of those, so the next shards look only that far (their trees stop there). Each shard looked for its
    // share around the point on its own: 4 shards covered ~8x the area one index does for a page (ANALYSIS §11).
    const byDistance = !!(q.sortByDistance && q.near)
    const distances: number[] = []
    const within: number[] = []
    const pages = this.shards.map((s, k) => {
      countTo[k] = Math.max(0, TOTAL_CAP - n)
      within[k] = byDistance && distances.length >= want ? distances.sort((a, b) => a - b)[want - 1] : Infinity
      const page = s.search(sub(share), countTo[k], within[k])
      n += page.total
      if (byDistance) for (const h of page.hits) distances.push(h.distanceM ?? 0)
      return page
    })
    let merged = mergePages(pages, q, want)
    while (merged.short >= 0) {
      // That shard's next match may come before the page's end: its whole page, then merge again.
      const k = merged.short
      pages[k] = this.shards[k].search(sub(want), countTo[k], within[k])
      merged = mergePages(pages, q, want)
    }
    const hits = merged.hits
    let capped = false
    for (const p of pages) capped ||= p.capped
    // A page and one more were found exactly when there is more: every shard that ran out had no more to give.
    return { hits: hits.slice(offset, offset + q.limit), total: Math.min(n, TOTAL_CAP), capped, more: hits.length > offset + q.limit }
  }
}

/** Hits asked of each shard beyond its share of a page (a page of 20 and one more over 4 shards: 6 + 4 = 10 each;
 *  with the top 21 spread evenly, a shard holds more than 10 of them about one search in twenty-five). */
const SHARE_SPARE = 4

/** A hit with its name's length in code points worked out once (listOrder counts the characters again on every
 *  comparison; sorting the shards' pages with it was most of a sharded search). */
interface Keyed {
  hit: IndexHit
  len: number
}

const keyed = (hit: IndexHit): Keyed => ({ hit, len: Array.from(hit.doc.name).length })

/** The first `want` hits of the shards' pages (each in the list's order), in that order: nearest first with ties in
 *  list order (a USCC prefix's too), else code order for USCC prefixes, list order for the rest — how one index
 *  orders them (overlay.ts). A merge of the heads, a few comparisons per hit taken. `short`: a shard whose page was
 *  all taken before `want` were found while it has more (its next may come first: ask it for more), else -1. */
function mergePages(pages: SearchPage<IndexHit>[], q: IndexQuery, want: number): { hits: IndexHit[]; short: number } {
  const list = (a: Keyed, b: Keyed) => listOrderOfLengths(a.hit.doc, a.len, b.hit.doc, b.len)
  const before: (a: Keyed, b: Keyed) => number =
    q.sortByDistance && q.near
      ? (a, b) => (a.hit.distanceM ?? 0) - (b.hit.distanceM ?? 0) || list(a, b)
      : q.query.kind === 'uscc_prefix'
        ? (a, b) => byCodePoint(a.hit.doc.uscc, b.hit.doc.uscc) || byCodePoint(a.hit.doc.id, b.hit.doc.id)
        : list
  const at = pages.map(() => 0)
  const heads = pages.map((p) => (p.hits.length ? keyed(p.hits[0]) : undefined))
  const out: IndexHit[] = []
  while (out.length < want) {
    let best = -1
    for (let k = 0; k < heads.length; k++) {
      const h = heads[k]
      if (!h) {
        if (pages[k].more) return { hits: out, short: k }
        continue
      }
      if (best < 0 || before(h, heads[best]!) < 0) best = k
    }
    if (best < 0) break
    out.push(heads[best]!.hit)
    const next = ++at[best]
    const hits = pages[best].hits
    heads[best] = next < hits.length ? keyed(hits[next]) : undefined
  }
  return { hits: out, short: -1 }
}
