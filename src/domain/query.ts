// What a person typed into the search box, classified so the store can pick the right index.
import { normaliseUscc, USCC_ALPHABET } from './uscc'

export type QueryKind = 'empty' | 'uscc' | 'uscc_prefix' | 'license' | 'chinese' | 'pinyin'

export interface ClassifiedQuery {
  kind: QueryKind
  /** The normalised term: upper-case codes, lower-case pinyin, Chinese as typed without spaces. */
  term: string
}

export const MAX_QUERY_LENGTH = 50

const HAN = /\p{Script=Han}/u
const USCC_CHARS = new RegExp(`^[${USCC_ALPHABET}]+$`)
/** Licence numbers read like 文民350203100123号: the approving department's mark, 民, digits, 号. */
export const LICENSE_PATTERN = /^[文体科教]民\d{6,18}号?$/

export function classifyQuery(raw: string): ClassifiedQuery {
  const compact = raw.trim().replace(/\s+/g, '')
  if (!compact) return { kind: 'empty', term: '' }
  if (LICENSE_PATTERN.test(compact)) return { kind: 'license', term: compact.endsWith('号') ? compact : `${compact}号` }
  if (HAN.test(compact)) return { kind: 'chinese', term: compact }
  if (/^[a-z]+$/i.test(compact)) {
    // A run of letters is pinyin, unless it is clearly a code (USCCs are mostly digits).
    return { kind: 'pinyin', term: compact.toLowerCase() }
  }
  const code = normaliseUscc(compact)
  if (USCC_CHARS.test(code) && /\d/.test(code)) {
    return code.length === 18 ? { kind: 'uscc', term: code } : { kind: 'uscc_prefix', term: code }
  }
  // Anything else (punctuation, wildcards, mixed scripts) is matched literally against the name.
  return { kind: 'chinese', term: compact }
}

/** Totals stop counting here: a list says "1万+" rather than scan every match (both search paths cap alike). */
export const TOTAL_CAP = 10_000

/** A list's count as shown: "1万+" when the server stopped counting at its cap. */
export function countLabel(total: number, capped?: boolean): string {
  if (!capped) return String(total)
  return total % 10_000 === 0 ? `${total / 10_000}万+` : `${total}+`
}

/** Where the next page starts: after a row of the list order (status rank, name, id), after a USCC (prefix
 *  searches list in code order), or at an offset (nearest-first pages, and cursors handed out before keysets). */
export type ListCursor = { kind: 'offset'; offset: number } | { kind: 'key'; rank: number; id: string; name: string } | { kind: 'uscc'; uscc: string }

export function encodeCursor(c: ListCursor): string {
  if (c.kind === 'offset') return `o${c.offset}`
  if (c.kind === 'uscc') return `u${c.uscc}`
  return `k${c.rank}.${c.id}.${c.name}`
}

/** undefined when the text is no cursor this API hands out. */
export function decodeCursor(text: string, maxOffset: number): ListCursor | undefined {
  let m = /^o(\d{1,6})$/.exec(text)
  if (m) return Number(m[1]) <= maxOffset ? { kind: 'offset', offset: Number(m[1]) } : undefined
  m = /^u([0-9A-Z]{1,18})$/.exec(text)
  if (m) return { kind: 'uscc', uscc: m[1] }
  m = /^k([0-9])\.([0-9A-Za-z_-]{1,64})\.([\s\S]{1,100})$/u.exec(text)
  if (m) return { kind: 'key', rank: Number(m[1]), id: m[2], name: m[3] }
  return undefined
}
