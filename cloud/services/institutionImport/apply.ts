// Applies a parsed white/black list: validate every row against the database first, then write all of it in
// one transaction or nothing. Rows upsert by USCC; each status change lands in the insert-only history with its notice.
import type { Kysely, Transaction } from 'kysely'
import { DISTRICT_CENTRE } from '../../../src/domain/catalog'
import { checkStatusChange } from '../../../src/domain/institutionStatus'
import { isCalendarDate } from '../../../src/domain/calendarDate'
import type { Database } from '../../store/schema'
import { nameSearchColumns } from '../../store/searchText'
import { ensureNotice } from '../notices'
import type { ImportProblem, ImportRow } from './parse'

export interface ImportOptions {
  /** White-list batch number the approved rows belong to. */
  batch?: number
  /** The published notice the list comes from, kept with every status change. */
  notice: string
  /** Date of the notice (YYYY-MM-DD). */
  date: string
  /** Who issued the notice; by default what precedes 关于 in its title. */
  issuer?: string
  /** Its document number (文号). */
  docNo?: string
  /** Its official page (http or https). */
  url?: string
  /** Who imported it: an account id, or 'cli'. */
  source: string
}

export interface ImportSummary {
  created: number
  updated: number
  statusChanged: number
}

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; problems: ImportProblem[] }

const CHUNK = 1000

