// What makes two submissions with one request id "the same": a hash of the payload with keys in a fixed order, so
// a retry that serialises its fields differently still matches, and one with other content does not.
import crypto from 'node:crypto'

export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

export const payloadHash = (payload: unknown) => crypto.createHash('sha256').update(canonical(payload)).digest('hex')
