// Search terms for the benchmark, drawn from the same deterministic sample the database was seeded with,
// so every term is one a person could type and most of them match something. Many distinct terms per class:
// the figure must not be a single hot query answered from a cache.
import { generateSample } from '../content/sample/generate'
import { mulberry32 } from '../content/sample/random'
import { nameSearchColumns, syllables } from '../cloud/store/searchText'

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
