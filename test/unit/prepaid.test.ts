import { checkPrepaid, prepaidInputProblems } from '../../src/domain/prepaid'

const rules = (i: Parameters<typeof checkPrepaid>[0]) => checkPrepaid(i).breaches.map((b) => b.rule)

describe('prepaid-fee checker', () => {
  it.each([
    [5000, []],
    [5000.01, ['amount']],
    [4999, []],
    [12000, ['amount']],
  ])('when ¥%s is asked for 20 hours into escrow, then the rules broken are %j', (amountYuan, broken) => {
    expect(rules({ amountYuan, hours: 20, intoEscrow: true })).toEqual(broken)
  })

  it.each([
    [3, []],
    [3.5, ['months']],
    [4, ['months']],
  ])('when %s months are covered, then the rules broken are %j', (months, broken) => {
    expect(rules({ amountYuan: 3000, months, intoEscrow: true })).toEqual(broken)
  })

  it.each([
    [60, []],
    [61, ['hours']],
    [59, []],
  ])('when %s class hours are covered, then the rules broken are %j', (hours, broken) => {
    expect(rules({ amountYuan: 3000, hours, intoEscrow: true })).toEqual(broken)
  })

  it('when the money goes to a personal account via a loan, then both are named with every other breach', () => {
    const v = checkPrepaid({ amountYuan: 12000, hours: 96, months: 12, intoEscrow: false, viaLoan: true })
    expect(v.ok).toBe(false)
    expect(v.breaches.map((b) => b.rule)).toEqual(['amount', 'months', 'hours', 'escrow', 'loan'])
    expect(v.breaches[0].message).toBe('一次预收 ¥12,000，超过 ¥5,000 的上限')
  })

  it('when the parent does not know where the money goes, then it is no breach but a note says what to ask', () => {
    const v = checkPrepaid({ amountYuan: 3000, hours: 30 })
    expect(v.ok).toBe(true)
    expect(v.notes[0]).toContain('预收费监管专户')
  })

  it.each([
    [{ amountYuan: -1, hours: 10 }, 'amountYuan'],
    [{ amountYuan: 0, hours: 10 }, 'amountYuan'],
    [{ amountYuan: 2_000_000, hours: 10 }, 'amountYuan'],
    [{ amountYuan: NaN, hours: 10 }, 'amountYuan'],
    [{ amountYuan: 100, hours: -3 }, 'hours'],
    [{ amountYuan: 100, hours: 5000 }, 'hours'],
    [{ amountYuan: 100, months: -1 }, 'months'],
    [{ amountYuan: 100, months: 600 }, 'months'],
    [{ amountYuan: 100 }, 'hours'],
  ])('when the input is %j, then it is refused naming %s', (input, field) => {
    const problems = prepaidInputProblems(input)
    expect(problems.map((p) => p.field)).toContain(field)
    expect(problems[0].message).toMatch(/[\u4e00-\u9fff]/)
  })
})
