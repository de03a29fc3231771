// Publishing a case to the 曝光台 (staff.publishCase), from a complaint or from scratch. What the public reads is
// built by the same function content.case uses, so a preview is exactly the page to come. The complaint a case came
// from, and who published it, are kept in private columns that no public shape reads; the published text is
// refused while it holds a phone number, an ID-card number, a ticket number or the reporter's name.
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { can } from '../../../src/domain/access'
import { departmentName, type Department } from '../../../src/domain/catalog'
import { AppError } from '../../../src/domain/errors'
import { personalDataProblems } from '../../../src/domain/personalData'
import { CASE_TEXT_LABEL, PublishCaseSchema, type PublishCaseAnswer, type PublishCaseInput } from '../../../src/domain/staffRecords'
import type { ContactCipher } from '../../platform/contactCipher'
import { recordAudit } from '../../store/auditRepo'
import { findTicket } from '../../store/complaintRepo'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'
import { ticketTarget } from '../complaints/tickets'
import { oneCase, publicCase } from '../content/content'
import { ensureNotice, noticeFromFields } from '../notices'
import { parseInput } from '../validate'

export interface CaseDeps {
  /** Opens the reporter's name, which the published text must not contain. */
  cipher?: ContactCipher
}

const UUID = /^[0-9a-f-]{36}$/

/** Staff publish as their own department (at their own level); the admin names the department. */
function publishingDepartment(actor: Account, asked: Department | undefined): Department {
  if (actor.role !== 'admin') return asked ?? actor.department!
  if (!asked) throw new AppError('invalid_input', '请选择以哪个部门的名义发布', { department: '请选择以哪个部门的名义发布' })
  return asked
}

/** The reporter's names the text is checked against: none for an anonymous report. */
async function complaintSource(db: Kysely<Database>, deps: CaseDeps, actor: Account, ticketNo: string) {
  const row = await findTicket(db, ticketNo)
  // Someone who may not view the ticket does not learn it exists (as complaints.get).
  if (!row || !can(actor, 'complaint.view', ticketTarget(row))) {
    throw new AppError('not_found', '没有找到这件举报，或您无权查看', { ticketNo: '没有找到这件举报，或您无权查看' })
  }
  const names: string[] = []
  if (!row.anonymous && row.contact_name_enc) {
    if (!deps.cipher) throw new AppError('unavailable', '无法核对举报人信息，暂不能从举报发布案例')
    names.push(deps.cipher.open(row.contact_name_enc))
  }
  return { id: row.id, names }
}

function refusePersonalData(i: PublishCaseInput, names: string[]): void {
  const problems = personalDataProblems(
    {
      entityName: { label: CASE_TEXT_LABEL.entityName, text: i.entityName },
      facts: { label: CASE_TEXT_LABEL.facts, text: i.facts },
      outcome: { label: CASE_TEXT_LABEL.outcome, text: i.outcome },
      'notice.title': { label: '公告标题', text: i.notice.title },
    },
    names,
  )
  const first = Object.values(problems)[0]
  if (first) throw new AppError('invalid_input', first, problems)
}

export async function publishCase(db: Kysely<Database>, deps: CaseDeps, actor: Account | undefined, input: unknown): Promise<PublishCaseAnswer> {
  const a = requireCan(actor, 'case.publish')
  const i = parseInput(PublishCaseSchema, input)
  const department = publishingDepartment(a, i.department)
  requireCan(a, 'case.publish', { department, district: i.district })

  const source = i.ticketNo ? await complaintSource(db, deps, a, i.ticketNo) : undefined
  refusePersonalData(i, source?.names ?? [])

  const institution = i.institutionId
    ? UUID.test(i.institutionId)
      ? await db.selectFrom('institutions').select(['id', 'name', 'status', 'category']).where('id', '=', i.institutionId).executeTakeFirst()
      : undefined
    : undefined
  if (i.institutionId && !institution) throw new AppError('invalid_input', '没有找到该机构，请从名录中选择', { institutionId: '没有找到该机构，请从名录中选择' })

  const notice = noticeFromFields(i.notice)
  const fields = {
    date: i.date,
    entity_name: i.entityName,
    institution_id: institution?.id ?? null,
    district: i.district,
    category: i.category ?? institution?.category ?? null,
    type: i.type,
    facts: i.facts,
    outcome: i.outcome,
    // The publishing body as readers know it: 厦门市思明区文化和旅游局 for district staff, the city bureau otherwise.
    department: departmentName(department, a.role === 'admin' ? undefined : a.district),
    notice: notice.title,
  }

  if (i.preview) {
    // Nothing is written: the notice's page is linked only when it already exists.
    const known = await db.selectFrom('notices').select('id').where('title', '=', notice.title).where('date', '=', notice.date).executeTakeFirst()
    const row = { ...fields, id: '', notice_id: known?.id ?? null, source_complaint_id: null, published_by: null, created_at: new Date() }
    return { preview: true, case: publicCase({ ...row, institution_name: institution?.name ?? null, institution_status: institution?.status ?? null }) }
  }

  const noticeId = await ensureNotice(db, notice)
  const { id } = await db
    .insertInto('violation_cases')
    .values({ ...fields, notice_id: noticeId, source_complaint_id: source?.id ?? null, published_by: a.id })
    .returning('id')
    .executeTakeFirstOrThrow()
  await recordAudit(db, a, {
    action: 'staff.publishCase',
    targetType: 'case',
    targetId: id,
    detail: { type: i.type, district: i.district, department, ...(i.ticketNo ? { ticketNo: i.ticketNo } : {}), ...(institution ? { institutionId: institution.id } : {}) },
  })
  return { id, case: await oneCase(db, { id }) }
}
