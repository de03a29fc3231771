// Unified social credit code (GB 32100-2015). Pure, shared by the mini-program and the functions.

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

export type UsccProblem =
  | { kind: 'length'; length: number }
  | { kind: 'char'; position: number; char: string }
  | { kind: 'check'; expected: string; actual: string }

/** People type codes with spaces and lower case; that is not an error. */
export function normaliseUscc(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase()
}

export function usccCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * WEIGHTS[i]
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]
}

/** Returns null for a valid code, else the first thing wrong with it (length, then characters, then check). */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return { kind: 'length', length: code.length }
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(code[i])) return { kind: 'char', position: i + 1, char: code[i] }
  }
  const expected = usccCheckChar(code.slice(0, 17))
  return expected === code[17] ? null : { kind: 'check', expected, actual: code[17] }
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null
}

export function describeUsccProblem(p: UsccProblem): string {
  switch (p.kind) {
    case 'length':
      return `统一社会信用代码应为18位，您输入了${p.length}位`
    case 'char':
      return `第${p.position}位“${p.char}”不是统一社会信用代码可用的字符（不含 I、O、S、V、Z）`
    case 'check':
      return `校验位不符：第18位应为“${p.expected}”，实为“${p.actual}”，请核对是否输错`
  }
}
