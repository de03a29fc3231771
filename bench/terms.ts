// Search terms for the benchmark, drawn from the same deterministic sample the database was seeded with,
// so every term is one a person could type and most of them match something. Many distinct terms per class:
// the figure must not be a single hot query answered from a cache.
import { generateSample } from '../content/sample/generate'
import { mulberry32 } from '../content/sample/random'
import { nameSearchColumns, syllables } from '../cloud/store/searchText'
import { CATEGORIES, DISTRICTS, INSTITUTION_STATUSES } from '../src/domain/catalog'

export interface TermClass {
  id: string
  label: string
  terms: string[]
}

const HAN = /^\p{Script=Han}+$/u

/** Collects up to `want` distinct values from `draw` (which may return undefined to skip). */
function distinct(want: number, draw: () => string | undefined, tries = want * 200): string[] {
  const out = new Set<string>()
  for (let i = 0; i < tries && out.size < want; i++) {
    const v = draw()
    if (v) out.add(v)
  }
  return [...out]
}

export function buildTerms(institutions: number, perClass = 200): TermClass[] {
  const sample = generateSample({ institutions })
  const names = sample.institutions.map((s) => s.name)
  const codes = sample.institutions.map((s) => s.uscc)
  // The sample's PRNG with a seed of its own, so the same run picks the same terms.
  const r = mulberry32(7)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]

  /** A random run of `len` Chinese characters from a random name. */
  const hanSlice = (len: number) => () => {
    const chars = Array.from(pick(names))
    if (chars.length < len) return undefined
    const i = Math.floor(r() * (chars.length - len + 1))
    const s = chars.slice(i, i + len).join('')
    return HAN.test(s) ? s : undefined
  }

  // 1 character: as many distinct characters as names use (a few hundred), in random order.
  const oneChar = distinct(perClass, hanSlice(1))
  const twoChar = distinct(perClass, hanSlice(2))
  const fourChar = distinct(perClass, hanSlice(4))

  // Full pinyin of a 2–3 character run of a real name (wudao, mashu, biancheng, xiamenshi…).
  const pinyinTerms = distinct(perClass, () => {
    const name = pick(names)
    const chars = Array.from(name)
    const len = 2 + Math.floor(r() * 2)
    if (chars.length < len) return undefined
    const i = Math.floor(r() * (chars.length - len + 1))
    if (!HAN.test(chars.slice(i, i + len).join(''))) return undefined
    const s = syllables(name).slice(i, i + len).join('')
    return /^[a-z]{4,}$/.test(s) ? s : undefined
  })

  // Initials: 3–5 consecutive letters of a real name's name_initials (what the store keeps).
  const initials = distinct(perClass, () => {
    const ini = nameSearchColumns(pick(names)).name_initials
    const len = 3 + Math.floor(r() * 3)
    if (ini.length < len) return undefined
    const i = Math.floor(r() * (ini.length - len + 1))
    const s = ini.slice(i, i + len)
    return /^[a-z]+$/.test(s) ? s : undefined
  })

  const usccFull = distinct(perClass, () => pick(codes))
  const usccPrefix = distinct(perClass, () => pick(codes).slice(0, 8 + Math.floor(r() * 5)))

  // Named examples from the brief go first so they are certainly in the mix.
  const lead = (fixed: string[], rest: string[]) => [...new Set([...fixed, ...rest])].slice(0, Math.max(perClass, fixed.length))
  return [
    { id: 'zh1', label: '1-char Chinese', terms: lead(['舞', '马', '琴'], oneChar) },
    { id: 'zh2', label: '2-char Chinese', terms: lead(['舞蹈', '马术', '编程'], twoChar) },
    { id: 'zh4', label: '4-char Chinese', terms: lead(['舞蹈培训', '艺术培训'], fourChar) },
    { id: 'pinyin', label: 'full pinyin', terms: lead(['wudao', 'mashu', 'biancheng'], pinyinTerms) },
    { id: 'initials', label: 'initials (3–5)', terms: initials },
    { id: 'uscc', label: 'USCC full', terms: usccFull },
    { id: 'uscc_prefix', label: 'USCC prefix (8–12)', terms: usccPrefix },
  ]
}

export interface Shape {
  id: string
  label: string
  /** Search events (without `action`), each distinct; a run cycles through them in order. */
  events: Record<string, unknown>[]
}

/** Every query shape a parent uses, with as many distinct events as each shape allows (up to `want`), in a
 *  random order: a run that sends fewer requests than a shape has events never repeats a term. */
