import { PERMISSIONS } from '../../src/domain/access'
import { INSTITUTION_STATUSES } from '../../src/domain/catalog'
import { CLOSED_STATUSES, COMPLAINT_MACHINE, COMPLAINT_STATUSES, nextComplaintStatus, OPEN_STATUSES, RATEABLE_STATUSES, timelineHeadings } from '../../src/domain/complaints'
import { checkStatusChange, INSTITUTION_MACHINE } from '../../src/domain/institutionStatus'
import { invitesPayment } from '../../src/domain/verdict'
import { actionsFrom, change, defineMachine, step } from '../../src/domain/statusMachine'

describe('the complaint machine', () => {
  // Written out by hand: the rules as they were before the machine took them over.
  const RULES: Record<string, Record<string, string>> = {
    accept: { submitted: 'accepted' },
    transfer: { submitted: 'assigned', accepted: 'assigned', assigned: 'assigned', in_progress: 'assigned', awaiting_info: 'assigned' },
    askInfo: { accepted: 'awaiting_info', assigned: 'awaiting_info', in_progress: 'awaiting_info' },
    start: { assigned: 'in_progress', accepted: 'in_progress' },
    reply: { in_progress: 'replied' },
    resolve: { replied: 'resolved' },
    reject: { submitted: 'rejected', accepted: 'rejected', assigned: 'rejected' },
    answerReview: { in_progress: 'resolved' },
    withdraw: { submitted: 'withdrawn', accepted: 'withdrawn', assigned: 'withdrawn', in_progress: 'withdrawn', awaiting_info: 'withdrawn' },
    review: { replied: 'in_progress', resolved: 'in_progress', rejected: 'in_progress' },
    supplyInfo: { awaiting_info: 'in_progress' },
  }

  it('when every action is tried from every status, then exactly the listed moves are allowed', () => {
    expect(Object.keys(COMPLAINT_MACHINE.actions).sort()).toEqual(Object.keys(RULES).sort())
    for (const action of Object.keys(RULES) as (keyof typeof COMPLAINT_MACHINE.actions)[]) {
      for (const status of COMPLAINT_STATUSES) {
        const verdict = step(COMPLAINT_MACHINE, status, action)
        const expected = RULES[action][status]
        expect([action, status, verdict.ok ? verdict.next : null]).toEqual([action, status, expected ?? null])
        if (!verdict.ok) expect(verdict.message).toMatch(/^举报当前为“.+”，不能.+/)
      }
    }
  })

  it('when a step is impossible, then the message names the status and the step in Chinese', () => {
    expect(nextComplaintStatus('withdrawn', 'accept')).toEqual({ ok: false, message: '举报当前为“已撤回”，不能受理' })
    expect(nextComplaintStatus('replied', 'review', true)).toEqual({ ok: false, message: '每件举报只能申请一次复核' })
    // A review's answer is final, and only a review has one.
    expect(nextComplaintStatus('in_progress', 'answerReview', false)).toEqual({ ok: false, message: '只有举报人申请复核后，才能答复复核' })
    expect(nextComplaintStatus('in_progress', 'answerReview', true)).toEqual({ ok: true, next: 'resolved' })
    expect(nextComplaintStatus('in_progress', 'reply', true)).toEqual({ ok: false, message: '这件举报正在复核，请用“答复复核”给出复核结论' })
  })

  it('when the groups are read, then open tickets are neither answered nor closed, and every status belongs somewhere', () => {
    expect([...OPEN_STATUSES]).toEqual(['submitted', 'accepted', 'assigned', 'in_progress', 'awaiting_info'])
    expect([...RATEABLE_STATUSES]).toEqual(['replied', 'resolved', 'rejected'])
    expect([...CLOSED_STATUSES]).toEqual(['resolved', 'rejected', 'withdrawn'])
    for (const s of COMPLAINT_STATUSES) {
      const groups = Object.entries(COMPLAINT_MACHINE.groups).filter(([, list]) => list.includes(s)).map(([g]) => g)
      expect([s, groups.length > 0]).toEqual([s, true])
      if (groups.includes('open')) expect([s, groups]).toEqual([s, ['open']])
    }
    // Nothing leaves a withdrawn ticket; the department's answers can only be reopened by the one review.
    expect(actionsFrom(COMPLAINT_MACHINE, 'withdrawn')).toEqual([])
    for (const s of ['resolved', 'rejected'] as const) expect(actionsFrom(COMPLAINT_MACHINE, s)).toEqual(['review'])
  })

  it('when an action is looked up, then it names a permission of the access table: staff steps transition, reporter steps own', () => {
    for (const [name, a] of Object.entries(COMPLAINT_MACHINE.actions)) {
      expect(PERMISSIONS).toContain(a.permission)
      expect([name, a.permission]).toEqual([name, ['withdraw', 'review', 'supplyInfo'].includes(name) ? 'complaint.own' : 'complaint.transition'])
    }
  })

  it('when a reporter reopens a ticket, then the timeline heading says 申请复核', () => {
    const at = '2026-12-01T00:00:00Z'
    expect(timelineHeadings([{ at, status: 'replied', by: 'staff' }, { at, status: 'in_progress', by: 'reporter' }])).toEqual(['已答复', '申请复核'])
  })
})

describe('the institution machine', () => {
  const ALLOWED: Record<string, string[]> = {
    pending: ['approved', 'revoked', 'blacklisted'],
    approved: ['suspended', 'revoked', 'blacklisted'],
    suspended: ['approved', 'revoked', 'blacklisted'],
    revoked: ['pending', 'blacklisted'],
    blacklisted: ['pending'],
  }

  it('when every change between two statuses is asked, then exactly the listed ones are allowed', () => {
    for (const from of INSTITUTION_STATUSES) {
      for (const to of INSTITUTION_STATUSES) {
        const expected = from === to ? { ok: true, changed: false } : ALLOWED[from].includes(to) ? { ok: true, changed: true } : { ok: false, message: expect.stringMatching(/^机构当前为/) }
        expect([from, to, checkStatusChange(from, to)]).toEqual([from, to, expected])
      }
    }
  })

  it('when trust is asked, then only the white list invites payment, and every change needs institution.setStatus', () => {
    expect(INSTITUTION_STATUSES.filter(invitesPayment)).toEqual(['approved'])
    expect(Object.values(INSTITUTION_MACHINE.actions).every((a) => a.permission === 'institution.setStatus')).toBe(true)
  })
})

describe('defining a machine', () => {
  it('when an action or a group names a status the machine does not have, then it refuses at once', () => {
    const base = { noun: '测试', statuses: ['a', 'b'] as const, label: { a: '甲', b: '乙' }, groups: { open: ['a' as const] } }
    expect(() => defineMachine({ ...base, actions: { go: { from: { a: 'c' as never }, permission: 'audit.read', words: '走' } } })).toThrow(/unknown status/)
    expect(() => defineMachine({ ...base, groups: { open: ['c' as never] }, actions: {} })).toThrow(/unknown status/)
    const m = defineMachine({ ...base, actions: { go: { from: { a: 'b' }, permission: 'audit.read', words: '走' } } })
    expect(change(m, 'b', 'a')).toEqual({ ok: false, message: '测试当前为“乙”，不能直接改为“甲”' })
    expect(step(m, 'a', 'go')).toEqual({ ok: true, next: 'b' })
  })
})
