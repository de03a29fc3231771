import { sql, type Kysely } from 'kysely'
import { carriedOf, keepHeadsFunction } from './019_name_gram_heads'
import { fillHeadsFunction } from './022_gram_heads_by_walk'
import { HEADS_FROM } from './025_heads_from_200'

// A one- or two-character text's first page from SQL is 21 heads of its gram (019, 025), and it read each of them
// again from institutions by id for what a page lists: 21 descents of the primary key and 21 heap pages scattered
// over the whole table (816 MB at a million, so mostly outside shared_buffers). Heads now carry what a page lists
// (and the position, for a distance beside it), so the page is one range of the heads' key. Measured at a million on
// the bench's 2-char terms, 16 connections (bench/ANALYSIS.md §23): the server's CPU per page 211–285 µs → 50–99.
//
// The trigger keeps them as it keeps the key: a row that changes a carried column leaves its grams' heads and arrives
// again (019's rule stays true: a gram's heads are exactly its names up to their greatest key). Such a change is an
// address, a district or a category (a status changes the key anyway). 1.34 M heads at a million: 432 MB → ~450
// (rewritten compact, in key order, by this migration).
/** What a head carries beside its key (gram, rank, len, name, id): every other column a page of the list shows
 *  (institutionRepo's SHOWN_COLUMNS, held to this by its type), and the position. */
export const HEAD_CARRIED = ['status', 'category', 'district', 'address', 'uscc', 'lat', 'lng'] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  // Under the counter's lock, as 019's first fill: no write slips between the copy and the triggers' new bodies.
  await sql`UPDATE change_counters SET value = value WHERE name = 'institutions'`.execute(db)
  await sql`
    CREATE TABLE name_gram_heads_carrying (
      gram text NOT NULL,
      rank smallint NOT NULL,
      len smallint NOT NULL,
      name text COLLATE "C" NOT NULL,
      id text COLLATE "C" NOT NULL,
      status text NOT NULL,
      category text NOT NULL,
      district text NOT NULL,
      address text NOT NULL,
      uscc text NOT NULL,
      lat float8 NOT NULL,
      lng float8 NOT NULL
    )`.execute(db)
  // A copy in key order (a gram's heads on neighbouring pages), then the old table's name and key.
  await sql`
    INSERT INTO name_gram_heads_carrying
    SELECT h.gram, h.rank, h.len, h.name, h.id${sql.raw(carriedOf(HEAD_CARRIED, 'i.'))}
    FROM name_gram_heads h JOIN institutions i ON i.id = h.id COLLATE "default"
    ORDER BY h.gram, h.rank, h.len, h.name, h.id`.execute(db)
  await sql`DROP TABLE name_gram_heads`.execute(db)
  await sql`ALTER TABLE name_gram_heads_carrying RENAME TO name_gram_heads`.execute(db)
  await sql`ALTER TABLE name_gram_heads ADD PRIMARY KEY (gram, rank, len, name, id)`.execute(db)
  await fillHeadsFunction(HEAD_CARRIED).execute(db)
  await keepHeadsFunction(HEADS_FROM, HEAD_CARRIED).execute(db)
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only')
}
