// Search columns computed on write (never at query time): full pinyin, initials, and 1–2 character grams.
import type { pinyin as Pinyin } from 'pinyin-pro'

let loaded: typeof Pinyin | undefined
/** pinyin-pro (447 KiB, ~40 ms to load) is loaded on the first name that needs syllables: a search only needs them to
 *  highlight a pinyin term, so a cloud function's cold path does without it. The bundler keeps it in a file of its
 *  own beside index.js (cloud/deploy/bundle.ts) that this require reads then. */
function pinyinPro(): typeof Pinyin {
  return (loaded ??= (require('pinyin-pro') as typeof import('pinyin-pro')).pinyin)
}

let memo = new Map<string, string[]>()
let older = new Map<string, string[]>()
const MEMO_MAX = 50_000

/** One syllable (or the lower-cased character itself when it has no reading) per character of the name.
 *  Memoised: result lists ask for the same names again and again, and a pinyin look-up costs ~15 µs. Two
 *  generations, the older dropped whole when the newer fills: evicting the oldest key one at a time left deleted
 *  slots at the front of the Map for the next eviction to walk past, which made seeding 1,000,000 distinct names
 *  take 72 s instead of 20. */
export function syllables(name: string): string[] {
  let s = memo.get(name)
  if (!s) {
    s = older.get(name) ?? computeSyllables(name)
    if (memo.size >= MEMO_MAX) {
      older = memo
      memo = new Map()
    }
    memo.set(name, s)
  }
  return s
}

function computeSyllables(name: string): string[] {
  const chars = Array.from(name)
  const pinyin = pinyinPro()
  const out = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true }) as string[]
  // pinyin-pro folds runs of non-Chinese characters into one item with nonZh 'consecutive'; re-split so there is one per char.
  if (out.length === chars.length) return out.map((s) => s.toLowerCase())
  const perChar = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'spaced', v: true }) as string[]
  if (perChar.length === chars.length) return perChar.map((s) => s.toLowerCase())
  return chars.map((c) => (pinyin(c, { toneType: 'none', v: true }) || c).toLowerCase())
}

export function nameSearchColumns(name: string): { name_pinyin: string; name_initials: string; name_grams: string[] } {
  const sy = syllables(name)
  const lower = Array.from(name.toLowerCase())
  const grams = new Set<string>()
  for (let i = 0; i < lower.length; i++) {
    grams.add(lower[i])
    if (i + 1 < lower.length) grams.add(lower[i] + lower[i + 1])
  }
  return {
    name_pinyin: sy.join(''),
    name_initials: sy.map((s) => s[0] ?? '').join(''),
    name_grams: [...grams],
  }
}

/** The grams a term must all have for a name to contain it (1 char: itself; longer: its 2-character slices). */
export function termGrams(term: string): string[] {
  const chars = Array.from(term.toLowerCase())
  if (chars.length === 1) return chars
  const grams = new Set<string>()
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1])
  return [...grams]
}
