// Applies a parsed white/black list in two steps with one home each: `planInstitutionImport` checks every row against
// the database and says what each would change (the workbench's preview shows exactly this), `writeInstitutionImport`
// writes a plan. Both run in one transaction when applying, so it lands all or nothing. Rows upsert by USCC; each
// status change lands in the insert-only history with its notice. The CLI (`npm run import`) and staff.importInstitutions
// share all of it.
import { sql, type Kysely, type Selectable } from 'kysely'
import { DISTRICT_CENTRE, type Category, type District, type InstitutionStatus } from '../../../src/domain/catalog'
import { checkStatusChange } from '../../../src/domain/institutionStatus'
import { isCalendarDate } from '../../../src/domain/calendarDate'
import type { ImportChange, ImportSummary } from '../../../src/domain/staffRecords'
import type { Database, InstitutionTable } from '../../store/schema'
import { nameSearchColumns } from '../../store/searchText'
import { inTransaction } from '../../store/transaction'
import { ensureNotice } from '../notices'
import type { ImportProblem, ImportRow } from './parse'

export type { ImportSummary }

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

export type ImportOutcome = { ok: true; summary: ImportSummary } | { ok: false; problems: ImportProblem[] }

/** Whether the importer may touch an institution of this category and district; a refusal becomes that row's problem. */
export type RowScope = (at: { category: Category; district: District }) => { field: string; message: string } | undefined

type Existing = Selectable<InstitutionTable>

export interface PlannedRow {
  row: ImportRow
  /** The record the row updates (by USCC), if any. */
  current?: Existing
  status: InstitutionStatus
  change: ImportChange
}

export interface ImportPlan {
  rows: PlannedRow[]
  summary: ImportSummary
}

export type PlanOutcome = { ok: true; plan: ImportPlan } | { ok: false; problems: ImportProblem[] }

const CHUNK = 1000

/** Problems with the options themselves (the CLI's flags; the workbench's schema already refuses these). */
export function importOptionProblems(opts: ImportOptions): ImportProblem[] {
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
  return problems
}

/** CLI entry: checks the options, then plans and writes in one transaction. */
export async function applyInstitutionImport(db: Kysely<Database>, rows: ImportRow[], opts: ImportOptions): Promise<ImportOutcome> {
  const problems = importOptionProblems(opts)
  if (problems.length) return { ok: false, problems }
  return inTransaction(db, async (trx) => {
    const planned = await planInstitutionImport(trx, rows, opts)
    if (!planned.ok) return planned
    return { ok: true as const, summary: await writeInstitutionImport(trx, planned.plan, opts) }
  })
}

/**
 * What each row would change, or every problem (row by row) that stops the list. Reads only. Inside a transaction
 * it locks the records it plans to change, so nothing moves between the plan and the write.
 */
export async function planInstitutionImport(db: Kysely<Database>, rows: ImportRow[], opts: Pick<ImportOptions, 'batch'>, scope?: RowScope): Promise<PlanOutcome> {
  const problems: ImportProblem[] = []
  const existing = await loadExisting(db, rows)
  const planned: PlannedRow[] = []
  for (const r of rows) {
    const current = existing.byUscc.get(r.uscc)
    const status = r.status ?? 'approved'
    const before = problems.length
    for (const at of current ? [r, current] : [r]) {
      const refused = scope?.(at)
      if (refused && !problems.some((p) => p.row === r.row && p.message === refused.message)) problems.push({ row: r.row, ...refused })
    }
    const holder = existing.byLicense.get(r.licenseNo)
    if (holder && holder.uscc !== r.uscc) {
      problems.push({ row: r.row, field: '办学许可证号', message: `许可证号 ${r.licenseNo} 已属于另一家机构（${holder.name}）` })
    }
    if (current) {
      const verdict = checkStatusChange(current.status, status)
      if (!verdict.ok) problems.push({ row: r.row, field: '状态', message: verdict.message })
    }
    if (status === 'approved' && opts.batch === undefined && !current?.batch_no) {
      problems.push({ row: r.row, field: '状态', message: '白名单机构需要批次：请注明这份名单是第几批' })
    }
    if (problems.length === before) planned.push({ row: r, current, status, change: changeOf(r, status, current) })
  }
  if (problems.length) return { ok: false, problems }
  const summary: ImportSummary = { created: 0, updated: 0, statusChanged: 0, unchanged: 0 }
  const counter = { new: 'created', update: 'updated', status: 'statusChanged', same: 'unchanged' } as const
  for (const p of planned) summary[counter[p.change]]++
  return { ok: true, plan: { rows: planned, summary } }
}

