// A supervisor's field visit arrives (often hours after it was made, from a device that was offline): checked
// against the checklist, the clock, the registered sites and the evidence rules, then stored once per request id —
// a retry or an out-of-order delivery answers the same record. Their own list of visits, newest first.
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { CATEGORY_DEPARTMENT } from '../../../src/domain/catalog'
import { CHECKLIST_ITEMS, type ChecklistItem } from '../../../src/domain/checklist'
import { AppError } from '../../../src/domain/errors'
import { checkIn, checklistProblems, MAX_SIGNATURE_BYTES, MineObservationsSchema, ObservationSubmitSchema, visitTimeProblem, type ObservationListItem, type ObservationReceipt } from '../../../src/domain/observations'
import type { Page } from '../../../src/domain/api'
import type { Database } from '../../store/schema'
import { inTransaction } from '../../store/transaction'
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

  const repeat = async () => {
    const existing = await db.selectFrom('observations').select(['id', 'flagged', 'distance_m', 'payload_hash']).where('supervisor_id', '=', a.id).where('request_id', '=', requestId).executeTakeFirst()
    if (!existing) return undefined
    if (existing.payload_hash !== hash) throw new AppError('conflict', '这条记录与之前用同一编号上传的内容不同，请新建一条记录')
    return { id: existing.id, flagged: existing.flagged, distanceM: existing.distance_m }
  }
  // A record the server already has answers as before, whatever the clock says now (it may arrive a week late twice).
  const before = await repeat()
  if (before) return before

  const timeProblem = visitTimeProblem(i.visitedAt, now)
  if (timeProblem) throw refuse('visitedAt', timeProblem)
  const problems = checklistProblems(i.checklist, i.itemNotes)
  const first = Object.values(problems)[0]
  if (first) throw new AppError('invalid_input', first, problems)

  const inst = UUID.test(i.institutionId)
    ? await db.selectFrom('institutions').select(['id', 'district', 'category', 'lat', 'lng']).where('id', '=', i.institutionId).executeTakeFirst()
    : undefined
  if (!inst) throw refuse('institutionId', '没有找到这家机构，请从名录中选择')
  requireCan(a, 'observation.submit', { district: inst.district }, { forbidden: '只能巡查本辖区的机构' })
  const sites = [{ lat: inst.lat, lng: inst.lng }, ...(await db.selectFrom('institution_sites').select(['lat', 'lng']).where('institution_id', '=', inst.id).execute())]
  const at = checkIn(i.location, sites, deps)
  if (!at.ok) throw refuse(at.field, at.message)
  if (at.flagged && !i.reason) throw refuse('reason', `定位与机构登记地址相距约${at.distanceM}米，请写明原因（如机构已搬迁、在分校区检查）`)

  const evidence = [...new Set(i.evidence ?? [])]
  const signatureId = i.signature && !i.signature.refused ? i.signature.fileId : undefined
  const wanted = [...evidence, ...(signatureId ? [signatureId] : [])]
  const files = wanted.length ? await db.selectFrom('files').select(['id', 'mime', 'size']).where('id', 'in', wanted).where('owner_account_id', '=', a.id).execute() : []
  const byId = new Map(files.map((f) => [f.id, f]))
  if (evidence.some((id) => !byId.get(id)?.mime.startsWith('image/'))) throw refuse('evidence', '有照片不存在、不属于您或不是图片，请重新拍摄上传')
  if (signatureId) {
    const sig = byId.get(signatureId)
    if (!sig || !sig.mime.startsWith('image/')) throw refuse('signature', '签名图片不存在或不属于您，请重新签名')
    if (Number(sig.size) > MAX_SIGNATURE_BYTES) throw refuse('signature', `签名图片不能超过${MAX_SIGNATURE_BYTES / 1024}KB，请重新签名`)
  }
  if (i.campaignId) {
    const c = await db.selectFrom('campaigns').select(['districts']).where('id', '=', i.campaignId).executeTakeFirst()
    if (!c || !c.districts.includes(inst.district)) throw refuse('campaignId', '这项专项行动不在本辖区开展')
  }

  const failed = CHECKLIST_ITEMS.filter((item) => i.checklist[item] === 'fail')
  const stored = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('observations')
      .values({
        supervisor_id: a.id,
        request_id: requestId,
        payload_hash: hash,
        institution_id: inst.id,
        district: inst.district,
        department: CATEGORY_DEPARTMENT[inst.category],
        campaign_id: i.campaignId ?? null,
        visited_at: new Date(i.visitedAt),
        lat: i.location.lat,
        lng: i.location.lng,
        accuracy_m: i.location.accuracyM,
        distance_m: at.distanceM,
        flagged: at.flagged,
        reason: i.reason || null,
        checklist: JSON.stringify(i.checklist),
        item_notes: JSON.stringify(i.itemNotes ?? {}),
        failed,
        notes: i.notes || null,
        signature_file_id: signatureId ?? null,
        signature_refused: i.signature?.refused === true,
      })
      // Two deliveries of one record at once: the unique key keeps one, the other reads it below.
      .onConflict((oc) => oc.columns(['supervisor_id', 'request_id']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (row && evidence.length) await trx.insertInto('observation_evidence').values(evidence.map((file_id) => ({ observation_id: row.id, file_id }))).execute()
    return row
  })
  if (!stored) return (await repeat())!
  return { id: stored.id, flagged: at.flagged, distanceM: at.distanceM }
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
    .select(['o.id', 'o.visited_at', 'o.received_at', 'o.failed', 'o.flagged', 'o.distance_m', 'i.id as institution_id', 'i.name as institution_name', 'c.ticket_no'])
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
      ...(r.ticket_no ? { ticketNo: r.ticket_no } : {}),
    })),
    total: Number(count.n),
    ...(rows.length > PAGE && last ? { nextCursor: keysetCursor([String(new Date(last.visited_at).getTime()), last.id]) } : {}),
  }
}
