// The index against a brute-force scan of every institution, at a size where its shortcuts matter (issue 12):
// pinyin and initials evaluated lazily in rank order (stopping at a capped total and a page), keyset pages resumed
// from the cursor's rank, the same with rows laid over the base (dead ranks skipped), and nearby pages with
// filters walked through per-district grid cells or scored whole, whichever costs less — every answer equal to
// filtering and sorting all docs by hand.
import { CATEGORIES, DISTRICTS, INSTITUTION_STATUSES, STATUS_RANK } from '../../src/domain/catalog'
import { classifyQuery, TOTAL_CAP } from '../../src/domain/query'
import { mulberry32 } from '../../content/sample/random'
import { generateSample } from '../../content/sample/generate'
import { nameSearchColumns } from '../../cloud/store/searchText'
import { MemoryIndex, type IndexedInstitution, type IndexQuery } from '../../cloud/services/search/memoryIndex'
import { OverlaidIndex } from '../../cloud/services/search/overlay'

jest.setTimeout(120_000)

const N = 30_000
const sample = generateSample({ institutions: N }).institutions
const docs: IndexedInstitution[] = sample.map((i, k) => {
  const c = nameSearchColumns(i.name)
  return { id: `id${String(k).padStart(6, '0')}`, name: i.name, status: i.status, category: i.category, district: i.district, address: i.address, lat: i.lat, lng: i.lng, uscc: i.uscc, licenseNo: i.licenseNo, pinyin: c.name_pinyin, initials: c.name_initials }
})

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const byList = (a: IndexedInstitution, b: IndexedInstitution) =>
  STATUS_RANK[a.status] - STATUS_RANK[b.status] || Array.from(a.name).length - Array.from(b.name).length || cmpStr(a.name, b.name) || cmpStr(a.id, b.id)
const metres = (p: { lat: number; lng: number }, d: { lat: number; lng: number }) => {
  const k = Math.cos((p.lat * Math.PI) / 180)
  const rad = Math.PI / 180
  return Math.round(6371000 * Math.sqrt(((d.lat - p.lat) * rad) ** 2 + (k * (d.lng - p.lng) * rad) ** 2))
}
type Filters = Pick<IndexQuery, 'district' | 'category' | 'status'>
const passes = (d: IndexedInstitution, f: Filters) => (!f.district || d.district === f.district) && (!f.category || d.category === f.category) && (!f.status || d.status === f.status)
const keyOf = (d: IndexedInstitution) => ({ kind: 'key' as const, rank: STATUS_RANK[d.status], id: d.id, name: d.name })

/** Docs in list order, with each one's position (sorting is done once: the scans below only filter). */
function listed(all: IndexedInstitution[]) {
  const sorted = [...all].sort(byList)
  return { sorted, position: new Map(sorted.map((d, i) => [d.id, i])) }
}

/** Every doc matching the term and filters, in list order: what the index must page through. */
const matchingDocs = (sorted: IndexedInstitution[], term: string, f: Filters) => sorted.filter((d) => (d.pinyin.includes(term) || d.initials.includes(term)) && passes(d, f))

/** The page after the cursor, the capped total and whether more follow, from the matching docs. */
function expectedPage(matching: IndexedInstitution[], after: IndexQuery['after'], limit: number) {
  let start = 0
  if (after?.kind === 'offset') start = after.offset
  else if (after?.kind === 'key') {
    // The first doc listed after the key (binary search: `matching` is in list order).
    const key = { ...matching[0], status: INSTITUTION_STATUSES.find((s) => STATUS_RANK[s] === after.rank)!, name: after.name, id: after.id }
    let lo = 0
    let hi = matching.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (byList(matching[mid], key) <= 0) lo = mid + 1
      else hi = mid
    }
    start = lo
  }
  return { ids: matching.slice(start, start + limit).map((d) => d.id), total: Math.min(matching.length, TOTAL_CAP), capped: matching.length > TOTAL_CAP, more: start + limit < matching.length }
}

const r = mulberry32(21)
const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
const maybeFilters = (): Filters => ({ district: r() < 0.4 ? pick(DISTRICTS) : undefined, category: r() < 0.3 ? pick(CATEGORIES) : undefined, status: r() < 0.3 ? pick(INSTITUTION_STATUSES) : undefined })

