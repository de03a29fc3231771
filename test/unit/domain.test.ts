import { describeUsccProblem, isValidUscc, normaliseUscc, usccCheckChar, usccProblem, USCC_ALPHABET } from '../../src/domain/uscc'
import { classifyQuery } from '../../src/domain/query'
import { readVerifyCode } from '../../src/domain/verifyCode'
import { highlightRanges } from '../../src/domain/highlight'
import { checkStatusChange } from '../../src/domain/institutionStatus'
import { INSTITUTION_STATUSES } from '../../src/domain/catalog'
import { syllables } from '../../cloud/store/searchText'

describe('USCC check digit (GB 32100-2015)', () => {
  it.each(['91440300708461136T', '91330100799655058B', '914403001922038216'])('when a published code %s is checked, then it passes', (code) => {
    expect(usccProblem(code)).toBeNull()
  })

  it('when any one character of a published code changes, then the check fails', () => {
    const code = '91440300708461136T'
    for (let i = 0; i < 18; i++) {
      for (const c of USCC_ALPHABET) {
        if (c === code[i]) continue
        expect(isValidUscc(code.slice(0, i) + c + code.slice(i + 1))).toBe(false)
      }
    }
  })

  it('when the check character is a letter other than X, then it is still accepted', () => {
    expect(usccCheckChar('91330100799655058')).toBe('B')
  })

  it('when a code has a wrong length, a forbidden letter or a wrong check, then the problem says exactly which', () => {
    expect(describeUsccProblem(usccProblem('9144030070846113')!)).toBe('统一社会信用代码应为18位，您输入了16位')
    expect(describeUsccProblem(usccProblem('91440300708461136I')!)).toContain('第18位“I”不是')
    expect(describeUsccProblem(usccProblem('9O440300708461136T')!)).toContain('第2位“O”')
    expect(describeUsccProblem(usccProblem('91440300708461136X')!)).toBe('校验位不符：第18位应为“T”，实为“X”，请核对是否输错')
  })

  it('when a code is typed with spaces, dashes and lower case, then it is normalised first', () => {
    expect(normaliseUscc(' 9144 0300-7084 6113 6t ')).toBe('91440300708461136T')
  })
})

describe('query classification', () => {
  it.each([
    ['舞', 'chinese', '舞'],
    ['舞 蹈', 'chinese', '舞蹈'],
    ['WuDao', 'pinyin', 'wudao'],
    ['xyz', 'pinyin', 'xyz'],
    ['91440300708461136T', 'uscc', '91440300708461136T'],
    ['91440300708461136t', 'uscc', '91440300708461136T'],
    ['913502', 'uscc_prefix', '913502'],
    ['文民3502031230045号', 'license', '文民3502031230045号'],
    ['文民3502031230045', 'license', '文民3502031230045号'],
    ['%', 'chinese', '%'],
    ['   ', 'empty', ''],
  ])('when %s is typed, then it is a %s query for %s', (raw, kind, term) => {
    expect(classifyQuery(raw)).toEqual({ kind, term })
  })
})

describe('reading a verification code', () => {
  it('when a QR payload is a URL with the code, then the code is taken from it', () => {
    expect(readVerifyCode('https://x.invalid/v?uscc=91440300708461136T&from=qr')).toEqual({ kind: 'uscc', code: '91440300708461136T' })
  })
  it('when a licence number is typed without 号, then it is still read', () => {
    expect(readVerifyCode('体民3502061234567')).toEqual({ kind: 'license', code: '体民3502061234567号' })
  })
  it('when Chinese that is no licence number is typed, then it says what to enter', () => {
    const r = readVerifyCode('小鹿舞蹈')
    expect(r.kind).toBe('invalid')
  })
  it('when nothing is typed, then it asks for a code', () => {
    expect(readVerifyCode('  ')).toEqual({ kind: 'invalid', message: '请输入统一社会信用代码或办学许可证号' })
  })
})

