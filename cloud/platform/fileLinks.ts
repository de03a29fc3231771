// Evidence is never public: a view hands out links that name one file and expire, signed with the server's secret.
import crypto from 'node:crypto'

export const FILE_LINK_TTL_SECONDS = 15 * 60

const sign = (secret: string, fileId: string, exp: number) => crypto.createHmac('sha256', secret).update(`file:${fileId}:${exp}`).digest('base64url')

export function fileLink(secret: string, fileId: string, now = Date.now()): string {
  const exp = Math.floor(now / 1000) + FILE_LINK_TTL_SECONDS
  return `/files/${fileId}?exp=${exp}&sig=${sign(secret, fileId, exp)}`
}

export function checkFileLink(secret: string, fileId: string, exp: string | null, sig: string | null, now = Date.now()): 'ok' | 'expired' | 'invalid' {
  if (!exp || !sig || !/^\d{1,12}$/.test(exp)) return 'invalid'
  const expected = Buffer.from(sign(secret, fileId, Number(exp)))
  const given = Buffer.from(sig)
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return 'invalid'
  return Number(exp) * 1000 < now ? 'expired' : 'ok'
}
