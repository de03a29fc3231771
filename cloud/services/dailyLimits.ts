// Per-account daily limits (reports, evidence uploads) on the daily_counts table (migration 008). Exact under
// parallel requests on PostgreSQL: every change of a count is an INSERT … ON CONFLICT DO UPDATE of the account's own
// row, which waits for that row's lock and then sees the latest committed count, never a stale snapshot.
import { sql, type Kysely } from 'kysely'
import { chinaDate } from '../../src/domain/chinaDate'
import type { Database } from '../store/schema'

export type DailyKind = 'complaint' | 'upload'

/** The CHECK (used <= cap) that undoes a statement counting itself past the limit (see complaints/submit.ts). */
export const DAILY_CAP_CONSTRAINT = 'daily_counts_within_cap'

/** A statement failed because it would have counted past the limit. */
export function isOverDailyCap(e: unknown): boolean {
  const err = e as { code?: unknown; constraint?: unknown; message?: unknown } | null
  if (!err || err.code !== '23514') return false
  return err.constraint === DAILY_CAP_CONSTRAINT || String(err.message ?? '').includes(DAILY_CAP_CONSTRAINT)
}

export interface DailySlot {
  /** Gives the slot back when what it was taken for did not happen. Never throws: a slot lost to a failure here only
   * makes the limit stricter for the rest of the day. */
  release(): Promise<void>
}

/**
 * Takes one of today's `limit` slots before the work starts, so parallel requests cannot all pass a check and then
 * all write; undefined when none is left. The caller releases the slot if the work fails.
 */
export async function takeDailySlot(db: Kysely<Database>, accountId: string, kind: DailyKind, limit: number, now = new Date()): Promise<DailySlot | undefined> {
  const day = chinaDate(now)
  const taken = await sql<{ used: number }>`
    INSERT INTO daily_counts AS d (account_id, kind, day, used, cap) VALUES (${accountId}, ${kind}, ${day}, 1, ${limit})
    ON CONFLICT (account_id, kind, day) DO UPDATE SET used = d.used + 1, cap = EXCLUDED.cap WHERE d.used < EXCLUDED.cap
    RETURNING used`.execute(db)
  if (!taken.rows.length) return undefined
  return {
    async release() {
      await sql`UPDATE daily_counts SET used = used - 1 WHERE account_id = ${accountId} AND kind = ${kind} AND day = ${day} AND used > 0`.execute(db).catch(() => undefined)
    },
  }
}

/** Removes the counts of days before yesterday (China time): only today's row is ever read, and one row per account,
 *  kind and day would otherwise pile up for good. Yesterday's stays for a request that began before midnight. */
export async function pruneDailyCounts(db: Kysely<Database>, now = new Date()): Promise<number> {
  const yesterday = chinaDate(new Date(now.getTime() - 86_400_000))
  const r = await db.deleteFrom('daily_counts').where('day', '<', yesterday).executeTakeFirst()
  return Number(r.numDeletedRows)
}
