// Which status changes an institution's record may go through. Pure: returns the verdict, saves nothing.
import { STATUS_BADGE, type InstitutionStatus } from './catalog'

const ALLOWED: Record<InstitutionStatus, readonly InstitutionStatus[]> = {
  // An application is approved, refused (recorded as revoked) or its operator blacklisted.
  pending: ['approved', 'revoked', 'blacklisted'],
  approved: ['suspended', 'revoked', 'blacklisted'],
  // Rectified → back on the white list; otherwise closed or blacklisted.
  suspended: ['approved', 'revoked', 'blacklisted'],
  // A closed operator may apply again, or be blacklisted for what it did.
  revoked: ['pending', 'blacklisted'],
  // Leaving the black list means applying anew; nobody goes straight back to the white list.
  blacklisted: ['pending'],
}

export type StatusChangeVerdict = { ok: true; changed: boolean } | { ok: false; message: string }

export function checkStatusChange(from: InstitutionStatus, to: InstitutionStatus): StatusChangeVerdict {
  if (from === to) return { ok: true, changed: false }
  if (ALLOWED[from].includes(to)) return { ok: true, changed: true }
  return { ok: false, message: `机构当前为“${STATUS_BADGE[from]}”，不能直接改为“${STATUS_BADGE[to]}”` }
}

// Whether a status may be paid, and what to tell a parent otherwise, lives in ./verdict (paymentAdvice).
