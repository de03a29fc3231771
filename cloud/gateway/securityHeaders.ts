// Headers every gateway answer carries (/, static files, /api, /files, /healthz): no framing (clickjacking of submit
// and withdraw), no MIME sniffing, no referrer (evidence links carry their signature in the URL), and a Content
// Security Policy the H5 build works under. The HTML's own inline scripts (Taro's root font-size script) are allowed
// by their SHA-256, computed from the file actually served, so a rebuild never needs a hand-edited hash.
import crypto from 'node:crypto'
import type { ServerResponse } from 'node:http'

export interface CspOptions {
  /** Evidence is read from WeChat cloud storage links (EVIDENCE_STORE=wechat) rather than this gateway's /files. */
  remoteMedia?: boolean
}

/** Answers that are not the app (JSON, evidence, errors): nothing in them may run, load or be framed. */
export const LOCKED_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox"

const COMMON: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  // Location for 附近 and the report's place; the camera for photos taken in the report flow. Nothing else.
  'permissions-policy': 'geolocation=(self), camera=(self), microphone=(), payment=(), usb=(), interest-cohort=()',
}

/** The SHA-256 sources of the inline <script> elements of an HTML page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>()
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]) || !m[2]) continue
    hashes.add(`'sha256-${crypto.createHash('sha256').update(m[2], 'utf8').digest('base64')}'`)
  }
  return [...hashes]
}

/** The policy of the H5 app's HTML (and of its assets). */
export function appCsp(html: string, opts: CspOptions = {}): string {
  const media = ["'self'", 'data:', 'blob:', ...(opts.remoteMedia ? ['https:'] : [])].join(' ')
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(html).join(' ')}`.trim(),
    // React and Taro's components set style attributes and inject <style> elements.
    "style-src 'self' 'unsafe-inline'",
    `img-src ${media}`,
    `media-src ${media}`,
    "font-src 'self' data:",
    // Taro's H5 uploadFile reads the picked file back from its blob: URL before posting it.
    "connect-src 'self' blob: data:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
}

/** Sets the common headers and the locked policy; the static handler replaces the policy for the app's files. */
export function setSecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(COMMON)) res.setHeader(name, value)
  res.setHeader('content-security-policy', LOCKED_CSP)
}
