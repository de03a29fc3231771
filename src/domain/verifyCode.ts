// Reads what a person scanned or typed at a shop door into a code we can look up, or says what is wrong with it.
import { LICENSE_PATTERN } from './query'
import { describeUsccProblem, normaliseUscc, usccProblem } from './uscc'

export type ReadCode =
  | { kind: 'uscc'; code: string }
  | { kind: 'license'; code: string }
  | { kind: 'invalid'; codeKind?: 'uscc' | 'license'; message: string }

/** A QR code may carry a URL (e.g. a licence page) with the code as a parameter; take the parameter. */
function fromUrl(raw: string): string {
  if (!/^https?:\/\//i.test(raw)) return raw
  const query = raw.split('?')[1]?.split('#')[0] ?? ''
  for (const pair of query.split('&')) {
    const [k, val] = pair.split('=')
    if (['code', 'uscc', 'creditCode', 'license', 'licenseNo'].includes(k) && val) {
      try {
        return decodeURIComponent(val)
      } catch {
        return val
      }
    }
  }
  return raw
}

export function readVerifyCode(raw: string): ReadCode {
  const text = fromUrl(raw.trim()).replace(/\s+/g, '')
  if (!text) return { kind: 'invalid', message: '请输入统一社会信用代码或办学许可证号' }
  if (/民/.test(text)) {
    const code = text.endsWith('号') ? text : `${text}号`
    return LICENSE_PATTERN.test(code)
      ? { kind: 'license', code }
      : { kind: 'invalid', codeKind: 'license', message: '办学许可证号格式不对：应为“文/体/科民”加数字，如 文民3502031230045号' }
  }
  if (/\p{Script=Han}/u.test(text)) {
    return { kind: 'invalid', message: '无法识别：请输入18位统一社会信用代码，或以“文民/体民/科民”开头的办学许可证号' }
  }
  const code = normaliseUscc(text)
  const problem = usccProblem(code)
  return problem ? { kind: 'invalid', codeKind: 'uscc', message: describeUsccProblem(problem) } : { kind: 'uscc', code }
}
