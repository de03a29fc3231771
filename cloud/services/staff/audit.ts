// The audit log, newest first, for the admin.
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { AuditSchema, type AuditItem } from '../../../src/domain/staff'
import type { Database } from '../../store/schema'
import { requireCan } from '../access'
import { keysetCursor, readKeyset } from '../paging'
import { parseInput } from '../validate'

const PAGE = 50

export async function auditLog(db: Kysely<Database>, actor: Account | undefined, input: unknown): Promise<{ items: AuditItem[]; total: number; nextCursor?: string }> {
  requireCan(actor, 'audit.read')
  const { cursor } = parseInput(AuditSchema, input)
  const before = readKeyset(cursor, [/^\d{1,18}$/])
  let q = db
    .selectFrom('audit_log as l')
    .innerJoin('accounts as a', 'a.id', 'l.actor_account_id')
    .select(['l.id', 'l.at', 'l.actor_role', 'l.action', 'l.target_type', 'l.target_id', 'l.detail', 'a.name as actor_name'])
    .orderBy('l.id', 'desc')
    .limit(PAGE + 1)
  if (before) q = q.where('l.id', '<', before[0])
  const [rows, count] = await Promise.all([q.execute(), db.selectFrom('audit_log').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()])
  const shown = rows.slice(0, PAGE)
  return {
    items: shown.map((r) => ({
      id: String(r.id),
      at: new Date(r.at).toISOString(),
      actorName: r.actor_name,
      actorRole: r.actor_role,
      action: r.action,
      targetType: r.target_type,
      ...(r.target_id ? { targetId: r.target_id } : {}),
      detail: r.detail,
    })),
    total: Number(count.n),
    ...(rows.length > PAGE ? { nextCursor: keysetCursor([String(shown[shown.length - 1].id)]) } : {}),
  }
}
