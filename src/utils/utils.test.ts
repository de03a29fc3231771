import { formatDistance, formatDate } from './format'
import { splitHighlight } from './highlight'
import { codeFromScan } from './scan'
import { verdictMeaning } from './verdict'

describe('distances read the way people say them', () => {
  test('under a kilometre they are whole tens of metres', () => {
    expect(formatDistance(853)).toBe('850 米')
    expect(formatDistance(3)).toBe('10 米')
  })
  test('beyond a kilometre they are kilometres with one decimal', () => {
    expect(formatDistance(1234)).toBe('1.2 公里')
    expect(formatDistance(123456)).toBe('123 公里')
  })
  test('a missing or broken distance says nothing', () => {
    expect(formatDistance(Number.NaN)).toBe('')
    expect(formatDate(undefined)).toBe('')
    expect(formatDate('2023-06-12T00:00:00Z')).toBe('2023-06-12')
  })
})

describe('the matched part of a name is cut out for emphasis', () => {
  test('when the server marks 舞蹈 in 博梧舞蹈艺术学校, then three runs come back', () => {
    expect(splitHighlight('博梧舞蹈艺术学校', [[2, 4]])).toEqual([
      { text: '博梧', hit: false },
      { text: '舞蹈', hit: true },
      { text: '艺术学校', hit: false },
    ])
  })
  test('when ranges overlap or run past the end, then they merge and stop at the end', () => {
    expect(splitHighlight('阳光舞蹈', [[0, 2], [1, 3], [3, 99]])).toEqual([{ text: '阳光舞蹈', hit: true }])
  })
  test('when there is no highlight, then the name is one plain run', () => {
    expect(splitHighlight('阳光', undefined)).toEqual([{ text: '阳光', hit: false }])
  })
})

describe('a scanned QR code yields the code inside it', () => {
  test('when the code is bare, then it comes back as typed', () => {
    expect(codeFromScan(' 91440300708461136T ')).toBe('91440300708461136T')
  })
  test('when the code sits in a link parameter, then the parameter is taken', () => {
    expect(codeFromScan('https://example.cn/verify?uscc=91440300708461136T&from=qr')).toBe('91440300708461136T')
  })
  test('when the code is the tail of a link, then it is found and upper-cased', () => {
    expect(codeFromScan('https://example.cn/i/91440300708461136t')).toBe('91440300708461136T')
  })
  test('when a licence number is inside the text, then it is found', () => {
    expect(codeFromScan('许可证：文民350203100123号')).toBe('文民350203100123号')
  })
})

describe('the verdict line says what the status means', () => {
  test('when approved with a batch, then the batch and its date are named', () => {
    expect(verdictMeaning({ status: 'approved', batch: { no: 3, date: '2023-06-12', notice: '' }, history: [] })).toBe(
      '已列入第3批白名单，2023-06-12 公布',
    )
  })
  test('when blacklisted, then the reason and date are given', () => {
    expect(verdictMeaning({ status: 'blacklisted', blacklist: { reason: '超额预收费', date: '2024-01-02', notice: '' }, history: [] })).toBe(
      '超额预收费，2024-01-02 列入黑名单',
    )
  })
})
