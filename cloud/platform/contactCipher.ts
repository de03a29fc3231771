// Reporters' contact details are encrypted at rest with AES-256-GCM; only the handling staff's view decrypts them.
// Format: v1.<iv>.<tag>.<ciphertext>, base64url parts. A key is 32 bytes (CONTACT_KEY, base64).
import crypto from 'node:crypto'

export interface ContactCipher {
  seal(plain: string): string
  open(sealed: string): string
}

export function contactCipher(key: Buffer): ContactCipher {
  if (key.length !== 32) throw new Error('contact key must be 32 bytes')
  return {
    seal(plain) {
      const iv = crypto.randomBytes(12)
      const c = crypto.createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()])
      return ['v1', iv, c.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.')
    },
    open(sealed) {
      const [v, iv, tag, body] = sealed.split('.')
      if (v !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed contact')
      const d = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
      d.setAuthTag(Buffer.from(tag, 'base64url'))
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8')
    },
  }
}
