// The workbench's 巡查发现: supervisors' visits in the account's scope, newest first — by default only those that
// found something. Scoped exactly as the inbox is (department, and district for district staff), through the same
// access table; photos and the signature come as the expiring links staff get for a complaint's evidence.
import type { Kysely } from 'kysely'
import type { Account, Page } from '../../../src/domain/api'
import { scopeFilter } from '../../../src/domain/access'
import { CHECKLIST_ITEMS, type ChecklistItem } from '../../../src/domain/checklist'
import { StaffObservationsSchema, type StaffObservationItem } from '../../../src/domain/observations'
import type { StoredFile } from '../../platform/fileStore'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'
import { keysetCursor, readKeyset } from '../paging'
import { parseInput } from '../validate'

export interface ObservationListDeps {
  /** Expiring links to files; without it no file is linked (the ids alone are of no use to a desk). */
  fileUrls?: (files: StoredFile[]) => Promise<Map<string, string>>
}

const PAGE = 20
const CURSOR_SHAPES = [/^\d{13}$/, /^[0-9a-f-]{36}$/]

export async function observations(db: Kysely<Database>, deps: ObservationListDeps, actor: Account | undefined, input: unknown): Promise<Page<StaffObservationItem>> {
  const a = requireCan(actor, 'observation.view', undefined, { forbidden: '您没有查看巡查记录的权限' })
  const i = parseInput(StaffObservationsSchema, input)
  const after = readKeyset(i.cursor, CURSOR_SHAPES)
  // A staff member's department (and district); the admin everything; a supervisor (who holds the permission on
  // their own visits) only their own.
  const scope = scopeFilter(a, 'observation.view') ?? {}
  let base = db.selectFrom('observations as o')
  if (scope.department) base = base.where('o.department', '=', scope.department)
  if (scope.district) base = base.where('o.district', '=', scope.district)
  if (scope.reporterId) base = base.where('o.supervisor_id', '=', scope.reporterId)
  // Written as the partial index observations_failed is (cardinality(failed) > 0).
  if (i.onlyFailed) base = base.where((eb) => eb(eb.fn('cardinality', ['o.failed']), '>', 0))
  let page = base
    .innerJoin('institutions as i', 'i.id', 'o.institution_id')
    .innerJoin('accounts as s', 's.id', 'o.supervisor_id')
    .leftJoin('complaints as c', 'c.id', 'o.complaint_id')
    .select([
      'o.id', 'o.district', 'o.department', 'o.visited_at', 'o.received_at', 'o.checklist', 'o.item_notes', 'o.failed', 'o.notes', 'o.flagged', 'o.distance_m', 'o.reason',
      'o.signature_file_id', 'o.signature_refused', 'i.id as institution_id', 'i.name as institution_name', 'i.address as institution_address', 's.name as supervisor_name',
      's.supervisor_kind', 'c.ticket_no',
    ])
    .orderBy('o.visited_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(PAGE + 1)
  if (after) {
    const at = new Date(Number(after[0]))
    page = page.where((eb) => eb.or([eb('o.visited_at', '<', at), eb.and([eb('o.visited_at', '=', at), eb('o.id', '<', after[1])])]))
  }
  const [rows, count] = await Promise.all([page.execute(), base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()])
  const shown = rows.slice(0, PAGE)
  const links = await fileLinks(db, deps, shown)
  const items = shown.map((r): StaffObservationItem => {
    const checklist = r.checklist as Partial<Record<ChecklistItem, string>>
    const notes = r.item_notes as Partial<Record<ChecklistItem, string>>
    const sigUrl = r.signature_file_id ? links.urls.get(r.signature_file_id) : undefined
    return {
      id: r.id,
      institution: { id: r.institution_id, name: r.institution_name, address: r.institution_address },
      district: r.district,
      department: r.department,
      supervisor: { name: r.supervisor_name, ...(r.supervisor_kind ? { kind: r.supervisor_kind } : {}) },
      visitedAt: new Date(r.visited_at).toISOString(),
      receivedAt: new Date(r.received_at).toISOString(),
      failed: (r.failed as ChecklistItem[]).map((item) => ({ item, note: notes[item] ?? '' })),
      passed: CHECKLIST_ITEMS.filter((item) => checklist[item] === 'pass'),
      ...(r.notes ? { notes: r.notes } : {}),
      flagged: r.flagged,
      distanceM: r.distance_m,
      ...(r.reason ? { reason: r.reason } : {}),
      ...(r.ticket_no ? { ticketNo: r.ticket_no } : {}),
      photos: (links.photos.get(r.id) ?? []).flatMap((fileId) => {
        const url = links.urls.get(fileId)
        return url ? [{ fileId, url }] : []
      }),
      signature: r.signature_refused ? { refused: true } : r.signature_file_id && sigUrl ? { refused: false, file: { fileId: r.signature_file_id, url: sigUrl } } : null,
    }
  })
  const last = shown[shown.length - 1]
  return {
    items,
    total: Number(count.n),
    ...(rows.length > PAGE && last ? { nextCursor: keysetCursor([String(new Date(last.visited_at).getTime()), last.id]) } : {}),
  }
}

/** The page's photos (per observation, in the order stored) and signatures, with their links. */
async function fileLinks(db: Kysely<Database>, deps: ObservationListDeps, rows: { id: string; signature_file_id: string | null }[]) {
  const photos = new Map<string, string[]>()
  const urls = new Map<string, string>()
  if (!rows.length || !deps.fileUrls) return { photos, urls }
  const evidence = await db
    .selectFrom('observation_evidence as e')
    .innerJoin('files as f', 'f.id', 'e.file_id')
    .select(['e.observation_id', 'f.id', 'f.sha256', 'f.store_ref'])
    .where('e.observation_id', 'in', rows.map((r) => r.id))
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute()
  const signatureIds = rows.flatMap((r) => (r.signature_file_id ? [r.signature_file_id] : []))
  const signatures = signatureIds.length ? await db.selectFrom('files as f').select(['f.id', 'f.sha256', 'f.store_ref']).where('f.id', 'in', signatureIds).execute() : []
  for (const e of evidence) photos.set(e.observation_id, [...(photos.get(e.observation_id) ?? []), e.id])
  const files: StoredFile[] = [...evidence, ...signatures].map((f) => ({ fileId: f.id, sha256: f.sha256, storeRef: f.store_ref }))
  for (const [id, url] of await deps.fileUrls(files)) if (url) urls.set(id, url)
  return { photos, urls }
}
