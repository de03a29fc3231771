// complaints.submit: a citizen's report becomes a ticket exactly once. Idempotent per account and requestId
// (a repeat returns the same ticket; the same requestId with another payload is a conflict), routed by the
// routing tables, with deadlines in working days, and contact details sealed before they are stored.
import crypto from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { OPEN_STATUSES, type ComplaintReceipt } from '../../../src/domain/complaints'
import { ComplaintSubmitSchema } from '../../../src/domain/complaintSchemas'
import { AppError } from '../../../src/domain/errors'
import { addWorkingDays } from '../../../src/domain/workingDays'
import type { ContactCipher } from '../../platform/contactCipher'
import type { ContentChecker } from '../../platform/contentCheck'
import type { Database } from '../../store/schema'
import { parseInput } from '../validate'
import type { ReferenceSource } from './referenceData'
import { nearestDistrict, route } from './routing'
import { enqueueStatusNotice } from '../notifications/outbox'

export interface SubmitDeps {
  reference: ReferenceSource
  cipher?: ContactCipher
  checker: ContentChecker
  acceptDays: number
  replyDays: number
  dailyLimit: number
  now?: Date
}

const MAX_IMAGES = 9
const MAX_VIDEOS = 1

/** The calendar day in Xiamen (UTC+8), whatever the server's zone. */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

