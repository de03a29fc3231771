// A citizen becomes a supervisor of a district and kind by redeeming an invitation code from staff.invite. A code
// is used once: two people racing for it are settled by one conditional UPDATE, so exactly one of them binds.
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { AppError } from '../../../src/domain/errors'
import type { District } from '../../../src/domain/catalog'
import type { SupervisorKind } from '../../../src/domain/checklist'
import { BindSchema } from '../../../src/domain/observations'
import type { Database } from '../../store/schema'
import { inTransaction } from '../../store/transaction'
import { requireAccount } from '../access'
import { parseInput } from '../validate'

export async function bind(db: Kysely<Database>, actor: Account | undefined, input: unknown): Promise<{ role: 'supervisor'; district: District; kind: SupervisorKind }> {
  const a = requireAccount(actor, '请先登录再绑定邀请码')
  const { code } = parseInput(BindSchema, input)
  if (a.role === 'staff' || a.role === 'admin') throw new AppError('forbidden', '工作人员账号不能绑定为监督员，请用个人微信登录后绑定')
  if (a.role === 'supervisor') throw new AppError('conflict', '您已是监督员；如需变更辖区或类别，请联系辖区工作人员')
  return inTransaction(db, async (trx) => {
    const taken = await trx
      .updateTable('supervisor_invitations')
      .set({ used_by: a.id, used_at: new Date() })
      .where('code', '=', code)
      .where('used_by', 'is', null)
      .where('expires_at', '>', new Date())
      .returning(['district', 'kind'])
      .executeTakeFirst()
    if (!taken) {
      const row = await trx.selectFrom('supervisor_invitations').select(['used_by', 'expires_at']).where('code', '=', code).executeTakeFirst()
      if (!row) throw new AppError('invalid_input', '邀请码不存在，请核对后重新输入', { code: '邀请码不存在，请核对后重新输入' })
      if (row.used_by) throw new AppError('conflict', '这个邀请码已被使用，请向辖区工作人员重新获取')
      throw new AppError('conflict', '这个邀请码已过期，请向辖区工作人员重新获取')
    }
    await trx.updateTable('accounts').set({ role: 'supervisor', district: taken.district, supervisor_kind: taken.kind }).where('id', '=', a.id).execute()
    return { role: 'supervisor' as const, district: taken.district, kind: taken.kind }
  })
}
