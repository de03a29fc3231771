import { statusOptions } from './statusActions'
import { actionWords, detailWords } from './auditWords'
import { caseProblems, emptyNotice, inviteProblems, campaignProblems, statusProblems, toNotice } from './validate'
import type { PublishCaseInput } from '../../domain/staffRecords'

const today = '2026-12-02'
const notice = { ...emptyNotice(today), title: '关于某培训机构超时培训的处理通报' }
const goodCase = {
  date: today,
  entityName: '厦门某舞蹈培训中心',
  district: 'siming',
  type: 'late_hours',
  facts: '经核查，该机构在晚上九点半后仍组织小学生舞蹈培训。',
  outcome: '责令限期整改。',
  notice: toNotice(notice),
} as PublishCaseInput

describe('the workbench forms check before sending, in the server’s words', () => {
  test('when a case is complete and clean, then nothing is in the way', () => {
    expect(caseProblems(goodCase, false, [])).toEqual({})
  })

  test('when the facts carry a phone number, then 违规事实 is refused with the number masked', () => {
    const problems = caseProblems({ ...goodCase, facts: '经核查，该机构超时培训，联系人电话13812345678。' }, false, [])
    expect(Object.keys(problems)).toEqual(['facts'])
    expect(problems.facts).toContain('138****5678')
  })

  test('when the outcome names the reporter given by the ticket, then 处理结果 is refused', () => {
    expect(Object.keys(caseProblems({ ...goodCase, outcome: '已向林秀英反馈处理结果。' }, false, ['林秀英']))).toEqual(['outcome'])
  })

  test('when a case is empty, then each missing field is named, in the order the fields stand on screen', () => {
    const empty = { ...goodCase, entityName: '', district: undefined, type: undefined, facts: '', outcome: '', notice: toNotice(emptyNotice(today)) } as unknown as PublishCaseInput
    // Entries, not an object: toEqual ignores key order, and the first key is the field that gets the focus.
    expect(Object.entries(caseProblems(empty, true, []))).toEqual([
      ['entityName', '请填写当事人名称'],
      ['district', '请选择行政区'],
      ['type', '请选择违规类型'],
      ['facts', '请填写违规事实'],
      ['outcome', '请填写处理结果'],
      ['department', '请选择以哪个部门的名义发布'],
      ['notice.title', '请填写公告标题'],
    ])
  })

  test('when a notice link is not http(s), then the link field says so', () => {
    const problems = statusProblems({ institutionId: 'x', status: 'suspended', reason: '多次超时培训', notice: { ...notice, url: 'ftp://x' } })
    expect(problems).toEqual({ 'notice.url': '公告链接应以 http:// 或 https:// 开头' })
  })

  test('when an invitation or a campaign misses its choices, then the schema names each (not 不支持的参数)', () => {
    expect(inviteProblems({ days: '14' })).toEqual({ district: '请选择监督员所在的行政区', kind: '请选择监督员类别' })
    expect(inviteProblems({ district: 'siming', kind: 'volunteer', days: '120' })).toEqual({ days: '有效天数不能超过90天' })
    expect(campaignProblems({ name: '', startsOn: today, endsOn: '', districts: [], focus: [] })).toEqual({
      name: '请填写行动名称',
      endsOn: '请选择结束日期',
      districts: '请至少选择一个行政区',
      focus: '请至少选择一个重点检查项',
    })
  })
})

describe('the status changes offered are the machine’s', () => {
  test('when an institution is on the white list, then it may be suspended, revoked or blacklisted', () => {
    expect(statusOptions('approved').map((o) => o.to)).toEqual(['suspended', 'revoked', 'blacklisted'])
  })
  test('when it is suspended, then restoring is offered in words of rectification', () => {
    expect(statusOptions('suspended').find((o) => o.to === 'approved')?.label).toBe('整改完成，恢复白名单')
  })
  test('when it is blacklisted, then only a new application is possible', () => {
    expect(statusOptions('blacklisted').map((o) => [o.action, o.to])).toEqual([['reapply', 'pending']])
  })
})

describe('the audit log speaks Chinese', () => {
  test('when a record holds codes, then they are said in words', () => {
    expect(actionWords('staff.transition', { step: 'reply' })).toBe('办理举报（答复）')
    expect(detailWords({ district: 'siming', kind: 'volunteer', created: true })).toBe('思明区 · 社会监督员')
  })
})
