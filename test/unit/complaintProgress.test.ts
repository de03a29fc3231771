// The last line of a ticket's timeline: what happens next and by when, per status.
import { complaintNextStep } from '../../src/domain/complaintProgress'

const now = new Date('2026-12-01T02:00:00Z')
const today = '2026-12-01'
const ticket = { acceptDueAt: '2026-12-03', dueAt: '2026-12-22', reviewed: false }

describe('what happens next to a ticket', () => {
  it('when it was just submitted, then acceptance and the answer are both due, each by its day', () => {
    const next = complaintNextStep({ ...ticket, status: 'submitted' }, today, now)
    expect(next.line).toBe('待受理：12-03 前 · 答复：12-22 前')
    expect(next.steps.map((s) => s.overdue)).toEqual([false, false])
    expect(next.note).toBe('处理部门会先受理，再核查并答复。')
  })

  it('when it was accepted, assigned or is being handled, then only the answer is due', () => {
    for (const status of ['accepted', 'assigned', 'in_progress'] as const) {
      expect(complaintNextStep({ ...ticket, status }, today, now).line).toBe('待答复：12-22 前')
    }
  })

  it('when a day has passed, then it is marked overdue and 12345 is offered', () => {
    const next = complaintNextStep({ ...ticket, status: 'submitted' }, '2026-12-04', now)
    expect(next.line).toBe('待受理：12-03 前（已超期） · 答复：12-22 前')
    expect(next.note).toContain('12345')
    // The due day itself is not late yet.
    expect(complaintNextStep({ ...ticket, status: 'submitted' }, '2026-12-03', now).line).not.toContain('已超期')
  })

  it('when the reply is due next year, then the year is said', () => {
    expect(complaintNextStep({ ...ticket, dueAt: '2027-01-05', status: 'accepted' }, today, now).line).toBe('待答复：2027-01-05 前')
  })

  it('when a review reopened it, then no deadline is promised that nobody set', () => {
    const next = complaintNextStep({ ...ticket, status: 'in_progress', reviewed: true }, '2027-01-10', now)
    expect(next.line).toBe('待复核答复')
    expect(next.steps.every((s) => !s.overdue && s.due === undefined)).toBe(true)
  })

  it('when it was answered, then closing is next and a review is offered once', () => {
    expect(complaintNextStep({ ...ticket, status: 'replied' }, today, now)).toMatchObject({ line: '待办结', note: expect.stringContaining('申请一次复核') })
    expect(complaintNextStep({ ...ticket, status: 'replied', reviewed: true }, today, now).note).not.toContain('复核')
  })

  it('when it is closed (resolved, rejected, withdrawn), then nothing is due', () => {
    for (const status of ['resolved', 'rejected', 'withdrawn'] as const) {
      const next = complaintNextStep({ ...ticket, status }, '2027-03-01', now)
      expect(next.steps).toEqual([])
      expect(next.line).toBe('')
      expect(next.note).not.toContain('12345')
    }
    expect(complaintNextStep({ ...ticket, status: 'withdrawn' }, today, now).note).toBe('您已撤回这件举报，处理部门不再办理。')
  })
})
