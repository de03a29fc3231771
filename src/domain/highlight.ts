// Which characters of a name a query matched, for emphasis in the result list. Pure: the caller supplies
// the name's syllables (one per character), so this runs anywhere without a pinyin dictionary.
import type { ClassifiedQuery } from './query'

export type Range = [number, number]

/** Whether every UTF-16 unit of `s` is ASCII, CJK (U+3000–U+9FFF) or a full-width form (U+FF00–U+FFEF): then each
 *  unit is one character, and lower-casing the whole string lowers each character in place, unit for unit. */
function plainUnits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 0x80 && (c < 0x3000 || c > 0x9fff) && (c < 0xff00 || c > 0xffef)) return false
  }
  return true
}

export function highlightRanges(name: string, q: ClassifiedQuery, syllables: string[]): Range[] {
  if (q.kind === 'chinese' && plainUnits(name)) {
    // The names a search lists almost always: one search of the lowered name, no array per character (this function
    // runs for every hit of every page; the general way below was a tenth of a Chinese search's time in the gateway).
    const term = q.term.toLowerCase()
    const at = name.toLowerCase().indexOf(term)
    return at >= 0 ? [[at, at + term.length]] : []
  }
  const chars = Array.from(name)
  if (q.kind === 'chinese') {
    const lower = chars.map((c) => c.toLowerCase())
    const term = Array.from(q.term.toLowerCase())
    for (let i = 0; i + term.length <= lower.length; i++) {
      if (term.every((c, j) => lower[i + j] === c)) return [[i, i + term.length]]
    }
    return []
  }
  if (q.kind !== 'pinyin' || syllables.length !== chars.length) return []
  const term = q.term
  // Full pinyin: a run of syllables from a character boundary whose concatenation starts with the term.
  for (let i = 0; i < syllables.length; i++) {
    let acc = ''
    for (let j = i; j < syllables.length && acc.length < term.length; j++) {
      acc += syllables[j]
      if (acc.startsWith(term) || (term.startsWith(acc) && acc.length === term.length)) return [[i, j + 1]]
      if (!term.startsWith(acc)) break
    }
  }
  // Initials: one letter per character.
  const initials = syllables.map((s) => s[0] ?? '').join('')
  const at = initials.indexOf(term)
  return at >= 0 ? [[at, at + term.length]] : []
}
