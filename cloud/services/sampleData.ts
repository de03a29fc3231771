// Loads the fictional sample data (content/sample) into an empty database: the demo and the benchmarks.
import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { SampleData } from '../../content/sample/types'
import type { CaseSeed } from '../../content/sample/cases'
import type { Database } from '../store/schema'
import { nameSearchColumns } from '../store/searchText'
import { ensureNotices, noticeKey } from './notices'
import { insertColumns, withChecksAfter, type ColumnType } from './bulkInsert'
import { withGramHeadsAfter } from '../store/gramHeads'
import { compactKeptCounts } from '../store/migrations/030_kept_counts_compact'

/** Institutions per statement (with their sites and history in two more). */
const CHUNK = 10_000
/** From this many institutions a load into an empty table builds the search indexes once at the end. */
const REBUILD_INDEXES_FROM = 50_000

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('institutions').select('id').limit(1).executeTakeFirst()
  return !row
}

/** Inserts everything in one transaction: a half-loaded demo is worse than none.
 *  Rows go CHUNK at a time, one array per column (bulkInsert.ts), and ids are made here so the sites and history of a
 *  chunk need no RETURNING. The next chunk's search columns (pinyin: ~15 µs a name) are computed while the database
 *  writes the current one. A load of `rebuildIndexesFrom` institutions or more drops the search indexes and foreign
 *  keys first and restores each once at the end (1,000,000 institutions: issue 12, point 6). `chunk`: institutions
 *  per statement (CHUNK; a test loads a few thousand in several statements, as a million is loaded). */
export async function loadSample(db: Kysely<Database>, data: SampleData, opts: { rebuildIndexesFrom?: number; chunk?: number } = {}): Promise<{ institutions: number; writeMs: number; checksMs: number }> {
  const t0 = Date.now()
  const perStatement = opts.chunk ?? CHUNK
  let written = 0
  // Whether the load took the bulk path (rebuilt indexes), as the transaction answers it.
  const bulk = await db.transaction().execute(async (trx) => {
    const notices = await ensureNotices(trx, [
      ...data.batches.map((b) => b.notice),
      ...data.institutions.flatMap((s) => s.history.flatMap((h) => (h.notice ? [h.notice] : []))),
    ])
    const noticeId = (n: { title: string; date: string } | undefined) => (n ? notices.get(noticeKey(n)) ?? null : null)
    if (data.batches.length) {
      await trx
        .insertInto('batches')
        .values(data.batches.map((b) => ({ no: b.no, date: b.date, title: b.title, notice: b.notice.title, notice_id: noticeId(b.notice) })))
        .execute()
    }
    const load = async () => {
      let next = await chunkRows(data.institutions.slice(0, perStatement), noticeId)
      for (let i = 0; i < data.institutions.length; i += perStatement) {
        const rows = next
        const writing = (async () => {
          await insertColumns(trx, 'institutions', INSTITUTION_COLUMNS, rows.institutions)
          await insertColumns(trx, 'institution_sites', SITE_COLUMNS, rows.sites)
          await insertColumns(trx, 'institution_status_history', HISTORY_COLUMNS, rows.history)
        })()
        // Both settle before the next round; a failed write is thrown by Promise.all.
        ;[, next] = await Promise.all([writing, chunkRows(data.institutions.slice(i + perStatement, i + 2 * perStatement), noticeId)])
      }
      written = Date.now()
    }
    const rebuild = data.institutions.length >= (opts.rebuildIndexesFrom ?? REBUILD_INDEXES_FROM) && (await isEmpty(trx))
    if (rebuild) await withGramHeadsAfter(trx, () => withChecksAfter(trx, ['institutions', 'institution_sites', 'institution_status_history'], load))
    else await load()
    return rebuild
  })
  // Every statement of the load updated the kept counts: their live rows are rewritten together (migration 030).
  // Only after the commit: inside the load's transaction the versions its own statements replaced are not dead yet,
  // so CLUSTER copied them all (at a million name_gram_filter_counts stayed 362 MB, 46,396 pages for 164,877 rows,
  // against 2,655 pages rewritten after; institution_counts 131 pages for its 90 rows, which every nearby page sums).
  if (bulk) await compactKeptCounts(db)
  await sql`ANALYZE`.execute(db)
  // Writing the rows, then restoring indexes and keys (bulk path), commit and ANALYZE: what the seed reports.
  return { institutions: data.institutions.length, writeMs: written - t0, checksMs: Date.now() - written }
}

