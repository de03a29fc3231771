// Supervisors in the account's area: invitation codes (single-use, expiring; supervision.bind redeems them) and the
// list of supervisors with their visits. Invitations are granted per area (supervisor.invite), not per department:
// a district's supervisors serve every department there.
import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { scopeFilter } from '../../../src/domain/access'
import { AppError } from '../../../src/domain/errors'
import { INVITE_DAYS_DEFAULT, InviteSchema, SupervisorsSchema, type InvitationItem, type SupervisorItem } from '../../../src/domain/staff'
import { recordAudit } from '../../store/auditRepo'
import type { Database } from '../../store/schema'
import { inTransaction } from '../../store/transaction'
import { requireCan } from '../access'
import { parseInput } from '../validate'

/** No 0/O, 1/I/L: a code is read out over the phone or copied from a screen. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

export function newInvitationCode(): string {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]).join('')
}

export async function invite(db: Kysely<Database>, actor: Account | undefined, input: unknown): Promise<{ code: string; expiresAt: string }> {
  const a = requireCan(actor, 'supervisor.invite')
  const i = parseInput(InviteSchema, input)
  requireCan(a, 'supervisor.invite', { district: i.district }, { forbidden: '只能邀请本辖区的监督员' })
  const expiresAt = new Date(Date.now() + (i.days ?? INVITE_DAYS_DEFAULT) * 86_400_000)
  return inTransaction(db, async (trx) => {
    // 31^8 codes: a clash is all but impossible, and the primary key refuses one; try again a few times.
    for (let attempt = 0; attempt < 5; attempt++) {
      const code = newInvitationCode()
      const row = await trx
        .insertInto('supervisor_invitations')
        .values({ code, district: i.district, kind: i.kind, created_by: a.id, expires_at: expiresAt })
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('code')
        .executeTakeFirst()
      if (!row) continue
      await recordAudit(trx, a, { action: 'staff.invite', targetType: 'invitation', targetId: code, detail: { district: i.district, kind: i.kind, expiresAt: expiresAt.toISOString() } })
      return { code, expiresAt: expiresAt.toISOString() }
    }
    throw new AppError('internal', '邀请码生成失败，请重试')
  })
}

export async function list(db: Kysely<Database>, actor: Account | undefined, input: unknown): Promise<{ items: SupervisorItem[]; invitations: InvitationItem[] }> {
  const a = requireCan(actor, 'supervisor.invite')
  const i = parseInput(SupervisorsSchema, input)
  const area = scopeFilter(a, 'supervisor.invite') ?? {}
  if (i.district && area.district && i.district !== area.district) return { items: [], invitations: [] }
  const district = i.district ?? area.district
  let people = db.selectFrom('accounts').select(['id', 'name', 'district', 'supervisor_kind']).where('role', '=', 'supervisor').where('district', 'is not', null)
  let codes = db.selectFrom('supervisor_invitations').selectAll().where((eb) => eb.or([eb('used_at', 'is', null), eb('used_at', '>', new Date(Date.now() - 30 * 86_400_000))]))
  if (district) {
    people = people.where('district', '=', district)
    codes = codes.where('district', '=', district)
  }
  const [rows, invitations] = await Promise.all([people.orderBy('district').orderBy('name').limit(500).execute(), codes.orderBy('created_at', 'desc').limit(100).execute()])
  const ids = rows.map((r) => r.id)
  const visits = ids.length
    ? await db
        .selectFrom('observations')
        .select(['supervisor_id', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.max('visited_at').as('last')])
        .where('supervisor_id', 'in', ids)
        .groupBy('supervisor_id')
        .execute()
    : []
  const byId = new Map(visits.map((v) => [v.supervisor_id, v]))
  return {
    items: rows.map((r) => {
      const v = byId.get(r.id)
      return { id: r.id, name: r.name, district: r.district!, kind: r.supervisor_kind ?? 'volunteer', visits: Number(v?.n ?? 0), ...(v?.last ? { lastVisitAt: new Date(v.last).toISOString() } : {}) }
    }),
    invitations: invitations.map((c) => ({
      code: c.code,
      district: c.district,
      kind: c.kind,
      expiresAt: new Date(c.expires_at).toISOString(),
      ...(c.used_at ? { usedAt: new Date(c.used_at).toISOString() } : {}),
    })),
  }
}