describe('highlighting', () => {
  const name = '星屿舞蹈艺术培训中心'
  const sy = syllables(name)
  it.each([
    ['舞蹈', [[2, 4]]],
    ['wudao', [[2, 4]]],
    ['wud', [[2, 4]]],
    ['xy', [[0, 2]]],
    ['ysp', [[4, 7]]],
    ['zzz', []],
  ])('when %s is searched, then the matched characters are %j', (q, ranges) => {
    expect(highlightRanges(name, classifyQuery(q), sy)).toEqual(ranges)
  })

  // The rule, character by character: the first place where the lowered characters of the name spell the lowered term.
  const byCharacter = (n: string, term: string): [number, number][] => {
    const lower = Array.from(n).map((c) => c.toLowerCase())
    const t = Array.from(term.toLowerCase())
    for (let i = 0; i + t.length <= lower.length; i++) if (t.every((c, j) => lower[i + j] === c)) return [[i, i + t.length]]
    return []
  }
  it('when names mix Chinese, Latin, full-width and rarer characters, then a Chinese term is found where the character-by-character rule finds it', () => {
    const alphabet = Array.from('舞蹈艺术培训中心厦门ABCabcＡＢｃ（）·-İıΣσς𠀋😀Ωω1 ')
    let seed = 7
    const pick = () => alphabet[(seed = (seed * 48271) % 2147483647) % alphabet.length]
    let found = 0
    for (let k = 0; k < 3000; k++) {
      const n = Array.from({ length: 1 + (k % 14) }, pick).join('')
      const chars = Array.from(n)
      const from = k % chars.length
      // Half the terms are slices of the name (upper-cased sometimes), half drawn at random.
      const term = k % 2 ? chars.slice(from, from + 1 + (k % 3)).join('') : Array.from({ length: 1 + (k % 3) }, pick).join('')
      const q = { kind: 'chinese' as const, term: k % 4 === 1 ? term.toUpperCase() : term }
      const want = byCharacter(n, q.term)
      expect({ n, term: q.term, got: highlightRanges(n, q, []) }).toEqual({ n, term: q.term, got: want })
      if (want.length) found++
    }
    expect(found).toBeGreaterThan(1000)
  })
})

describe('institution status rules', () => {
  it('when the status does not change, then it is allowed and marked unchanged', () => {
    for (const s of INSTITUTION_STATUSES) expect(checkStatusChange(s, s)).toEqual({ ok: true, changed: false })
  })
  it('when a blacklisted institution would go straight back to the white list, then it is refused in Chinese', () => {
    expect(checkStatusChange('blacklisted', 'approved')).toEqual({ ok: false, message: '机构当前为“黑名单”，不能直接改为“白名单”' })
  })
  it('when a suspended institution has rectified, then it may return to the white list', () => {
    expect(checkStatusChange('suspended', 'approved')).toEqual({ ok: true, changed: true })
  })
  it('when a pending application is suspended, then it is refused (nothing to suspend)', () => {
    expect(checkStatusChange('pending', 'suspended').ok).toBe(false)
  })
})

describe('the district a written address names', () => {
  it('when an address names its district, then that district is read, with or without 厦门市', async () => {
    const { districtInAddress } = await import('../../src/domain/catalog')
    expect(districtInAddress('思明区湖滨南路1号3楼')).toBe('siming')
    expect(districtInAddress('厦门市翔安区新店镇1号')).toBe('xiangan')
    expect(districtInAddress('集美大道1300号')).toBe('jimei')
  })
  it('when an address names no district or two, then none is guessed', async () => {
    const { districtInAddress } = await import('../../src/domain/catalog')
    expect(districtInAddress('莲前西路88号')).toBeNull()
    expect(districtInAddress('海沧区和湖里区交界处')).toBeNull()
    // A full "X区" outranks a bare name elsewhere in the address.
    expect(districtInAddress('湖里区思明路2号')).toBe('huli')
  })
})
