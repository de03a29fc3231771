// Personal data that must never reach a published case: phone numbers, ID-card numbers, ticket numbers and (for a
// case made from a complaint) the reporter's name. Pure, so the workbench shows the same refusal before sending that
// the server gives (cloud/services/staff/cases.ts). Each hit is quoted masked: the message itself must not republish it.

export type PersonalDataKind = 'idCard' | 'mobile' | 'landline' | 'ticketNo' | 'reporterName'

export const PERSONAL_DATA_LABEL: Readonly<Record<PersonalDataKind, string>> = {
  idCard: '身份证号码',
  mobile: '手机号码',
  landline: '电话号码',
  ticketNo: '举报编号',
  reporterName: '举报人姓名',
}

export interface PersonalDataHit {
  kind: PersonalDataKind
  /** Where it starts in the text as checked (full-width digits and letters folded to ASCII). */
  index: number
  /** The piece as written, masked for quoting. */
  masked: string
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** The check character of an 18-digit ID-card number (GB 11643), from its first 17 digits. */
export function idCardCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]
  return ID_CHECK[sum % 11]
}

function realBirthDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return d <= days
}

/** An 18-digit number with a valid check character and birth date, or a 15-digit one (no check character) with a valid date. */
export function isIdCardNumber(s: string): boolean {
  if (/^[1-9]\d{16}[\dX]$/i.test(s)) {
    if (!realBirthDate(Number(s.slice(6, 10)), Number(s.slice(10, 12)), Number(s.slice(12, 14)))) return false
    return idCardCheckChar(s) === s[17].toUpperCase()
  }
  if (/^[1-9]\d{14}$/.test(s)) return realBirthDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)))
  return false
}

/** Keeps the first `head` and last `tail` characters of the digits or letters; the rest become stars. */
function maskMiddle(piece: string, head: number, tail: number): string {
  const chars = [...piece]
  const significant = chars.map((c, i) => (/[0-9A-Za-z]/.test(c) ? i : -1)).filter((i) => i >= 0)
  const keep = new Set([...significant.slice(0, head), ...significant.slice(Math.max(head, significant.length - tail))])
  return chars.map((c, i) => (significant.includes(i) && !keep.has(i) ? '*' : c)).join('')
}

const maskName = (name: string) => {
  const chars = [...name]
  return chars[0] + '*'.repeat(chars.length - 1)
}

// Digits and letters around a match must not continue it: "13800138000" inside a longer number is not a phone.
const ID_CARD = /(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/g
const MOBILE = /(?<![0-9A-Za-z])(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?![0-9A-Za-z])/g
/** Area code (0 + 2–3 digits, bracketed or not) then 7–8 digits: 0592-5551234, (0592)5551234, 010 12345678. */
const LANDLINE = /(?<![0-9A-Za-z])(?:\(0\d{2,3}\)|0\d{2,3})[-\s]?\d{7,8}(?:-\d{1,5})?(?![0-9A-Za-z])/g
/** Without an area code a 7–8 digit number is a phone only when the text says so (电话 5551234); else it may be an amount. */
const LOCAL_NUMBER = /(?:电话|热线|座机|联系方式|tel)[:：\s号码是为]{0,4}(\d{3,4}[-\s]?\d{4})(?![0-9A-Za-z])/gi
const TICKET = /XM\d{8}-\d+/gi

/**
 * Every piece of personal data in `text`, in reading order. `names` are the reporter's names to look for (a
 * one-character name is skipped: it would match ordinary words).
 */
export function findPersonalData(text: string, names: readonly string[] = []): PersonalDataHit[] {
  // Full-width digits typed with a Chinese input method are the same number.
  const t = text.normalize('NFKC')
  const hits: PersonalDataHit[] = []
  const taken: [number, number][] = []
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e)
  const add = (kind: PersonalDataKind, start: number, piece: string, masked: string) => {
    if (!free(start, start + piece.length)) return
    taken.push([start, start + piece.length])
    hits.push({ kind, index: start, masked })
  }
  for (const m of t.matchAll(TICKET)) add('ticketNo', m.index!, m[0], m[0].slice(0, 6) + '****' + m[0].slice(10))
  for (const m of t.matchAll(ID_CARD)) if (isIdCardNumber(m[0])) add('idCard', m.index!, m[0], maskMiddle(m[0], 3, 4))
  for (const m of t.matchAll(MOBILE)) add('mobile', m.index!, m[0], maskMiddle(m[0].replace(/^\+?86[-\s]?/, ''), 3, 4))
  for (const m of t.matchAll(LANDLINE)) {
    const area = /^\(?(0\d{2,3})/.exec(m[0])![1]
    add('landline', m.index!, m[0], maskMiddle(m[0], area.length, 2))
  }
  for (const m of t.matchAll(LOCAL_NUMBER)) {
    const start = m.index! + m[0].length - m[1].length
    add('landline', start, m[1], maskMiddle(m[1], 0, 2))
  }
  for (const raw of names) {
    const name = raw.normalize('NFKC').trim()
    if ([...name].length < 2) continue
    for (let at = t.indexOf(name); at >= 0; at = t.indexOf(name, at + name.length)) add('reporterName', at, name, maskName(name))
  }
  return hits.sort((a, b) => a.index - b.index)
}

/** The refusal for one field: names the field and quotes the first piece found, masked. */
export function personalDataMessage(fieldLabel: string, hit: PersonalDataHit): string {
  return `${fieldLabel}含有${PERSONAL_DATA_LABEL[hit.kind]}“${hit.masked}”，请删除后再发布`
}

/**
 * Checks each field's text; answers field → refusal for the fields that hold personal data (empty when none).
 * `fields` maps the input's field name to its Chinese label and text.
 */
export function personalDataProblems(fields: Readonly<Record<string, { label: string; text: string | undefined }>>, names: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, { label, text }] of Object.entries(fields)) {
    if (!text) continue
    const first = findPersonalData(text, names)[0]
    if (first) out[key] = personalDataMessage(label, first)
  }
  return out
}
