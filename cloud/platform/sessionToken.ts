// Gateway session tokens: `accountId.expiresAt.signature`, HMAC-SHA256 with the configured secret.
// Stateless, so checking one costs no database round trip on every search.
import crypto from 'node:crypto'

const b64 = (buf: Buffer) => buf.toString('base64url')

export function signToken(secret: string, accountId: string, ttlHours: number, now = Date.now()): string {
  const exp = Math.floor(now / 1000) + ttlHours * 3600
  const payload = `${b64(Buffer.from(accountId))}.${exp}`
  return `${payload}.${b64(crypto.createHmac('sha256', secret).update(payload).digest())}`
}

/** The account id, or null for a token that is malformed, forged or expired. */
export function readToken(secret: string, token: string, now = Date.now()): string | null {
  const parts = token.split('.')
  if (parts.length !== 3 || token.length > 400) return null
  const [id, exp, sig] = parts
  // Compare the encoded text, not decoded bytes: base64's last character has unused bits, and a token
  // differing only there must not pass.
  const expected = Buffer.from(b64(crypto.createHmac('sha256', secret).update(`${id}.${exp}`).digest()))
  const given = Buffer.from(sig)
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null
  if (!/^\d+$/.test(exp) || Number(exp) * 1000 < now) return null
  return Buffer.from(id, 'base64url').toString('utf8')
}
