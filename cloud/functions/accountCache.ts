// Gateway requests carry a session token that names an account; looking the account up on every request was one of
// the few round trips a complaint submit makes. A copy at most a few seconds old is kept per process, so a role
// change or a removed account takes effect within ACCOUNT_CACHE_MS.
import type { Kysely } from 'kysely'
import type { Account } from '../../src/domain/api'
import { accountRowToAccount, findAccountById } from '../store/accountRepo'
import type { Database } from '../store/schema'

export const ACCOUNT_CACHE_MS = 5000
const MAX_ENTRIES = 50_000

const caches = new WeakMap<object, Map<string, { account: Promise<Account | undefined>; until: number }>>()

export function cachedAccount(db: Kysely<Database>, id: string, now = Date.now()): Promise<Account | undefined> {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  const hit = cache.get(id)
  if (hit && hit.until > now) return hit.account
  if (cache.size >= MAX_ENTRIES) cache.clear()
  const account = findAccountById(db, id).then((row) => (row ? accountRowToAccount(row) : undefined))
  cache.set(id, { account, until: now + ACCOUNT_CACHE_MS })
  // A failed look-up is not remembered.
  account.catch(() => cache!.delete(id))
  return account
}
