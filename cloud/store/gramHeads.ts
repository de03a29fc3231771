// name_gram_heads during a bulk load (migration 019). The load drops the search indexes while it runs
// (bulkInsert.withChecksAfter), and the heads' trigger would read the table per gram without them each time a gram
// passed HEADS_FROM names; so the trigger waits (yg.gram_heads_later, this transaction only) and every common
// gram's heads are read once at the end, with the indexes back.
import { sql, type Kysely } from 'kysely'
import { FILL_COMMON_HEADS } from './migrations/025_heads_from_200'
import type { Database } from './schema'

export async function withGramHeadsAfter<T>(trx: Kysely<Database>, load: () => Promise<T>): Promise<T> {
  await sql`SET LOCAL yg.gram_heads_later = 'on'`.execute(trx)
  const out = await load()
  await sql`SET LOCAL yg.gram_heads_later = 'off'`.execute(trx)
  await FILL_COMMON_HEADS.execute(trx)
  return out
}
