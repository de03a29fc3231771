// Uploading a published white/black list from the workbench (staff.importInstitutions): the same parser and plan as
// `npm run import`. Without `confirm` it answers, row by row, what the list would change and writes nothing; with
// it, the plan is made again and written in one transaction with the audit line. A row outside the account's reach
// (its category's approving department, and the district for district staff) is a problem of that row.
import type { Kysely } from 'kysely'
import type { Account } from '../../../src/domain/api'
import { can } from '../../../src/domain/access'
import { CATEGORY_DEPARTMENT, CATEGORY_LABEL, DEPARTMENT_LABEL, DISTRICT_LABEL } from '../../../src/domain/catalog'
import { AppError } from '../../../src/domain/errors'
import { IMPORT_MAX_BYTES, IMPORT_PROBLEMS_LISTED, ImportInstitutionsSchema, type ImportInstitutionsAnswer } from '../../../src/domain/staffRecords'
import { recordAudit } from '../../store/auditRepo'
import type { Database } from '../../store/schema'
import { inTransaction } from '../../store/transaction'
import { requireCan } from '../access'
import { planInstitutionImport, writeInstitutionImport, type ImportOptions, type PlannedRow, type RowScope } from '../institutionImport/apply'
import { COLUMNS, describeImportProblem, parseInstitutionList, type ImportProblem } from '../institutionImport/parse'
import { parseInput } from '../validate'

/** 名单有 N 处问题: each problem under its row (rowN; `content` for the file as a whole), at most IMPORT_PROBLEMS_LISTED rows. */
function refusal(problems: ImportProblem[]): AppError {
  const fields: Record<string, string> = {}
  for (const p of problems) {
    const key = p.row ? `row${p.row}` : 'content'
    if (!(key in fields) && Object.keys(fields).length >= IMPORT_PROBLEMS_LISTED) continue
    fields[key] = fields[key] ? `${fields[key]}；${describeImportProblem(p)}` : describeImportProblem(p)
  }
  return new AppError('invalid_input', `名单有 ${problems.length} 处问题，未导入任何数据`, fields)
}

function rowScope(a: Account): RowScope {
  return ({ category, district }) => {
    const department = CATEGORY_DEPARTMENT[category]
    if (can(a, 'institution.import', { department, district })) return undefined
    if (a.department !== department) {
      return { field: COLUMNS.category.header, message: `${CATEGORY_LABEL[category]}类机构由${DEPARTMENT_LABEL[department]}审批，不在本账号的管辖范围内` }
    }
    return { field: COLUMNS.district.header, message: `该机构位于${DISTRICT_LABEL[district]}，不在本账号的管辖范围内（只能导入${a.district ? DISTRICT_LABEL[a.district] : '本辖区'}的机构）` }
  }
}

const previewRow = (p: PlannedRow) => ({
  row: p.row.row,
  name: p.row.name,
  uscc: p.row.uscc,
  change: p.change,
  ...(p.current ? { from: p.current.status } : {}),
  to: p.status,
})

export async function importInstitutions(db: Kysely<Database>, actor: Account | undefined, input: unknown): Promise<ImportInstitutionsAnswer> {
  const a = requireCan(actor, 'institution.import')
  const i = parseInput(ImportInstitutionsSchema, input)
  const bytes = Buffer.from(i.content, 'base64')
  if (bytes.length > IMPORT_MAX_BYTES) throw new AppError('invalid_input', `文件不能超过${IMPORT_MAX_BYTES / 1024} KB`, { content: `文件不能超过${IMPORT_MAX_BYTES / 1024} KB` })
  // Parsed before any transaction: reading a spreadsheet holds no connection.
  const parsed = await parseInstitutionList(new Uint8Array(bytes), i.fileName)
  if (!parsed.ok) throw refusal(parsed.problems)

  const opts: ImportOptions = {
    batch: i.batch,
    notice: i.notice.title,
    date: i.notice.date,
    ...(i.notice.issuer ? { issuer: i.notice.issuer } : {}),
    ...(i.notice.docNo ? { docNo: i.notice.docNo } : {}),
    ...(i.notice.url ? { url: i.notice.url } : {}),
    source: a.id,
  }
  const scope = rowScope(a)
  if (!i.confirm) {
    const planned = await planInstitutionImport(db, parsed.rows, opts, scope)
    if (!planned.ok) throw refusal(planned.problems)
    return { confirmed: false, rows: planned.plan.rows.map(previewRow), summary: planned.plan.summary }
  }
  // The plan is made again inside the transaction (the register may have moved since the preview) and written there.
  return inTransaction(db, async (trx) => {
    const planned = await planInstitutionImport(trx, parsed.rows, opts, scope)
    if (!planned.ok) throw refusal(planned.problems)
    const summary = await writeInstitutionImport(trx, planned.plan, opts)
    await recordAudit(trx, a, {
      action: 'staff.importInstitutions',
      targetType: 'institutionList',
      detail: { fileName: i.fileName, rows: parsed.rows.length, ...(i.batch !== undefined ? { batch: i.batch } : {}), notice: i.notice.title, ...summary },
    })
    return { confirmed: true as const, summary }
  })
}