const INSTITUTION_COLUMNS: Record<string, ColumnType> = {
  id: 'text', name: 'text', name_pinyin: 'text', name_initials: 'text', name_grams: 'text[]', uscc: 'text', license_no: 'text',
  category: 'text', district: 'text', status: 'text', status_as_of: 'date', scope: 'text', address: 'text', lat: 'float8', lng: 'float8',
  phone: 'text', escrow_bank: 'text', escrow_account_name: 'text', batch_no: 'int4', blacklist_reason: 'text', blacklist_date: 'date',
  blacklist_notice: 'text', blacklist_notice_id: 'text',
}
const SITE_COLUMNS: Record<string, ColumnType> = { institution_id: 'text', ord: 'int4', address: 'text', district: 'text', lat: 'float8', lng: 'float8' }
const HISTORY_COLUMNS: Record<string, ColumnType> = { institution_id: 'text', status: 'text', at: 'date', notice: 'text', notice_id: 'text', note: 'text', source: 'text' }

/** One chunk's rows for the three tables. Yields to the event loop now and then, so the previous chunk's statement
 *  is sent and answered while this one is computed. */
async function chunkRows(chunk: SampleData['institutions'], noticeId: (n: { title: string; date: string } | undefined) => string | null) {
  const institutions: Record<string, unknown>[] = []
  const sites: Record<string, unknown>[] = []
  const history: Record<string, unknown>[] = []
  for (let k = 0; k < chunk.length; k++) {
    if (k % 500 === 499) await new Promise((resolve) => setImmediate(resolve))
    const s = chunk[k]
    const id = randomUUID()
    const last = s.history[s.history.length - 1]
    const blacklisted = s.status === 'blacklisted'
    institutions.push({
      id, name: s.name, ...nameSearchColumns(s.name), uscc: s.uscc, license_no: s.licenseNo, category: s.category, district: s.district, status: s.status,
      status_as_of: s.statusAsOf, scope: s.scope, address: s.address, lat: s.lat, lng: s.lng, phone: s.phone, escrow_bank: s.escrowBank,
      escrow_account_name: s.escrowAccountName, batch_no: s.batchNo ?? null, blacklist_reason: s.blacklistReason ?? null,
      blacklist_date: blacklisted ? last?.at ?? s.statusAsOf : null, blacklist_notice: blacklisted ? last?.notice?.title ?? null : null,
      blacklist_notice_id: blacklisted ? noticeId(last?.notice) : null,
    })
    s.sites.forEach((site, ord) => sites.push({ institution_id: id, ord, ...site }))
    for (const h of s.history) history.push({ institution_id: id, status: h.status, at: h.at, notice: h.notice?.title ?? null, notice_id: noticeId(h.notice), note: h.note ?? null, source: 'sample' })
  }
  return { institutions, sites, history }
}

/** The sample 曝光台: cases about sample institutions are linked to them by USCC. */
export async function loadSampleCases(db: Kysely<Database>, cases: CaseSeed[]): Promise<number> {
  if (!cases.length) return 0
  const codes = [...new Set(cases.flatMap((c) => (c.uscc ? [c.uscc] : [])))]
  const notices = await ensureNotices(db, cases.map((c) => c.notice))
  const ids = new Map(
    codes.length ? (await db.selectFrom('institutions').select(['id', 'uscc']).where('uscc', 'in', codes).execute()).map((r) => [r.uscc, r.id]) : [],
  )
  await db
    .insertInto('violation_cases')
    .values(
      cases.map((c) => ({
        date: c.date,
        entity_name: c.entityName,
        institution_id: (c.uscc && ids.get(c.uscc)) || null,
        district: c.district,
        category: c.category ?? null,
        type: c.type,
        facts: c.facts,
        outcome: c.outcome,
        department: c.department,
        notice: c.notice.title,
        notice_id: notices.get(noticeKey(c.notice)) ?? null,
      })),
    )
    .execute()
  return cases.length
}

export async function hasCases(db: Kysely<Database>): Promise<boolean> {
  return !!(await db.selectFrom('violation_cases').select('id').limit(1).executeTakeFirst())
}