export async function applyInstitutionImport(db: Kysely<Database>, rows: ImportRow[], opts: ImportOptions): Promise<ImportOutcome> {
  const problems: ImportProblem[] = []
  if (!opts.notice.trim()) problems.push({ row: 0, field: '公告', message: '请用 --notice 注明名单出自哪份公告' })
  if (!isCalendarDate(opts.date) || opts.date < '2000-01-01') problems.push({ row: 0, field: '日期', message: '公告日期应为真实存在的 YYYY-MM-DD 日期' })
  if (opts.batch !== undefined && (!Number.isInteger(opts.batch) || opts.batch < 1 || opts.batch > 999)) {
    problems.push({ row: 0, field: '批次', message: '批次应为 1 到 999 的整数' })
  }
  if (opts.url !== undefined && !/^https?:\/\/\S+$/.test(opts.url)) problems.push({ row: 0, field: '公告链接', message: '公告链接应以 http:// 或 https:// 开头' })
  if (opts.url !== undefined && opts.url.length > 500) problems.push({ row: 0, field: '公告链接', message: '公告链接不能超过500个字符' })
  if (opts.notice.length > 300) problems.push({ row: 0, field: '公告', message: '公告名称不能超过300个字' })
  if (opts.docNo !== undefined && (!opts.docNo.trim() || opts.docNo.length > 100)) problems.push({ row: 0, field: '文号', message: '文号应为1到100个字' })
  if (problems.length) return { ok: false, problems }

  return db.transaction().execute(async (trx) => {
    const existing = await loadExisting(trx, rows)
    for (const r of rows) {
      const current = existing.byUscc.get(r.uscc)
      const holder = existing.byLicense.get(r.licenseNo)
      if (holder && holder.uscc !== r.uscc) {
        problems.push({ row: r.row, field: '办学许可证号', message: `许可证号 ${r.licenseNo} 已属于另一家机构（${holder.name}）` })
      }
      if (current) {
        const verdict = checkStatusChange(current.status, r.status ?? 'approved')
        if (!verdict.ok) problems.push({ row: r.row, field: '状态', message: verdict.message })
      }
      if ((r.status ?? 'approved') === 'approved' && opts.batch === undefined && !current?.batch_no) {
        problems.push({ row: r.row, field: '状态', message: '白名单机构需要批次：请用 --batch 注明第几批' })
      }
    }
    if (problems.length) return { ok: false as const, problems }

    const title = opts.notice.trim()
    const issuer = opts.issuer?.trim() || (title.indexOf('关于') > 0 ? title.slice(0, title.indexOf('关于')) : '')
    const noticeId = await ensureNotice(trx, { title, issuer, date: opts.date, docNo: opts.docNo?.trim(), url: opts.url })
    if (opts.batch !== undefined) {
      await trx
        .insertInto('batches')
        .values({ no: opts.batch, date: opts.date, title: `第${opts.batch}批白名单`, notice: title, notice_id: noticeId })
        .onConflict((oc) => oc.column('no').doNothing())
        .execute()
    }
    const summary: ImportSummary = { created: 0, updated: 0, statusChanged: 0 }
    for (const r of rows) {
      const status = r.status ?? 'approved'
      const current = existing.byUscc.get(r.uscc)
      const centre = DISTRICT_CENTRE[r.district]
      const fields = {
        name: r.name,
        ...nameSearchColumns(r.name),
        license_no: r.licenseNo,
        category: r.category,
        district: r.district,
        status,
        status_as_of: opts.date,
        address: r.address,
        // Without coordinates in the list, the district centre stands in until staff place the site.
        lat: r.lat ?? current?.lat ?? centre.lat,
        lng: r.lng ?? current?.lng ?? centre.lng,
        ...(r.scope !== undefined ? { scope: r.scope } : {}),
        ...(r.phone !== undefined ? { phone: r.phone } : {}),
        ...(r.escrowBank !== undefined ? { escrow_bank: r.escrowBank } : {}),
        ...(r.escrowAccountName !== undefined ? { escrow_account_name: r.escrowAccountName } : {}),
        ...(status === 'approved' && opts.batch !== undefined && current?.status !== 'approved' ? { batch_no: opts.batch } : {}),
        ...(status === 'blacklisted'
          ? { blacklist_reason: r.reason ?? '', blacklist_date: opts.date, blacklist_notice: title, blacklist_notice_id: noticeId }
          : { blacklist_reason: null, blacklist_date: null, blacklist_notice: null, blacklist_notice_id: null }),
      }
      let id: string
      if (current) {
        await trx.updateTable('institutions').set({ ...fields, updated_at: new Date() }).where('id', '=', current.id).execute()
        id = current.id
        summary.updated++
      } else {
        const inserted = await trx.insertInto('institutions').values({ uscc: r.uscc, scope: '', phone: '', ...fields }).returning('id').executeTakeFirstOrThrow()
        id = inserted.id
        summary.created++
      }
      await trx.deleteFrom('institution_sites').where('institution_id', '=', id).where('ord', '=', 0).execute()
      await trx.insertInto('institution_sites').values({ institution_id: id, ord: 0, address: r.address, district: r.district, lat: fields.lat, lng: fields.lng }).execute()
      if (!current || current.status !== status) {
        summary.statusChanged++
        await trx
          .insertInto('institution_status_history')
          .values({ institution_id: id, status, at: opts.date, notice: title, notice_id: noticeId, note: status === 'blacklisted' ? r.reason ?? null : null, source: opts.source })
          .execute()
      }
    }
    return { ok: true as const, summary }
  })
}

async function loadExisting(trx: Transaction<Database>, rows: ImportRow[]) {
  const byUscc = new Map<string, { id: string; uscc: string; name: string; status: ImportRow['status'] & string; batch_no: number | null; lat: number; lng: number }>()
  const byLicense = new Map<string, { uscc: string; name: string }>()
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK)
    const found = await trx
      .selectFrom('institutions')
      .select(['id', 'uscc', 'name', 'status', 'batch_no', 'lat', 'lng', 'license_no'])
      .where((eb) => eb.or([eb('uscc', 'in', chunk.map((r) => r.uscc)), eb('license_no', 'in', chunk.map((r) => r.licenseNo))]))
      .execute()
    for (const f of found) {
      if (chunk.some((r) => r.uscc === f.uscc)) byUscc.set(f.uscc, f)
      byLicense.set(f.license_no, { uscc: f.uscc, name: f.name })
    }
  }
  return { byUscc, byLicense }
}