/** Terms that match many (1–3 letters, common syllables: past the cap), some, and none, from the sample itself. */
function pinyinTerms(): string[] {
  const out = new Set(['a', 'n', 'zh', 'an', 'pei', 'ing', 'xun', 'peixun', 'jigou', 'zhongxin', 'qwx', 'zzzz', 'yinyue', 'wudaopeixun', 'xunxunxun', 'aaaaaa'])
  for (let k = 0; k < 60; k++) {
    const d = pick(docs)
    const from = (s: string, len: number) => s.slice(Math.floor(r() * Math.max(1, s.length - len)), len + Math.floor(r() * Math.max(1, s.length - len)))
    out.add(from(d.pinyin, 3 + Math.floor(r() * 6)))
    out.add(from(d.initials, 2 + Math.floor(r() * 4)))
  }
  return [...out].filter((t) => /^[a-z]+$/.test(t))
}

function check(index: MemoryIndex | OverlaidIndex, sorted: IndexedInstitution[], term: string, f: Filters) {
  const limit = pick([1, 20, 50])
  const matching = matchingDocs(sorted, term, f)
  const cursors: IndexQuery['after'][] = [undefined, { kind: 'offset', offset: pick([20, 200, 9990]) }]
  // Keys inside the first page, deep in the list, past the cap and at the very end.
  for (const at of [limit - 1, 500, TOTAL_CAP + 30, matching.length - 1]) if (at >= 0 && at < matching.length) cursors.push(keyOf(matching[at]))
  for (const after of cursors) {
    const want = expectedPage(matching, after, limit)
    const got = index.search({ query: classifyQuery(term), ...f, sortByDistance: false, after, limit })
    expect({ term, f, after, ids: got.hits.map((h) => h.doc.id), total: got.total, capped: got.capped, more: got.more }).toEqual({ term, f, after, ...want })
  }
  return matching.length
}

