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
