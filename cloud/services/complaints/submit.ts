// complaints.submit: a citizen's report becomes a ticket exactly once. Idempotent per account and requestId
// (a repeat returns the same ticket; the same requestId with another payload is a conflict), routed by the
// routing tables, with deadlines in working days, and contact details sealed before they are stored.
import { payloadHash } from '../payloadHash'
import { sql, type Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { COMPLAINT_STATUS_LABEL, OPEN_STATUSES, type ComplaintReceipt, type ComplaintStatus } from '../../../src/domain/complaints'
import { districtInAddress, type Category, type District, type InstitutionStatus } from '../../../src/domain/catalog'
import { ComplaintSubmitSchema } from '../../../src/domain/complaintSchemas'
import { AppError } from '../../../src/domain/errors'
import { addWorkingDays } from '../../../src/domain/workingDays'
import { chinaDate } from '../../../src/domain/chinaDate'
import type { ContactCipher } from '../../platform/contactCipher'
import type { ContentChecker } from '../../platform/contentCheck'
import type { Database } from '../../store/schema'
import { parseInput } from '../validate'
import { requireCan } from '../access'
import type { ReferenceSource } from './referenceData'
import { evidenceLimitProblem } from '../../../src/domain/media'
import { nearestDistrict, route } from './routing'
import { isOverDailyCap } from '../dailyLimits'
// The notice payload is built in SQL below with the same keys enqueueStatusNotice (../notifications/outbox) writes.

interface ExistingRow {
  id: string
  ticket_no: string
  status: ComplaintStatus
  department_name: string
  reply_due: string
  payload_hash: string
  institution_id: string | null
  category: string
  created_at: string
}

export interface SubmitDeps {
  reference: ReferenceSource
  cipher?: ContactCipher
  checker: ContentChecker
  acceptDays: number
  replyDays: number
  dailyLimit: number
  now?: Date
}



/** What of a report the content check reads: the words the reporter wrote. */
export const reportText = (i: { place?: { name?: string }; description: string }) => [i.place?.name, i.description].filter(Boolean).join('\n')

/** The content check of a report's words (WeChat's, with the author's openid when it wants one); refuses risky text. */
export async function checkReportText(db: Kysely<Database>, checker: ContentChecker, accountId: string, text: string): Promise<void> {
  const openid = checker.wantsOpenid ? ((await db.selectFrom('accounts').select('openid').where('id', '=', accountId).executeTakeFirst())?.openid ?? undefined) : undefined
  if ((await checker.check(text, openid)) === 'risky') {
    throw new AppError('invalid_input', '描述中含有不适宜发布的内容，请修改后再提交', { description: '描述中含有不适宜发布的内容，请修改后再提交' })
  }
}

/** A checker that has already passed `text` (checked before a transaction opened) and asks the real one about anything else. */
export function checkedAlready(text: string, checker: ContentChecker): ContentChecker {
  return { wantsOpenid: checker.wantsOpenid, check: (t, openid) => (t === text ? Promise.resolve('pass') : checker.check(t, openid)) }
}

export async function submitComplaint(db: Kysely<Database>, deps: SubmitDeps, actor: Account | undefined, input: unknown): Promise<ComplaintReceipt> {
  actor = requireCan(actor, 'complaint.submit', undefined, { unauthenticated: '请先登录再提交举报' })
  const i = parseInput(ComplaintSubmitSchema, input)
  const { requestId, ...payload } = i
  const payloadHashed = payloadHash(payload)
  const now = deps.now ?? new Date()
  const today = chinaDate(now)
  await checkReportText(db, deps.checker, actor.id, reportText(i))

  const reference = await deps.reference()
  // No explicit transaction: one read decides the path, and one statement writes the ticket with everything that
  // belongs to it (first event, notice, evidence links, today's count), which PostgreSQL makes atomic on its own.
  // Two round trips instead of five; a parallel repeat of the requestId is settled by the unique key, and parallel
  // new reports by the account's daily_counts row (see below), not by a lock held across round trips.
  const instId = i.institutionId && /^[0-9a-f-]{36}$/.test(i.institutionId) ? i.institutionId : null
  const evidence = [...new Set(i.evidence ?? [])]
  const lookUp = async () =>
    (
      await sql<{ existing: ExistingRow | null; todays: number; inst: { id: string; status: InstitutionStatus; category: Category; district: District } | null; files: { id: string; mime: string }[] | null }>`
        SELECT
          (SELECT row_to_json(c) FROM (SELECT id, ticket_no, status, department_name, reply_due::text AS reply_due, payload_hash, institution_id, category, created_at
             FROM complaints WHERE account_id = ${actor.id} AND request_id = ${requestId}) c) AS existing,
          coalesce((SELECT used FROM daily_counts WHERE account_id = ${actor.id} AND kind = 'complaint' AND day = ${today}), 0) AS todays,
          (SELECT row_to_json(x) FROM (SELECT id, status, category, district FROM institutions WHERE id = ${instId}) x) AS inst,
          (SELECT json_agg(json_build_object('id', id, 'mime', mime)) FROM files WHERE id = ANY(${evidence}::text[]) AND owner_account_id = ${actor.id}) AS files`.execute(db)
    ).rows[0]
  const look = await lookUp()
  const repeat = async (existing: ExistingRow): Promise<ComplaintReceipt> => {
    if (existing.payload_hash !== payloadHashed) throw new AppError('conflict', '这次提交与之前用同一编号提交的举报内容不同，请刷新后重新填写')
    return {
      ticketNo: existing.ticket_no,
      status: existing.status,
      department: existing.department_name,
      dueAt: existing.reply_due,
      similarOpen: await similarOpen(db, existing.institution_id, existing.category, new Date(existing.created_at), existing.id),
    }
  }
  if (look.existing) return repeat(look.existing)
  const overLimit = () => new AppError('rate_limited', `今天的举报已达 ${deps.dailyLimit} 件上限，请明天再提交；紧急情况请拨打 12345`)
  // The early refusal; the exact one is in the statement below.
  if (Number(look.todays) >= deps.dailyLimit) throw overLimit()

  let subject: Parameters<typeof route>[2] = { status: 'unknown', district: null }
  let institutionId: string | null = null
  if (i.institutionId) {
    const inst = look.inst
    if (!inst) throw new AppError('invalid_input', '没有找到所选机构，请重新选择', { institutionId: '没有找到所选机构，请重新选择' })
    institutionId = inst.id
    subject = { status: inst.status, category: inst.category, district: inst.district }
  } else if (i.place) {
    // What the reporter wrote about the place outranks where their phone was: they may report from home.
    const district =
      i.place.district ?? districtInAddress(i.place.address) ?? (i.place.lat !== undefined && i.place.lng !== undefined ? nearestDistrict(i.place.lat, i.place.lng) : null)
    subject = { status: 'unknown', district }
  }

  if (evidence.length) {
    const files = look.files ?? []
    if (files.length !== evidence.length) throw new AppError('invalid_input', '有证据文件不存在或不属于您，请重新上传', { evidence: '有证据文件不存在或不属于您，请重新上传' })
    const problem = evidenceLimitProblem([], files.map((f) => f.mime))
    if (problem) throw new AppError('invalid_input', problem, { evidence: problem })
  }
  if (i.happenedOn > today) throw new AppError('invalid_input', '发生日期不能晚于今天', { happenedOn: '发生日期不能晚于今天' })
  if (!i.contact.anonymous && !deps.cipher) throw new AppError('unavailable', '实名举报暂不可用，请联系管理员或选择匿名')

  const r = route(reference, i.category, subject)
  const calendar = reference.calendar
  const replyDue = addWorkingDays(today, deps.replyDays, calendar)
  const day = today.replace(/-/g, '')
  const subscribe = i.subscribe ?? false
  // One statement: the ticket (numbered from the sequence: XM + day + at least four digits), its first event, the
  // subscribe notice (same payload as enqueueStatusNotice writes), the evidence links, today's count, and how many
  // other open reports of this kind the institution had in the last 30 days.
  //
  // The daily limit: the count is raised only for a ticket actually inserted (a repeat of the requestId inserts
  // none, so it never counts twice), by an upsert of the account's own row, which waits for a parallel submit of
  // the same account to commit and then counts on from its result. Past the limit the row's CHECK (used <= cap)
  // fails and undoes the whole statement, ticket included: exact under any number of parallel submits, still one
  // statement, and other accounts never wait. The cost is that row lock from the upsert to the commit at the end of
  // the same statement, per account only, and on a refusal a used-up ticket number.
  let inserted
  try {
    inserted = await sql<{ id: string; ticket_no: string; similar: number }>`
      WITH n AS (SELECT nextval('complaint_ticket_seq')::text AS s),
      c AS (
        INSERT INTO complaints (ticket_no, account_id, request_id, payload_hash, category, institution_id, place, district, description,
          happened_on, details, anonymous, contact_name_enc, contact_phone_enc, subscribe, department, department_name, co_handlers,
          status, accept_due, reply_due, created_at)
        -- At least four digits. lpad alone would cut the 10,000th ticket's number to four digits and collide.
        SELECT 'XM' || ${day} || '-' || lpad(n.s, greatest(4, length(n.s)), '0'), ${actor.id}, ${requestId}, ${payloadHashed},
          ${i.category}, ${institutionId}, ${i.place ? JSON.stringify(i.place) : null}::jsonb, ${r.district}, ${i.description}, ${i.happenedOn},
          ${i.details ? JSON.stringify(i.details) : null}::jsonb, ${i.contact.anonymous},
          ${i.contact.anonymous ? null : deps.cipher!.seal(i.contact.name)}, ${i.contact.anonymous ? null : deps.cipher!.seal(i.contact.phone)},
          ${subscribe}, ${r.department}, ${r.departmentName}, ${r.coHandlers}::text[], 'submitted',
          ${addWorkingDays(today, deps.acceptDays, calendar)}, ${replyDue}, ${now}
        FROM n
        -- A parallel repeat of this requestId waits here for the first to commit, then inserts nothing.
        ON CONFLICT (account_id, request_id) DO NOTHING
        RETURNING id, ticket_no
      ), e AS (
        INSERT INTO complaint_events (complaint_id, status, by_role, actor_account_id, at) SELECT id, 'submitted', 'reporter', ${actor.id}, ${now} FROM c
      ), notice AS (
        INSERT INTO notification_outbox (complaint_id, account_id, status_after, payload)
        SELECT id, ${actor.id}, 'submitted', jsonb_build_object('ticketNo', ticket_no, 'statusLabel', ${COMPLAINT_STATUS_LABEL.submitted}::text, 'department', ${r.departmentName}::text)
        FROM c WHERE ${subscribe}
      ), v AS (
        INSERT INTO complaint_evidence (complaint_id, file_id) SELECT c.id, f FROM c, unnest(${evidence}::text[]) AS f
      ), counted AS (
        INSERT INTO daily_counts AS d (account_id, kind, day, used, cap) SELECT ${actor.id}, 'complaint', ${today}::date, 1, ${deps.dailyLimit}::int FROM c
        ON CONFLICT (account_id, kind, day) DO UPDATE SET used = d.used + 1, cap = EXCLUDED.cap
      )
      SELECT c.id, c.ticket_no,
        (SELECT count(*) FROM complaints o WHERE ${institutionId}::text IS NOT NULL AND o.institution_id = ${institutionId} AND o.category = ${i.category}
           AND o.status = ANY(${[...OPEN_STATUSES]}::text[]) AND o.created_at >= ${new Date(now.getTime() - 30 * 86_400_000)})::int AS similar
      FROM c`.execute(db)
  } catch (e) {
    if (isOverDailyCap(e)) throw overLimit()
    throw e
  }
  const created = inserted.rows[0]
  if (!created) {
    const winner = (await lookUp()).existing
    if (!winner) throw new Error('requestId conflict without a stored complaint')
    return repeat(winner)
  }
  return { ticketNo: created.ticket_no, status: 'submitted' as const, department: r.departmentName, dueAt: replyDue, similarOpen: Number(created.similar) }
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
