// Search columns computed on write (never at query time): full pinyin, initials, and 1–2 character grams.
import type { pinyin as Pinyin } from 'pinyin-pro'

let loaded: typeof Pinyin | undefined
/** pinyin-pro (447 KiB, ~40 ms to load) is loaded on the first name that needs syllables: a search only needs them to
 *  highlight a pinyin term, so a cloud function's cold path does without it. The bundler keeps it in a file of its
 *  own beside index.js (cloud/deploy/bundle.ts) that this require reads then. */
function pinyinPro(): typeof Pinyin {
  return (loaded ??= (require('pinyin-pro') as typeof import('pinyin-pro')).pinyin)
}

/** Loads the dictionary now, for a process that keeps a search index (SearchIndex.ready): there a name changed since
 *  the index was built is highlighted from the dictionary, and loading it inside the first such search held the
 *  event loop 69–79 ms under load (bench §9's profile: the require and pinyin-pro building its trie). */
export function loadPinyin(): void {
  pinyinPro()
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

/** The name's syllables read back from its stored pinyin and initials, without the dictionary, when only one split
 *  fits: `count` syllables, each starting with its initial, together spelling the pinyin. The split pinyin-pro made
 *  on write is one that fits, so a unique one is it; undefined when several fit (e.g. "nannan" over initials "nn"),
 *  and the caller asks the dictionary. Why: a pinyin search highlights 20 names a page, and a name's first look-up
 *  in pinyin-pro costs ~25 µs — about half of such a search's time at 1,000,000 institutions (issue 12). */
export function syllablesFromColumns(name: string, pinyin: string, initials: string): string[] | undefined {
  const chars = Array.from(name)
  const n = chars.length
  if (initials.length !== n || n === 0 || pinyin[0] !== initials[0] || pinyin.length > 4000) return undefined
  // A Chinese character's syllable is spelled as every pinyin syllable is (so "xin|gguang" is no split of
  // "xingguang"); other characters' may be anything. Looser than pinyin's own rules, never stricter.
  const han = chars.map((c) => HAN_CHAR.test(c))
  const fits = (i: number, start: number, end: number) => !han[i] || SYLLABLE.test(pinyin.slice(start, end))
  // How many splits of pinyin from `start` (where syllable i starts) into syllables i..n-1 fit, capped at 2.
  const memo = new Map<number, number>()
  const ways = (i: number, start: number): number => {
    if (i === n - 1) return fits(i, start, pinyin.length) ? 1 : 0
    const key = i * 4096 + start
    const hit = memo.get(key)
    if (hit !== undefined) return hit
    let total = 0
    for (let q = pinyin.indexOf(initials[i + 1], start + 1); q >= 0 && q <= pinyin.length - (n - i - 1) && total < 2; q = pinyin.indexOf(initials[i + 1], q + 1)) {
      if (fits(i, start, q)) total += ways(i + 1, q)
    }
    memo.set(key, Math.min(total, 2))
    return Math.min(total, 2)
  }
  if (ways(0, 0) !== 1) return undefined
  const out: string[] = []
  let start = 0
  for (let i = 0; i < n - 1; i++) {
    let q = pinyin.indexOf(initials[i + 1], start + 1)
    while (!(fits(i, start, q) && ways(i + 1, q) > 0)) q = pinyin.indexOf(initials[i + 1], q + 1)
    out.push(pinyin.slice(start, q))
    start = q
  }
  out.push(pinyin.slice(start))
  return out
}

const HAN_CHAR = /^\p{Script=Han}$/u
/** A toneless pinyin syllable (ü written v): an optional initial, a vowel, then letters, ending in a vowel, n, ng or
 *  r; or one of the syllables without a vowel (m, n, ng, hm, hng). */
const SYLLABLE = /^(?:(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])?(?:[aeiouv]|[aeiouv][a-z]*(?:[aeiouvnr]|ng))|m|n|ng|hm|hng)$/

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
