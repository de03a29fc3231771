// Gateway requests carry a session token that names an account; looking the account up on every request was one of
// the few round trips a complaint submit makes. A copy at most a few seconds old is kept per process, so a role
// change or a removed account takes effect within ACCOUNT_CACHE_MS.
// Demo accounts (created by AUTH_MODE=dev) sign in only where demo logins are allowed: a production gateway that
// shares a database and a session secret with an earlier demo must not accept the demo admin's token.
import type { Kysely } from 'kysely'
import type { Account } from '../../src/domain/api'
import { accountRowToAccount, findAccountById, isDemoAccount } from '../store/accountRepo'
import type { Database } from '../store/schema'

export const ACCOUNT_CACHE_MS = 5000
const MAX_ENTRIES = 50_000

interface Entry {
  account: Account
  demo: boolean
}

const caches = new WeakMap<object, Map<string, { entry: Promise<Entry | undefined>; until: number }>>()

export interface AccountLookup {
  /** True only in the demo (AUTH_MODE=dev); otherwise an account created for the demo is no one. */
  allowDemo: boolean
}

export async function cachedAccount(db: Kysely<Database>, id: string, lookup: AccountLookup, now = Date.now()): Promise<Account | undefined> {
  const found = await cachedEntry(db, id, now)
  if (!found || (found.demo && !lookup.allowDemo)) return undefined
  return found.account
}

function cachedEntry(db: Kysely<Database>, id: string, now: number): Promise<Entry | undefined> {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  const hit = cache.get(id)
  if (hit && hit.until > now) return hit.entry
  if (cache.size >= MAX_ENTRIES) cache.clear()
  const entry = findAccountById(db, id).then((row) => (row ? { account: accountRowToAccount(row), demo: isDemoAccount(row) } : undefined))
  cache.set(id, { entry, until: now + ACCOUNT_CACHE_MS })
  // A failed look-up is not remembered.
  entry.catch(() => cache!.delete(id))
  return entry
}

/** Drops this process's copy of an account whose role just changed here (supervision.bind), so it acts at once. */
export function forgetAccount(db: Kysely<Database>, id: string): void {
  caches.get(db)?.delete(id)
}