describe(`pinyin and initials from the index at ${N.toLocaleString('en')} institutions, against a scan of every doc`, () => {
  const index = new MemoryIndex(docs, 0)
  const terms = pinyinTerms()
  const { sorted } = listed(docs)

  it('when terms that match none, a few or past the cap are asked with filters and cursors, then totals and pages equal the scan', () => {
    let capped = 0
    let few = 0
    for (const term of terms) {
      const n = check(index, sorted, term, {})
      if (n > TOTAL_CAP) capped++
      if (n > 0 && n < 100) few++
      check(index, sorted, term, maybeFilters())
    }
    expect(capped).toBeGreaterThanOrEqual(3) // the lazy stop is exercised
    expect(few).toBeGreaterThanOrEqual(10)
  })

  it('when the same terms are matched whole (through the term cache, and nearest first), then lists and pages equal the scan', () => {
    // Whole match lists come from candidates(), pages from the lazy walk: both must intersect by one rule.
    const cached = new MemoryIndex(docs, 4_000_000)
    const { position } = listed(docs)
    for (const term of terms) {
      for (const f of [{}, maybeFilters()]) {
        check(cached, sorted, term, f) // the first asking fills the cache; check asks again with cursors
        const matching = matchingDocs(sorted, term, f)
        const at = pick(docs)
        const near = { lat: at.lat + (r() * 2 - 1) * 0.02, lng: at.lng + (r() * 2 - 1) * 0.02 }
        const got = index.search({ query: classifyQuery(term), ...f, near, sortByDistance: true, limit: 20 })
        const expected = matching.map((d) => ({ d, m: metres(near, d) })).sort((a, b) => a.m - b.m || position.get(a.d.id)! - position.get(b.d.id)!)
        expect({ term, f, ids: got.hits.map((h) => h.doc.id), total: got.total }).toEqual({ term, f, ids: expected.slice(0, 20).map((x) => x.d.id), total: Math.min(matching.length, TOTAL_CAP) })
      }
    }
  })

  it('when rows changed, went or came after the build, then the overlaid index still equals the scan of the current docs', async () => {
    const changed = new Map<string, IndexedInstitution | null>()
    const current = new Map(docs.map((d) => [d.id, d]))
    // The changed rows crowd the front of common terms' lists (white list first), where the lazy stop would cut.
    for (let k = 0; k < 400; k++) {
      const d = k < 200 ? docs.filter((x) => x.status === 'approved' && x.pinyin.includes('pei'))[k] : pick(docs)
      if (!d) continue
      const next = k % 3 === 0 ? null : { ...d, status: pick(INSTITUTION_STATUSES), name: k % 3 === 1 ? d.name : `${d.name}分部` }
      changed.set(d.id, next)
      if (next) current.set(d.id, next)
      else current.delete(d.id)
    }
    for (let k = 0; k < 50; k++) {
      const from = pick(docs)
      const d = { ...from, id: `new${k}`, uscc: `${from.uscc.slice(0, 16)}N${k % 10}` }
      changed.set(d.id, d)
      current.set(d.id, d)
    }
    // Matched one by one, and (past 100 rows) through an index of the changed rows.
    const overlays = [new OverlaidIndex(index, changed), await OverlaidIndex.create(index, changed, { indexAbove: 100 })]
    const now = listed([...current.values()]).sorted
    for (const overlaid of overlays) {
      for (const term of terms.slice(0, 40)) {
        check(overlaid, now, term, {})
        check(overlaid, now, term, maybeFilters())
      }
      // Filters alone and nearby pages, whose extras the changed rows' index answers too.
      for (let t = 0; t < 60; t++) {
        const f = maybeFilters()
        const near = { lat: pick(docs).lat, lng: pick(docs).lng }
        const got = overlaid.search({ query: { kind: 'empty', term: '' }, ...f, near, sortByDistance: true, limit: 20 })
        const expected = now
          .filter((d) => passes(d, f))
          .map((d, i) => ({ d, i, m: metres(near, d) }))
          .sort((a, b) => a.m - b.m || a.i - b.i)
        expect({ f, ids: got.hits.map((h) => h.doc.id), total: got.total }).toEqual({ f, ids: expected.slice(0, 20).map((x) => x.d.id), total: Math.min(expected.length, TOTAL_CAP) })
        const listed_ = overlaid.search({ query: { kind: 'empty', term: '' }, ...f, sortByDistance: false, limit: 20 })
        expect({ f, ids: listed_.hits.map((h) => h.doc.id) }).toEqual({ f, ids: now.filter((d) => passes(d, f)).slice(0, 20).map((d) => d.id) })
      }
    }
  })
})

describe(`nearby pages with filters at ${N.toLocaleString('en')} institutions, against sorting every doc`, () => {
  // Default thresholds: small filters scored whole, larger ones walked through the district's cells or the shared grid.
  const index = new MemoryIndex(docs, 0)
  const { sorted, position } = listed(docs)
  it('when 400 points (in a district, between districts, far away) and filters are asked, then pages equal the sort of every doc', () => {
    for (let t = 0; t < 400; t++) {
      const at = pick(docs)
      const spread = pick([0.002, 0.02, 0.08])
      const near = r() < 0.05 ? { lat: 20 + r() * 10, lng: 110 + r() * 10 } : { lat: at.lat + (r() * 2 - 1) * spread, lng: at.lng + (r() * 2 - 1) * spread }
      const f = t % 4 === 0 ? { district: pick(DISTRICTS) } : maybeFilters()
      const offset = r() < 0.3 ? pick([20, 100]) : 0
      const limit = pick([1, 20, 50])
      const got = index.search({ query: { kind: 'empty', term: '' }, ...f, near, sortByDistance: true, after: { kind: 'offset', offset }, limit })
      const expected = sorted
        .filter((d) => passes(d, f))
        .map((d) => ({ d, m: metres(near, d) }))
        .sort((a, b) => a.m - b.m || position.get(a.d.id)! - position.get(b.d.id)!)
        .map((x) => x.d)
      expect({ t, f, ids: got.hits.map((h) => h.doc.id), total: got.total }).toEqual({ t, f, ids: expected.slice(offset, offset + limit).map((d) => d.id), total: Math.min(expected.length, TOTAL_CAP) })
    }
  })
})
