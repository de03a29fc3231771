import { normaliseUscc } from '../domain/uscc'

/**
 * A scanned QR code may hold the bare code, or a link that carries it (e.g. …?uscc=9135…&…, or the code as the
 * last path segment). Take the code out; hand anything else to the server as it is, which will explain.
 */
export function codeFromScan(raw: string): string {
  const text = raw.trim()
  const param = /[?&#](?:uscc|code|creditCode|licenseNo|license)=([^&#]+)/i.exec(text)
  if (param) return decodeURIComponent(param[1]).trim()
  const uscc = /(?:^|[^0-9A-Z])([0-9A-HJ-NP-RTUWXY]{2}\d{6}[0-9A-HJ-NP-RTUWXY]{10})(?![0-9A-Z])/i.exec(text)
  if (uscc) return normaliseUscc(uscc[1])
  const licence = /[文体科教]民\d{6,18}号?/.exec(text)
  if (licence) return licence[0]
  return text
}
