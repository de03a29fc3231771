import { findPersonalData, idCardCheckChar, isIdCardNumber, personalDataMessage, personalDataProblems } from '../../src/domain/personalData'

const kinds = (text: string, names?: string[]) => findPersonalData(text, names).map((h) => `${h.kind}:${h.masked}`)

// A made-up 18-digit number with its correct check character.
const ID18 = '35020319900101123' + idCardCheckChar('35020319900101123')

describe('personal data in a case text', () => {
  it('when a mobile number is written plainly, with spaces, dashes or +86, then it is found and quoted masked', () => {
    expect(kinds('家长反映13812345678多次催款')).toEqual(['mobile:138****5678'])
    expect(kinds('联系138 1234 5678')).toEqual(['mobile:138 **** 5678'])
    expect(kinds('联系138-1234-5678')).toEqual(['mobile:138-****-5678'])
    expect(kinds('联系+86 13812345678')).toEqual(['mobile:138****5678'])
  })

  it('when full-width digits are typed, then they are the same number', () => {
    expect(kinds('电话１３８１２３４５６７８')).toEqual(['mobile:138****5678'])
  })

  it('when a landline has an area code (with or without brackets), or a phone word before a bare number, then it is found', () => {
    expect(kinds('咨询0592-5551234')).toEqual(['landline:0592-*****34'])
    expect(kinds('咨询(0592)5551234')).toEqual(['landline:(0592)*****34'])
    expect(kinds('咨询010 12345678')).toEqual(['landline:010 ******78'])
    expect(kinds('联系电话：5551234')).toEqual(['landline:*****34'])
  })

  it('when amounts, dates, licence and credit codes appear, then nothing is found', () => {
    expect(kinds('预收费12800000元，超过3个月或60课时，2026-11-20检查')).toEqual([])
    expect(kinds('办学许可证文民3502031230045号，统一社会信用代码91350203MA2Y0X1234')).toEqual([])
    expect(kinds('共计5551234元')).toEqual([])
  })

  it('when an 18-digit ID-card number has its right check character, then it is found; a wrong check character is not an ID number', () => {
    expect(isIdCardNumber(ID18)).toBe(true)
    expect(kinds(`身份证${ID18}`)).toEqual([`idCard:350***********${ID18.slice(-4)}`])
    const wrong = ID18.slice(0, 17) + (ID18[17] === '0' ? '1' : '0')
    expect(isIdCardNumber(wrong)).toBe(false)
    expect(kinds(`编号${wrong}`)).toEqual([])
  })

  it('when a 15-digit ID-card number with a real birth date appears, then it is found; an impossible date is not', () => {
    expect(isIdCardNumber('350203900101123')).toBe(true)
    expect(kinds('旧证350203900101123')).toEqual(['idCard:350********1123'])
    expect(isIdCardNumber('350203901341123')).toBe(false)
  })

  it('when a ticket number appears, then it is found whatever its case', () => {
    expect(kinds('见举报XM20261201-0001')).toEqual(['ticketNo:XM2026****-0001'])
    expect(kinds('见举报xm20261201-12')).toEqual(['ticketNo:xm2026****-12'])
  })

  it('when the reporter is named, then the name is found masked; a one-character name is not looked for', () => {
    expect(kinds('经张三丰反映，该机构超时培训', ['张三丰'])).toEqual(['reporterName:张**'])
    expect(kinds('张老师反映', ['张'])).toEqual([])
  })

  it('when several pieces appear, then they come in reading order and the message quotes the first', () => {
    const hits = findPersonalData('举报人李四（13812345678）反映XM20261201-0001', ['李四'])
    expect(hits.map((h) => h.kind)).toEqual(['reporterName', 'mobile', 'ticketNo'])
    expect(personalDataMessage('违规事实', hits[0])).toBe('违规事实含有举报人姓名“李*”，请删除后再发布')
  })

  it('when fields are checked together, then each field with personal data gets its own message and clean fields none', () => {
    expect(
      personalDataProblems({
        entityName: { label: '当事人名称', text: '某某艺术培训' },
        facts: { label: '违规事实', text: '家长反映13812345678多次催款' },
        outcome: { label: '处理结果', text: undefined },
      }),
    ).toEqual({ facts: '违规事实含有手机号码“138****5678”，请删除后再发布' })
  })
})
