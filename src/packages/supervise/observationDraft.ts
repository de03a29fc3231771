// The visit being recorded, as the form holds it, and what it takes to queue it: the same rules the server applies
// (accuracy, geofence, checklist notes, visit time) checked on the device first, so a record made offline is not
// refused hours later for something the supervisor could have fixed on the spot.
import { CHECKLIST_ITEMS, type ChecklistItem } from '@/domain/checklist'
import { DEFAULT_GEOFENCE_M, DEFAULT_MAX_ACCURACY_M, checkIn, checklistProblems, visitTimeProblem, type CheckResult } from '@/domain/observations'
import type { LocalFile, QueuedObservation } from '@/domain/observationQueue'
import type { SignatureValue } from '@/components/SignaturePad'

export interface Fix {
  lat: number
  lng: number
  accuracyM: number
  /** Device time of the check-in: the visit's time. */
  at: string
}

export interface ObservationDraft {
  /** Set when a queued record is being corrected: it keeps its requestId (nothing was stored under it). */
  requestId?: string
  institution?: { id: string; name: string }
  /** The registered sites, when known (from the round, or the registry when online). */
  sites?: { lat: number; lng: number }[]
  fix?: Fix
  reason: string
  checklist: Partial<Record<ChecklistItem, CheckResult>>
  itemNotes: Partial<Record<ChecklistItem, string>>
  photos: (LocalFile & { key: string })[]
  signature: SignatureValue
  /** A signature already uploaded by an earlier attempt of this record. */
  signatureFile?: LocalFile
  notes: string
  campaignId?: string
}

export const emptyObservation = (): ObservationDraft => ({ reason: '', checklist: {}, itemNotes: {}, photos: [], signature: { kind: 'none' }, notes: '' })

const LIMITS = { maxAccuracyM: DEFAULT_MAX_ACCURACY_M, geofenceM: DEFAULT_GEOFENCE_M }

/** Distance to the nearest registered site, when both ends are known. */
export function siteDistance(d: ObservationDraft): number | undefined {
  if (!d.fix || !d.sites?.length) return undefined
  const v = checkIn({ ...d.fix, accuracyM: 0 }, d.sites, LIMITS)
  return v.ok ? v.distanceM : undefined
}

/** The accuracy problem of a fix, in the server's words; undefined when it is good enough. */
export function accuracyProblem(fix: Fix): string | undefined {
  const v = checkIn(fix, [fix], LIMITS)
  return v.ok ? undefined : v.message
}

export const needsReason = (d: ObservationDraft): boolean => (siteDistance(d) ?? 0) > DEFAULT_GEOFENCE_M

/** Checklist notes for answered items only (a note on an unanswered item is refused by the server). */
function answeredNotes(d: ObservationDraft): Partial<Record<ChecklistItem, string>> {
  const out: Partial<Record<ChecklistItem, string>> = {}
  for (const item of CHECKLIST_ITEMS) {
    const note = d.itemNotes[item]?.trim()
    if (note && d.checklist[item] && d.checklist[item] !== 'na') out[item] = note
  }
  return out
}

/** Field → message, top to bottom as the form shows them. */
export function draftProblems(d: ObservationDraft, now: Date): Record<string, string> {
  const p: Record<string, string> = {}
  if (!d.institution) p.institutionId = '请选择巡查的机构'
  if (!d.fix) p.location = '请先签到定位'
  else {
    const acc = accuracyProblem(d.fix)
    if (acc) p.location = acc
    else {
      const late = visitTimeProblem(d.fix.at, now)
      if (late) p.location = `${late}，请重新签到`
    }
  }
  const far = siteDistance(d)
  if (far !== undefined && far > DEFAULT_GEOFENCE_M && !d.reason.trim()) p.reason = `定位与机构登记地址相距约${far}米，请写明原因（如机构已搬迁、在分校区检查）`
  Object.assign(p, checklistProblems(d.checklist, answeredNotes(d)))
  return p
}

/** The queue record for a draft that passed draftProblems; files already kept on the device. */
export function toRecord(d: ObservationDraft, requestId: string, signature: QueuedObservation['signature'], now: Date): QueuedObservation {
  const notes = answeredNotes(d)
  const checklist = Object.fromEntries(CHECKLIST_ITEMS.filter((i) => d.checklist[i]).map((i) => [i, d.checklist[i]])) as Partial<Record<ChecklistItem, CheckResult>>
  return {
    requestId,
    queuedAt: now.toISOString(),
    institution: d.institution!,
    input: {
      institutionId: d.institution!.id,
      visitedAt: d.fix!.at,
      location: { lat: d.fix!.lat, lng: d.fix!.lng, accuracyM: d.fix!.accuracyM },
      checklist,
      ...(Object.keys(notes).length ? { itemNotes: notes } : {}),
      ...(d.notes.trim() ? { notes: d.notes.trim() } : {}),
      ...(d.reason.trim() ? { reason: d.reason.trim() } : {}),
      ...(d.campaignId ? { campaignId: d.campaignId } : {}),
    },
    photos: d.photos.map(({ key: _key, ...f }) => f),
    ...(signature ? { signature } : {}),
    state: 'pending',
    attempts: 0,
  }
}

/** A queued record back in the form, to be corrected after the server refused it. */
export function fromRecord(r: QueuedObservation): ObservationDraft {
  const i = r.input
  const sig = r.signature
  return {
    requestId: r.requestId,
    institution: r.institution,
    fix: { ...i.location, at: i.visitedAt },
    reason: i.reason ?? '',
    checklist: { ...i.checklist },
    itemNotes: { ...(i.itemNotes ?? {}) },
    photos: r.photos.map((p, k) => ({ ...p, key: `q${k}` })),
    signature: !sig ? { kind: 'none' } : sig.refused ? { kind: 'refused' } : { kind: 'drawn', path: sig.path },
    signatureFile: sig && !sig.refused ? sig : undefined,
    notes: i.notes ?? '',
    campaignId: i.campaignId,
  }
}
