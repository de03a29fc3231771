import { INSTITUTION_STATUSES } from '../../src/domain/catalog'
import { invitesPayment, paymentAdvice, type VerdictKind } from '../../src/domain/verdict'

const ALL: VerdictKind[] = [...INSTITUTION_STATUSES, 'not_found']
const BAD: VerdictKind[] = ['blacklisted', 'revoked', 'suspended', 'not_found']

describe('which verdicts invite payment (src/domain/verdict.ts)', () => {
  it('when the institution is approved, then payment into its escrow account is the only invitation, with no warning', () => {
    expect(ALL.filter(invitesPayment)).toEqual(['approved'])
    const a = paymentAdvice('approved')
    expect(a.warning).toBeUndefined()
    expect(a.ifPaid).toEqual([])
    expect(a.why).toContain('监管账户')
  })

  it.each(BAD)('when the verdict is %s, then it says 请勿报名缴费 and never invites payment', (v) => {
    expect(invitesPayment(v)).toBe(false)
    expect(paymentAdvice(v).warning).toBe('请勿报名缴费')
  })

  it('when the institution is still pending, then the parent is told to wait (暂缓报名缴费), not invited to pay', () => {
    expect(invitesPayment('pending')).toBe(false)
    expect(paymentAdvice('pending').warning).toBe('暂缓报名缴费')
  })

  it.each([...BAD, 'pending' as const])('when the verdict is %s, then a parent who already paid is told to keep receipts, ask for a refund, report, call 12345 and, for fees, 12315', (v) => {
    const steps = paymentAdvice(v).ifPaid
    const kinds = steps.map((s) => s.kind)
    for (const k of ['keep', 'refund', 'report', 'hotline', 'fees'] as const) expect(kinds).toContain(k)
    const text = steps.map((s) => s.text).join('\n')
    expect(text).toMatch(/收据/)
    expect(text).toMatch(/合同/)
    expect(text).toMatch(/退/)
    expect(text).toContain('12345')
    expect(text).toContain('12315')
    expect(steps.find((s) => s.kind === 'report')!.text).toContain('举报')
    // keeping the evidence comes first: it is what every later step needs
    expect(kinds[0]).toBe('keep')
  })

  it('when the institution is blacklisted, then the advice is the one given when nothing is found', () => {
    expect(paymentAdvice('blacklisted')).toEqual(paymentAdvice('not_found'))
  })

  it('when a licence was revoked or suspended, then the escrow account is named as where unused fees may still be', () => {
    for (const v of ['revoked', 'suspended'] as const) expect(paymentAdvice(v).ifPaid.map((s) => s.kind)).toContain('escrow')
    for (const v of ['blacklisted', 'not_found'] as const) expect(paymentAdvice(v).ifPaid.map((s) => s.kind)).not.toContain('escrow')
  })
})
