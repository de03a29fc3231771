// Changing one institution's standing (staff.setInstitutionStatus): suspend, revoke, blacklist, restore, reapply,
// each through the institution machine (src/domain/institutionStatus.ts) and each resting on a published notice.
// The row is locked while it is checked and changed, so of two simultaneous changes the second sees the first.
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { CATEGORY_DEPARTMENT, STATUS_BADGE } from '../../../src/domain/catalog'
import { AppError } from '../../../src/domain/errors'
import { checkStatusChange } from '../../../src/domain/institutionStatus'
import { SetInstitutionStatusSchema, type SetInstitutionStatusAnswer } from '../../../src/domain/staffRecords'
import { recordAudit } from '../../store/auditRepo'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'
import { get as getInstitution } from '../institutions'
import { ensureNotice, noticeFromFields } from '../notices'
import { parseInput } from '../validate'

const UUID = /^[0-9a-f-]{36}$/
const notFound = () => new AppError('not_found', '没有找到该机构，可能编号有误或已被移除', { institutionId: '没有找到该机构' })

export async function setInstitutionStatus(db: Kysely<Database>, actor: Account | undefined, input: unknown): Promise<SetInstitutionStatusAnswer> {
  if (!db.isTransaction) throw new Error('setInstitutionStatus needs a transaction')
  const a = requireCan(actor, 'institution.setStatus')
  const i = parseInput(SetInstitutionStatusSchema, input)
  if (!UUID.test(i.institutionId)) throw notFound()
  const current = await db.selectFrom('institutions').select(['id', 'status', 'category', 'district']).where('id', '=', i.institutionId).forUpdate().executeTakeFirst()
  if (!current) throw notFound()
  // The approving department of the category, at the institution's district (district staff reach their own only).
  requireCan(a, 'institution.setStatus', { department: CATEGORY_DEPARTMENT[current.category], district: current.district })

  if (current.status === i.status) throw new AppError('conflict', `机构已是“${STATUS_BADGE[i.status]}”`)
  const verdict = checkStatusChange(current.status, i.status)
  if (!verdict.ok) throw new AppError('conflict', verdict.message)

  const notice = noticeFromFields(i.notice)
  const noticeId = await ensureNotice(db, notice)
  await db
    .updateTable('institutions')
    .set({
      status: i.status,
      status_as_of: notice.date,
      // The black-list record is shown only while the institution is on it.
      ...(i.status === 'blacklisted'
        ? { blacklist_reason: i.reason, blacklist_date: notice.date, blacklist_notice: notice.title, blacklist_notice_id: noticeId }
        : { blacklist_reason: null, blacklist_date: null, blacklist_notice: null, blacklist_notice_id: null }),
      updated_at: new Date(),
    })
    .where('id', '=', current.id)
    .execute()
  await db
    .insertInto('institution_status_history')
    .values({ institution_id: current.id, status: i.status, at: notice.date, notice: notice.title, notice_id: noticeId, note: i.reason, source: `staff:${a.id}` })
    .execute()
  await recordAudit(db, a, {
    action: 'staff.setInstitutionStatus',
    targetType: 'institution',
    targetId: current.id,
    detail: { from: current.status, to: i.status, reason: i.reason, noticeId },
  })
  return { institution: await getInstitution(db, { id: current.id }) }
}
