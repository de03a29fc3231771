// Loads the fictional sample data (content/sample) into an empty database: the demo and the benchmarks.
import { sql, type Kysely } from 'kysely'
import type { SampleData } from '../../content/sample/types'
import type { CaseSeed } from '../../content/sample/cases'
import type { Database } from '../store/schema'
import { nameSearchColumns } from '../store/searchText'
import { ensureNotices, noticeKey } from './notices'

const CHUNK = 500

export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('institutions').select('id').limit(1).executeTakeFirst()
  return !row
}

/** Inserts everything in one transaction: a half-loaded demo is worse than none. */
export async function loadSample(db: Kysely<Database>, data: SampleData): Promise<{ institutions: number }> {
  await db.transaction().execute(async (trx) => {
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
    for (let i = 0; i < data.institutions.length; i += CHUNK) {
      const chunk = data.institutions.slice(i, i + CHUNK)
      const ids = await trx
        .insertInto('institutions')
        .values(
          chunk.map((s) => ({
            name: s.name,
            ...nameSearchColumns(s.name),
            uscc: s.uscc,
            license_no: s.licenseNo,
            category: s.category,
            district: s.district,
            status: s.status,
            status_as_of: s.statusAsOf,
            scope: s.scope,
            address: s.address,
            lat: s.lat,
            lng: s.lng,
            phone: s.phone,
            escrow_bank: s.escrowBank,
            escrow_account_name: s.escrowAccountName,
            batch_no: s.batchNo ?? null,
            blacklist_reason: s.blacklistReason ?? null,
            blacklist_date: s.status === 'blacklisted' ? s.history[s.history.length - 1]?.at ?? s.statusAsOf : null,
            blacklist_notice: s.status === 'blacklisted' ? s.history[s.history.length - 1]?.notice?.title ?? null : null,
            blacklist_notice_id: s.status === 'blacklisted' ? noticeId(s.history[s.history.length - 1]?.notice) : null,
          })),
        )
        .returning('id')
        .execute()
      const sites = chunk.flatMap((s, k) => s.sites.map((site, ord) => ({ institution_id: ids[k].id, ord, ...site })))
      if (sites.length) await trx.insertInto('institution_sites').values(sites).execute()
      const history = chunk.flatMap((s, k) =>
        s.history.map((h) => ({
          institution_id: ids[k].id,
          status: h.status,
          at: h.at,
          notice: h.notice?.title ?? null,
          notice_id: noticeId(h.notice),
          note: h.note ?? null,
          source: 'sample',
        })),
      )
      if (history.length) await trx.insertInto('institution_status_history').values(history).execute()
    }
  })
  await sql`ANALYZE`.execute(db)
  return { institutions: data.institutions.length }
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
