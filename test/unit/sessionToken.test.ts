import { readToken, signToken } from '../../cloud/platform/sessionToken'

const secret = 'unit-secret-unit-secret-unit-secret-1234'

describe('session tokens', () => {
  it('when a token is signed, then reading it gives the account back', () => {
    expect(readToken(secret, signToken(secret, 'acc-1', 1))).toBe('acc-1')
  })
  it('when any single character of the token changes, then it is refused', () => {
    const token = signToken(secret, 'acc-1', 1)
    for (let i = 0; i < token.length; i++) {
      if (token[i] === '.') continue
      for (const c of ['A', 'B', 'Q', 'w', '0', '_']) {
        if (c === token[i]) continue
        expect(readToken(secret, token.slice(0, i) + c + token.slice(i + 1))).toBeNull()
      }
    }
  })
  it('when it has expired or another secret signed it, then it is refused', () => {
    expect(readToken(secret, signToken(secret, 'acc-1', 1, Date.now() - 2 * 3600_000))).toBeNull()
    expect(readToken(secret, signToken(secret + 'x', 'acc-1', 1))).toBeNull()
    expect(readToken(secret, 'garbage')).toBeNull()
  })
})
