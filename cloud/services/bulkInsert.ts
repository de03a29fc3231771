// Many rows in one statement: each column goes as one array parameter and the database unnests them side by side.
// Why: at 1,000,000 institutions (issue 12, point 6) the seed's multi-row INSERTs of 500 rows (one parameter per
// value) spent minutes building and parsing statements; one array per column is ~20 parameters for 10,000 rows,
// and works the same on PostgreSQL and PGlite (no COPY client needed).
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../store/schema'

export type ColumnType = 'text' | 'int4' | 'int8' | 'float8' | 'date' | 'text[]'

/** Separates the items of a text[] cell (unnest flattens arrays of arrays, so each cell goes joined, split in SQL). */
const ITEM_SEPARATOR = '\u001f'

/** INSERT INTO table (columns) SELECT … FROM unnest(one array per column). Every column array has rows.length items. */
export async function insertColumns(db: Kysely<Database>, table: string, columns: Record<string, ColumnType>, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return
  const names = Object.keys(columns)
  const params: RawBuilder<unknown>[] = []
  const selects: RawBuilder<unknown>[] = []
  names.forEach((name, k) => {
    const type = columns[name]
    const values = rows.map((r) => {
      const v = r[name] ?? null
      if (type !== 'text[]' || v === null) return v
      const items = v as string[]
      if (items.some((x) => x.includes(ITEM_SEPARATOR))) throw new Error(`${table}.${name}: an item holds the separator`)
      return items.join(ITEM_SEPARATOR)
    })
    params.push(sql`${values}::${sql.raw(type === 'text[]' ? 'text' : type)}[]`)
    const col = sql.ref(`u.c${k}`)
    selects.push(type === 'text[]' ? sql`CASE WHEN ${col} = '' THEN '{}'::text[] ELSE string_to_array(${col}, ${ITEM_SEPARATOR}) END` : col)
  })
  const aliases = sql.raw(names.map((_, k) => `c${k}`).join(', '))
  await sql`INSERT INTO ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
    SELECT ${sql.join(selects)} FROM unnest(${sql.join(params)}) AS u(${aliases})`.execute(db)
}

/** What a bulk load can do without while it runs and check once after: the tables' indexes that no constraint owns
 *  (search and sort indexes) and their foreign keys, each with the statement that puts it back. */
async function deferrable(db: Kysely<Database>, tables: string[]): Promise<{ drop: string; restore: string }[]> {
  const r = await sql<{ drop: string; restore: string }>`
    SELECT format('DROP INDEX %I', i.indexname) AS drop, i.indexdef AS restore FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename = ANY(${tables}::text[])
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.conrelid = (quote_ident(i.tablename))::regclass)
    UNION ALL
    SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname),
           format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
    FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(${tables}::text[])`.execute(db)
  return r.rows
}

/** Runs a load into empty tables with their non-constraint indexes and foreign keys dropped, then builds each index
 *  once over all rows and checks each foreign key in one pass. Why: keeping three GIN indexes (grams, pinyin and
 *  initials trigrams) current row by row, and looking up the parent of each of 2.6 million site and history rows,
 *  cost several times more at 1,000,000 institutions. Inside the caller's transaction: if the load fails, all of it
 *  comes back as it was. */
export async function withChecksAfter<T>(trx: Kysely<Database>, tables: string[], load: () => Promise<T>): Promise<T> {
  const deferred = await deferrable(trx, tables)
  for (const d of deferred) await sql.raw(d.drop).execute(trx)
  const out = await load()
  // Room to sort in memory for this transaction only (the default 64 MB spills a million rows to disk; 256 MB also
  // fits PGlite's memory).
  await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx)
  for (const d of deferred) await sql.raw(d.restore).execute(trx)
  return out
}
