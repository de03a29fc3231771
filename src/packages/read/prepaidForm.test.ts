import { checkPrepaid, prepaidInputProblems } from '../../domain/prepaid'
import { parseAmount, problemsByField, toInput, EMPTY_FORM } from './prepaidForm'

describe('the fee checker reads what a parent types', () => {
  test('when money is typed with separators or 元, then it reads as the number', () => {
    expect(parseAmount('12,000')).toBe(12000)
    expect(parseAmount(' 4800元 ')).toBe(4800)
    expect(parseAmount('')).toBeUndefined()
    expect(parseAmount('abc')).toBeNaN()
  })
  test('when ¥12,000 for 96 hours over 12 months goes to a personal account, then amount, months, hours and escrow are broken', () => {
    const input = toInput({ amount: '12000', hours: '96', months: '12', escrow: 'other', loan: false })
    expect(prepaidInputProblems(input)).toEqual([])
    expect(checkPrepaid(input).breaches.map((b) => b.rule)).toEqual(['amount', 'months', 'hours', 'escrow'])
  })
  test('when nothing is filled in, then the amount and the hours-or-months fields each get one message', () => {
    const errors = problemsByField(prepaidInputProblems(toInput(EMPTY_FORM)))
    expect(Object.keys(errors).sort()).toEqual(['amountYuan', 'hours'])
  })
  test('when the escrow answer is 不清楚, then the escrow is unknown, not refused', () => {
    expect(toInput({ ...EMPTY_FORM, escrow: 'unknown' }).intoEscrow).toBeUndefined()
    expect(toInput({ ...EMPTY_FORM, escrow: 'escrow' }).intoEscrow).toBe(true)
  })
})
