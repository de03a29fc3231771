// A supervisor's field visit arrives (often hours after it was made, from a device that was offline): checked
// against the checklist, the clock, the registered sites and the evidence rules, then stored once per request id —
// a retry or an out-of-order delivery answers the same record. Their own list of visits, newest first.
import { sql, type Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { CATEGORY_DEPARTMENT, type Category, type District } from '../../../src/domain/catalog'
import { CHECKLIST_ITEMS, type ChecklistItem } from '../../../src/domain/checklist'
import { AppError } from '../../../src/domain/errors'
import { checkIn, checklistProblems, MAX_SIGNATURE_BYTES, MineObservationsSchema, ObservationSubmitSchema, visitTimeProblem, type ObservationListItem, type ObservationReceipt } from '../../../src/domain/observations'
import type { Page } from '../../../src/domain/api'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'
import { keysetCursor, readKeyset } from '../paging'
import { payloadHash } from '../payloadHash'
import { parseInput } from '../validate'

export interface ObserveDeps {
  maxAccuracyM: number
  geofenceM: number
  now?: Date
}

const refuse = (field: string, message: string) => new AppError('invalid_input', message, { [field]: message })
const UUID = /^[0-9a-f-]{36}$/

export async function submit(db: Kysely<Database>, deps: ObserveDeps, actor: Account | undefined, input: unknown): Promise<ObservationReceipt> {
  const a = requireCan(actor, 'observation.submit', undefined, { forbidden: '只有监督员可以提交巡查记录' })
  const i = parseInput(ObservationSubmitSchema, input)
  const { requestId, ...payload } = i
  const hash = payloadHash(payload)
  const now = deps.now ?? new Date()

  const evidence = [...new Set(i.evidence ?? [])]
  const signatureId = i.signature && !i.signature.refused ? i.signature.fileId : undefined
  const wanted = [...evidence, ...(signatureId ? [signatureId] : [])]
  const instId = UUID.test(i.institutionId) ? i.institutionId : null

  // Two round trips, as complaints.submit: one read decides the path (a repeat, or everything the checks need), one
  // statement writes the visit with its photos, which PostgreSQL makes atomic without an explicit transaction. A
  // phone that comes back online sends its queue at once, so a sync costs what these two cost.
  const lookUp = async () =>
    (
      await sql<Looked>`
        SELECT
          (SELECT row_to_json(o) FROM (SELECT id, flagged, distance_m, payload_hash FROM observations WHERE supervisor_id = ${a.id} AND request_id = ${requestId}) o) AS existing,
          (SELECT row_to_json(x) FROM (SELECT id, district, category, lat, lng FROM institutions WHERE id = ${instId}) x) AS inst,
          (SELECT json_agg(json_build_object('lat', lat, 'lng', lng)) FROM institution_sites WHERE institution_id = ${instId}) AS sites,
          (SELECT json_agg(json_build_object('id', id, 'mime', mime, 'size', size)) FROM files WHERE id = ANY(${wanted}::text[]) AND owner_account_id = ${a.id}) AS files,
          (SELECT districts FROM campaigns WHERE id = ${i.campaignId ?? null}) AS campaign_districts`.execute(db)
    ).rows[0]
  const repeat = (existing: NonNullable<Looked['existing']>): ObservationReceipt => {
    if (existing.payload_hash !== hash) throw new AppError('conflict', '这条记录与之前用同一编号上传的内容不同，请新建一条记录')
    return { id: existing.id, flagged: existing.flagged, distanceM: existing.distance_m }
  }
  const look = await lookUp()
  // A record the server already has answers as before, whatever the clock says now (it may arrive a week late twice).
  if (look.existing) return repeat(look.existing)

  const timeProblem = visitTimeProblem(i.visitedAt, now)
  if (timeProblem) throw refuse('visitedAt', timeProblem)
  const problems = checklistProblems(i.checklist, i.itemNotes)
  const first = Object.values(problems)[0]
  if (first) throw new AppError('invalid_input', first, problems)

  const inst = look.inst
  if (!inst) throw refuse('institutionId', '没有找到这家机构，请从名录中选择')
  requireCan(a, 'observation.submit', { district: inst.district }, { forbidden: '只能巡查本辖区的机构' })
  const at = checkIn(i.location, [{ lat: inst.lat, lng: inst.lng }, ...(look.sites ?? [])], deps)
  if (!at.ok) throw refuse(at.field, at.message)
  if (at.flagged && !i.reason) throw refuse('reason', `定位与机构登记地址相距约${at.distanceM}米，请写明原因（如机构已搬迁、在分校区检查）`)

  const byId = new Map((look.files ?? []).map((f) => [f.id, f]))
  if (evidence.some((id) => !byId.get(id)?.mime.startsWith('image/'))) throw refuse('evidence', '有照片不存在、不属于您或不是图片，请重新拍摄上传')
  if (signatureId) {
    const sig = byId.get(signatureId)
    if (!sig || !sig.mime.startsWith('image/')) throw refuse('signature', '签名图片不存在或不属于您，请重新签名')
    if (Number(sig.size) > MAX_SIGNATURE_BYTES) throw refuse('signature', `签名图片不能超过${MAX_SIGNATURE_BYTES / 1024}KB，请重新签名`)
  }
  if (i.campaignId && !look.campaign_districts?.includes(inst.district)) throw refuse('campaignId', '这项专项行动不在本辖区开展')

  const failed = CHECKLIST_ITEMS.filter((item) => i.checklist[item] === 'fail')
  const stored = await sql<{ id: string }>`
    WITH o AS (
      INSERT INTO observations (supervisor_id, request_id, payload_hash, institution_id, district, department, campaign_id, visited_at,
        lat, lng, accuracy_m, distance_m, flagged, reason, checklist, item_notes, failed, notes, signature_file_id, signature_refused)
      VALUES (${a.id}, ${requestId}, ${hash}, ${inst.id}, ${inst.district}, ${CATEGORY_DEPARTMENT[inst.category]}, ${i.campaignId ?? null}, ${new Date(i.visitedAt)},
        ${i.location.lat}, ${i.location.lng}, ${i.location.accuracyM}, ${at.distanceM}, ${at.flagged}, ${i.reason || null},
        ${JSON.stringify(i.checklist)}::jsonb, ${JSON.stringify(i.itemNotes ?? {})}::jsonb, ${failed}::text[], ${i.notes || null},
        ${signatureId ?? null}, ${i.signature?.refused === true})
      -- Two deliveries of one record at once: the unique key keeps one, the other reads it below.
      ON CONFLICT (supervisor_id, request_id) DO NOTHING
      RETURNING id
    ), v AS (
      INSERT INTO observation_evidence (observation_id, file_id) SELECT o.id, f FROM o, unnest(${evidence}::text[]) AS f
    )
    SELECT id FROM o`.execute(db)
  const row = stored.rows[0]
  if (!row) {
    const winner = (await lookUp()).existing
    if (!winner) throw new Error('observation requestId conflict without a stored record')
    return repeat(winner)
  }
  return { id: row.id, flagged: at.flagged, distanceM: at.distanceM }
}

interface Looked {
  existing: { id: string; flagged: boolean; distance_m: number; payload_hash: string } | null
  inst: { id: string; district: District; category: Category; lat: number; lng: number } | null
  sites: { lat: number; lng: number }[] | null
  files: { id: string; mime: string; size: number }[] | null
  campaign_districts: string[] | null
}

const PAGE = 20

export async function mine(db: Kysely<Database>, actor: Account | undefined, input: unknown): Promise<Page<ObservationListItem>> {
  const a = requireCan(actor, 'observation.submit', undefined, { forbidden: '只有监督员有巡查记录' })
  const { cursor } = parseInput(MineObservationsSchema, input)
  const after = readKeyset(cursor, [/^\d{13}$/, UUID])
  let q = db
    .selectFrom('observations as o')
    .innerJoin('institutions as i', 'i.id', 'o.institution_id')
    .leftJoin('complaints as c', 'c.id', 'o.complaint_id')
    .select(['o.id', 'o.visited_at', 'o.received_at', 'o.failed', 'o.flagged', 'o.distance_m', 'i.id as institution_id', 'i.name as institution_name', 'c.ticket_no', 'c.status as ticket_status'])
    .where('o.supervisor_id', '=', a.id)
    .orderBy('o.visited_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(PAGE + 1)
  if (after) q = q.where((eb) => eb.or([eb('o.visited_at', '<', new Date(Number(after[0]))), eb.and([eb('o.visited_at', '=', new Date(Number(after[0]))), eb('o.id', '<', after[1])])]))
  const [rows, count] = await Promise.all([q.execute(), db.selectFrom('observations').select((eb) => eb.fn.countAll<string>().as('n')).where('supervisor_id', '=', a.id).executeTakeFirstOrThrow()])
  const shown = rows.slice(0, PAGE)
  const last = shown[shown.length - 1]
  return {
    items: shown.map((r) => ({
      id: r.id,
      institution: { id: r.institution_id, name: r.institution_name },
      visitedAt: new Date(r.visited_at).toISOString(),
      receivedAt: new Date(r.received_at).toISOString(),
      failed: r.failed as ChecklistItem[],
      flagged: r.flagged,
      distanceM: r.distance_m,
      ...(r.ticket_no ? { ticketNo: r.ticket_no, ...(r.ticket_status ? { ticketStatus: r.ticket_status } : {}) } : {}),
    })),
    total: Number(count.n),
    ...(rows.length > PAGE && last ? { nextCursor: keysetCursor([String(new Date(last.visited_at).getTime()), last.id]) } : {}),
  }
}