/** A new record, a status change, other fields changed, or nothing the list says differs from the record. */
function changeOf(r: ImportRow, status: InstitutionStatus, current: Existing | undefined): ImportChange {
  if (!current) return 'new'
  if (current.status !== status) return 'status'
  const given = <T>(value: T | undefined, now: T) => value !== undefined && value !== now
  const differs =
    r.name !== current.name ||
    r.licenseNo !== current.license_no ||
    r.category !== current.category ||
    r.district !== current.district ||
    r.address !== current.address ||
    given(r.lat, current.lat) ||
    given(r.lng, current.lng) ||
    given(r.scope, current.scope) ||
    given(r.phone, current.phone) ||
    given(r.escrowBank, current.escrow_bank) ||
    given(r.escrowAccountName, current.escrow_account_name) ||
    (status === 'blacklisted' && (r.reason ?? '') !== (current.blacklist_reason ?? ''))
  return differs ? 'update' : 'same'
}

/** Writes a plan made in the same transaction; rows that change nothing are not touched. */
export async function writeInstitutionImport(trx: Kysely<Database>, plan: ImportPlan, opts: ImportOptions): Promise<ImportSummary> {
  const title = opts.notice.trim()
  const issuer = opts.issuer?.trim() || (title.indexOf('关于') > 0 ? title.slice(0, title.indexOf('关于')) : '')
  const noticeId = await ensureNotice(trx, { title, issuer, date: opts.date, docNo: opts.docNo?.trim() || undefined, url: opts.url })
  if (opts.batch !== undefined) {
    await trx
      .insertInto('batches')
      .values({ no: opts.batch, date: opts.date, title: `第${opts.batch}批白名单`, notice: title, notice_id: noticeId })
      .onConflict((oc) => oc.column('no').doNothing())
      .execute()
  }
  for (const { row: r, current, status, change } of plan.rows) {
    if (change === 'same') continue
    const centre = DISTRICT_CENTRE[r.district]
    const statusChanges = change === 'new' || change === 'status'
    const fields = {
      name: r.name,
      ...nameSearchColumns(r.name),
      license_no: r.licenseNo,
      category: r.category,
      district: r.district,
      status,
      // The date the standing holds from: moved only when the standing changes.
      ...(statusChanges ? { status_as_of: opts.date } : {}),
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
    } else {
      const inserted = await trx.insertInto('institutions').values({ uscc: r.uscc, scope: '', phone: '', status_as_of: opts.date, ...fields }).returning('id').executeTakeFirstOrThrow()
      id = inserted.id
    }
    await trx.deleteFrom('institution_sites').where('institution_id', '=', id).where('ord', '=', 0).execute()
    await trx.insertInto('institution_sites').values({ institution_id: id, ord: 0, address: r.address, district: r.district, lat: fields.lat, lng: fields.lng }).execute()
    if (statusChanges) {
      await trx
        .insertInto('institution_status_history')
        .values({ institution_id: id, status, at: opts.date, notice: title, notice_id: noticeId, note: status === 'blacklisted' ? r.reason ?? null : null, source: opts.source })
        .execute()
    }
  }
  return plan.summary
}

async function loadExisting(db: Kysely<Database>, rows: ImportRow[]) {
  // Two imports at once would both plan the same new USCC as new; inside a transaction the second waits for the first.
  if (db.isTransaction) await sql`SELECT pg_advisory_xact_lock(hashtext('institution_import'))`.execute(db)
  const byUscc = new Map<string, Existing>()
  const byLicense = new Map<string, { uscc: string; name: string }>()
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK)
    let query = db
      .selectFrom('institutions')
      .selectAll()
      .where((eb) => eb.or([eb('uscc', 'in', chunk.map((r) => r.uscc)), eb('license_no', 'in', chunk.map((r) => r.licenseNo))]))
    // A status change made by hand meanwhile waits, so the plan checked against the machine stays true.
    if (db.isTransaction) query = query.forUpdate()
    for (const f of await query.execute()) {
      if (chunk.some((r) => r.uscc === f.uscc)) byUscc.set(f.uscc, f)
      byLicense.set(f.license_no, { uscc: f.uscc, name: f.name })
    }
  }
  return { byUscc, byLicense }
}
