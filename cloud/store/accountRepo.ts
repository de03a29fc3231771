import type { Kysely, Selectable } from 'kysely'
import type { Account } from '../../src/domain/api'
import type { AccountTable, Database } from './schema'

export type AccountRow = Selectable<AccountTable>

export function accountRowToAccount(row: AccountRow): Account {
  const a: Account = { id: row.id, role: row.role, name: row.name }
  if (row.department) a.department = row.department
  if (row.district) a.district = row.district
  return a
}

/** An account auth.devLogin created for the demo (admin, staff…): valid only while AUTH_MODE=dev. */
export function isDemoAccount(row: AccountRow): boolean {
  return row.dev_account !== null
}

export async function findAccountById(db: Kysely<Database>, id: string): Promise<AccountRow | undefined> {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findAccountByDevName(db: Kysely<Database>, devAccount: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('dev_account', '=', devAccount).executeTakeFirst()
}

/** A WeChat user becomes a citizen account on first sight; the same openid always maps to the same account. */
export async function findOrCreateWechatAccount(db: Kysely<Database>, openid: string, unionid?: string): Promise<AccountRow> {
  const existing = await db.selectFrom('accounts').selectAll().where('openid', '=', openid).executeTakeFirst()
  if (existing) return existing
  await db
    .insertInto('accounts')
    .values({ openid, unionid: unionid ?? null, role: 'citizen', name: '微信用户', dev_account: null, department: null, district: null })
    .onConflict((oc) => oc.column('openid').doNothing())
    .execute()
  return db.selectFrom('accounts').selectAll().where('openid', '=', openid).executeTakeFirstOrThrow()
}