function canonical(value: unknown): string {
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

export async function submitComplaint(db: Kysely<Database>, deps: SubmitDeps, actor: Account | undefined, input: unknown): Promise<ComplaintReceipt> {
  if (!actor) throw new AppError('unauthenticated', '请先登录再提交举报')
  const i = parseInput(ComplaintSubmitSchema, input)
  const { requestId, ...payload } = i
  const payloadHash = crypto.createHash('sha256').update(canonical(payload)).digest('hex')
  const now = deps.now ?? new Date()
  const today = chinaDate(now)
  const openid = deps.checker.wantsOpenid ? ((await db.selectFrom('accounts').select('openid').where('id', '=', actor.id).executeTakeFirst())?.openid ?? undefined) : undefined
  if ((await deps.checker.check([i.place?.name, i.description].filter(Boolean).join('\n'), openid)) === 'risky') {
    throw new AppError('invalid_input', '描述中含有不适宜发布的内容，请修改后再提交', { description: '描述中含有不适宜发布的内容，请修改后再提交' })
  }

  // Read before the transaction: on the embedded database there is one connection, and the transaction holds it.
  const reference = await deps.reference()
  return db.transaction().execute(async (trx) => {
    // Same account + requestId wait for each other here, so parallel repeats see the first one's ticket.
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${actor.id}:${requestId}`}, 0))`.execute(trx)
    const existing = await trx
      .selectFrom('complaints')
      .select(['id', 'ticket_no', 'status', 'department_name', 'reply_due', 'payload_hash', 'institution_id', 'category', 'created_at'])
      .where('account_id', '=', actor.id)
      .where('request_id', '=', requestId)
      .executeTakeFirst()
    if (existing) {
      if (existing.payload_hash !== payloadHash) throw new AppError('conflict', '这次提交与之前用同一编号提交的举报内容不同，请刷新后重新填写')
      return {
        ticketNo: existing.ticket_no,
        status: existing.status,
        department: existing.department_name,
        dueAt: existing.reply_due,
        similarOpen: await similarOpen(trx, existing.institution_id, existing.category, new Date(existing.created_at), existing.id),
      }
    }

    const since = new Date(`${today}T00:00:00+08:00`)
    const todays = await trx.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', actor.id).where('created_at', '>=', since).executeTakeFirstOrThrow()
    if (Number(todays.n) >= deps.dailyLimit) throw new AppError('rate_limited', `今天的举报已达 ${deps.dailyLimit} 件上限，请明天再提交；紧急情况请拨打 12345`)

    let subject: Parameters<typeof route>[2] = { status: 'unknown', district: null }
    let institutionId: string | null = null
    if (i.institutionId) {
      const inst = /^[0-9a-f-]{36}$/.test(i.institutionId)
        ? await trx.selectFrom('institutions').select(['id', 'status', 'category', 'district']).where('id', '=', i.institutionId).executeTakeFirst()
        : undefined
      if (!inst) throw new AppError('invalid_input', '没有找到所选机构，请重新选择', { institutionId: '没有找到所选机构，请重新选择' })
      institutionId = inst.id
      subject = { status: inst.status, category: inst.category, district: inst.district }
    } else if (i.place) {
      const district = i.place.district ?? (i.place.lat !== undefined && i.place.lng !== undefined ? nearestDistrict(i.place.lat, i.place.lng) : null)
      subject = { status: 'unknown', district }
    }

    const evidence = [...new Set(i.evidence ?? [])]
    if (evidence.length) {
      const files = await trx.selectFrom('files').select(['id', 'mime']).where('id', 'in', evidence).where('owner_account_id', '=', actor.id).execute()
      if (files.length !== evidence.length) throw new AppError('invalid_input', '有证据文件不存在或不属于您，请重新上传', { evidence: '有证据文件不存在或不属于您，请重新上传' })
      if (files.filter((f) => f.mime === 'video/mp4').length > MAX_VIDEOS) throw new AppError('invalid_input', '最多上传1段视频', { evidence: '最多上传1段视频' })
      if (files.filter((f) => f.mime !== 'video/mp4').length > MAX_IMAGES) throw new AppError('invalid_input', '最多上传9张照片', { evidence: '最多上传9张照片' })
    }
    if (i.happenedOn > today) throw new AppError('invalid_input', '发生日期不能晚于今天', { happenedOn: '发生日期不能晚于今天' })
    if (!i.contact.anonymous && !deps.cipher) throw new AppError('internal', '实名举报暂不可用，请联系管理员或选择匿名')

    const r = route(reference, i.category, subject)
    const calendar = reference.calendar
    const { n } = (await sql<{ n: number }>`SELECT nextval('complaint_ticket_seq') AS n`.execute(trx)).rows[0]
    // XM + the day it came in + its number (at least four digits): unique, easy to read out on the phone.
    const ticketNo = `XM${today.replace(/-/g, '')}-${String(n).padStart(4, '0')}`
    const replyDue = addWorkingDays(today, deps.replyDays, calendar)
    const row = await trx
      .insertInto('complaints')
      .values({
        ticket_no: ticketNo,
        account_id: actor.id,
        request_id: requestId,
        payload_hash: payloadHash,
        category: i.category,
        institution_id: institutionId,
        place: i.place ? JSON.stringify(i.place) : null,
        district: r.district,
        description: i.description,
        happened_on: i.happenedOn,
        details: i.details ? JSON.stringify(i.details) : null,
        anonymous: i.contact.anonymous,
        contact_name_enc: i.contact.anonymous ? null : deps.cipher!.seal(i.contact.name),
        contact_phone_enc: i.contact.anonymous ? null : deps.cipher!.seal(i.contact.phone),
        subscribe: i.subscribe ?? false,
        department: r.department,
        department_name: r.departmentName,
        co_handlers: r.coHandlers,
        status: 'submitted',
        rating: null,
        rating_comment: null,
        reply: null,
        accept_due: addWorkingDays(today, deps.acceptDays, calendar),
        reply_due: replyDue,
        created_at: now,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow()
    await trx.insertInto('complaint_events').values({ complaint_id: row.id, status: 'submitted', note: null, by_role: 'reporter', actor_account_id: actor.id, at: now }).execute()
    await enqueueStatusNotice(trx, { id: row.id, account_id: actor.id, ticket_no: ticketNo, department_name: r.departmentName, subscribe: i.subscribe ?? false }, 'submitted', null)
    if (evidence.length) await trx.insertInto('complaint_evidence').values(evidence.map((file_id) => ({ complaint_id: row.id, file_id }))).execute()
    return {
      ticketNo,
      status: 'submitted' as const,
      department: r.departmentName,
      dueAt: replyDue,
      similarOpen: await similarOpen(trx, institutionId, i.category, now, row.id),
    }
  })
}

/** Open reports of the same category about the same institution in the 30 days before `at`, other than this one. */
async function similarOpen(db: Kysely<Database>, institutionId: string | null, category: string, at: Date, self: string): Promise<number> {
  if (!institutionId) return 0
  const r = await db
    .selectFrom('complaints')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('institution_id', '=', institutionId)
    .where('category', '=', category as never)
    .where('status', 'in', [...OPEN_STATUSES])
    .where('id', '<>', self)
    .where('created_at', '>=', new Date(at.getTime() - 30 * 86_400_000))
    .where('created_at', '<=', at)
    .executeTakeFirstOrThrow()
  return Number(r.n)
}