export function buildShapes(institutions: number, want = 30_000): Shape[] {
  const sample = generateSample({ institutions })
  const names = sample.institutions.map((s) => s.name)
  const codes = sample.institutions.map((s) => s.uscc)
  const r = mulberry32(11)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
  const shuffle = <T>(xs: T[]) => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1))
      ;[xs[i], xs[j]] = [xs[j], xs[i]]
    }
    return xs
  }
  const slices = (len: number) => {
    const out = new Set<string>()
    for (const name of names) {
      const chars = Array.from(name)
      for (let i = 0; i + len <= chars.length; i++) {
        const s = chars.slice(i, i + len).join('')
        if (HAN.test(s)) out.add(s)
      }
      if (out.size >= want * 4) break
    }
    return shuffle([...out]).slice(0, want)
  }
  const pinyinRuns = new Set<string>()
  const initialRuns = new Set<string>()
  for (let k = 0; k < want * 20 && (pinyinRuns.size < want || initialRuns.size < want); k++) {
    const name = pick(names)
    const sy = syllables(name)
    const chars = Array.from(name)
    const len = 2 + Math.floor(r() * 2)
    const i = Math.floor(r() * Math.max(1, chars.length - len + 1))
    if (chars.length >= len && HAN.test(chars.slice(i, i + len).join(''))) {
      const s = sy.slice(i, i + len).join('')
      if (/^[a-z]{4,}$/.test(s) && pinyinRuns.size < want) pinyinRuns.add(s)
    }
    const ini = sy.map((x) => x[0] ?? '').join('')
    const il = 3 + Math.floor(r() * 3)
    const ii = Math.floor(r() * Math.max(1, ini.length - il + 1))
    const frag = ini.slice(ii, ii + il)
    if (frag.length === il && /^[a-z]+$/.test(frag) && initialRuns.size < want) initialRuns.add(frag)
  }
  const usccs = shuffle([...new Set(codes)]).slice(0, want)
  const prefixes = new Set<string>()
  for (let k = 0; k < want * 5 && prefixes.size < want; k++) prefixes.add(pick(codes).slice(0, 8 + Math.floor(r() * 5)))

  const districts = [undefined, ...DISTRICTS]
  const categories = [undefined, ...CATEGORIES]
  const statuses = [undefined, ...INSTITUTION_STATUSES]
  const filters: Record<string, unknown>[] = []
  for (const district of districts)
    for (const category of categories)
      for (const status of statuses) {
        if (!district && !category && !status) continue
        filters.push({ ...(district && { district }), ...(category && { category }), ...(status && { status }) })
      }
  shuffle(filters)
  // Where parents are: within about 2 km of a random institution (a point uniform over the map would mostly fall
  // in the sea between districts, where no parent searches from).
  const point = () => {
    const at = pick(sample.institutions)
    return { lat: Number((at.lat + (r() * 2 - 1) * 0.02).toFixed(5)), lng: Number((at.lng + (r() * 2 - 1) * 0.02).toFixed(5)) }
  }
  const nearby = Array.from({ length: want }, () => ({ ...point(), sort: 'distance' }))
  const nearbyFiltered = Array.from({ length: want }, () => ({ ...point(), sort: 'distance', ...pick(filters) }))
  const twoChar = slices(2)
  const textFiltered = twoChar.map((q) => ({ q, ...pick(filters) }))
  const q = (xs: string[]) => xs.map((x) => ({ q: x }))
  return [
    { id: 'zh1', label: '1-char Chinese', events: q(slices(1)) },
    { id: 'zh2', label: '2-char Chinese', events: q(twoChar) },
    { id: 'zh4', label: '4-char Chinese', events: q(slices(4)) },
    { id: 'pinyin', label: 'full pinyin', events: q(shuffle([...pinyinRuns])) },
    { id: 'initials', label: 'initials (3–5)', events: q(shuffle([...initialRuns])) },
    { id: 'uscc', label: 'USCC full', events: q(usccs) },
    { id: 'uscc_prefix', label: 'USCC prefix (8–12)', events: q(shuffle([...prefixes])) },
    { id: 'filters', label: 'filters, no text (home list)', events: filters },
    { id: 'text_filters', label: '2-char Chinese + filters', events: textFiltered },
    { id: 'nearby', label: 'nearby, no text (附近)', events: nearby },
    { id: 'nearby_filters', label: 'nearby + filters', events: nearbyFiltered },
  ]
}
