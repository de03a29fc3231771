// Reading institutions as the search index holds them: every row of one snapshot (a new base), or the rows with
// given ids (what changed since). Shared by the serving thread and the build worker (buildWorker.ts).
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../store/schema'
import { DocColumns, runNow } from './docColumns'
import { BuildStopped, type IndexedInstitution } from './memoryIndex'
import type { Shard } from './shardedIndex'

/** Named as the index names them, so each row the driver makes is the doc itself: mapping every row to a new
 *  object doubled the objects alive while a new index was read beside a serving one (RSS 1.8× steady, issue 12). */
const COLUMNS = ['id', 'name', 'status', 'category', 'district', 'address', 'lat', 'lng', 'uscc', 'license_no as licenseNo', 'name_pinyin as pinyin', 'name_initials as initials'] as const

/** Rows fetched at a time when loading every institution. Reading 100,000 rows alone on a busy machine, the longest
 *  turn of the event loop was 150–260 ms in pages of 5,000 and 90–100 ms in pages of 1,000 (mostly young-generation
 *  collections: see readSnapshot's pause). */
const LOAD_PAGE = 1000

/** shardedIndex.shardOf's rule in SQL, before the modulo: ascii() gives a character's code point. */
const SHARD_SQL = sql`(ascii(right(id, 1)) + 3 * ascii(left(right(id, 2), 1)) + ascii(left(right(id, 3), 1)) + 3 * ascii(left(right(id, 4), 1)))`

/** The rows the index holds with the given ids (rows as the index holds them: already named so, COLUMNS). */
export async function readRows(db: Kysely<Database>, by: { ids: string[] }): Promise<IndexedInstitution[]> {
  return by.ids.length ? db.selectFrom('institutions').select(COLUMNS).where('id', 'in', by.ids).execute() : []
}

/** Every row the index holds (of one shard, when given), in no particular order (the build sorts them). */
function everyRow(db: Kysely<Database>, shard?: Shard) {
  const q = db.selectFrom('institutions').select(COLUMNS)
  // Literals: the statement is declared as a cursor, and the shard decides the plan no more than the table does.
  return shard && shard.of > 1 ? q.where(sql<boolean>`${SHARD_SQL} % ${sql.lit(shard.of)} = ${sql.lit(shard.index)}`) : q
}

/** The change counter's value, in the caller's transaction when given one. */
export async function institutionsVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('change_counters').select('value').where('name', '=', 'institutions').executeTakeFirst()
  return Number(row?.value ?? 0)
}

/** Every institution (of one shard, when given) and the change counter, from one snapshot (so a write racing the
 *  read is caught up afterwards), as columns, a page each (MemoryIndex.build joins them): each page of rows goes into
 *  columns at once and dies young. Kept as objects until all were read, 100,000 rows held ~150 MiB more at the peak
 *  of a build (§9), and every young-generation collection copied the rows read since the last one: read at full speed
 *  beside 50 connections' searches, those collections held the thread 20–35 ms each. `pauseMs` after each page
 *  spreads the reading out on a thread that also serves searches; a worker reads at full speed.
 *  Fetched from one cursor over one scan of the table. Pages by id (`id > last ORDER BY id LIMIT 1000`) walked the
 *  primary key, whose random ids put every row on another heap page, and with a shard's filter the planner expected
 *  few rows to pass and launched parallel workers for every page: 77 ms a page, ~20 s to read a quarter of a million
 *  institutions (ANALYSIS §11). */
export function readSnapshot(db: Kysely<Database>, opts: { pauseMs: number; stopped: () => boolean; shard?: Shard }): Promise<{ version: number; pages: DocColumns[] }> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const version = await institutionsVersion(trx)
      const query = everyRow(trx, opts.shard).compile()
      if (query.parameters.length) throw new Error('readSnapshot: a cursor is declared with literals only')
      await sql`DECLARE index_snapshot NO SCROLL CURSOR FOR ${sql.raw(query.sql)}`.execute(trx)
      // In pages: one 100,000-row answer is parsed in one go (tens of ms at a time).
      const pages: DocColumns[] = []
      for (;;) {
        if (opts.stopped()) throw new BuildStopped()
        const page = (await sql<IndexedInstitution>`FETCH FORWARD ${sql.lit(LOAD_PAGE)} FROM index_snapshot`.execute(trx)).rows
        if (!page.length) break
        pages.push(runNow(DocColumns.build(page, false)))
        if (page.length < LOAD_PAGE) break
        if (opts.pauseMs) await new Promise((resolve) => setTimeout(resolve, opts.pauseMs))
      }
      return { version, pages }
    })
}
