// Parses a published white/black list (CSV or XLSX, Chinese headers) into rows for the importer.
// All-or-nothing: every problem in the file is reported with its row number and column, and if there
// is any problem no rows are returned. The format is documented in docs/import-format.md.
import ExcelJS from 'exceljs'
import { parse as parseCsv } from 'csv-parse/sync'
import {
  DISTRICT_LABEL,
  DISTRICTS,
  type Category,
  type District,
  type InstitutionStatus,
} from '../../../src/domain/catalog'
import { LICENSE_PATTERN } from '../../../src/domain/query'
import { describeUsccProblem, normaliseUscc, usccProblem } from '../../../src/domain/uscc'

export interface ImportRow {
  /** 1-based row number as staff see it in Excel: the header is row 1, the first data row is row 2. */
  row: number
  name: string
  uscc: string
  licenseNo: string
  category: Category
  district: District
  address: string
  scope?: string
  phone?: string
  escrowBank?: string
  escrowAccountName?: string
  status?: InstitutionStatus
  reason?: string
  lat?: number
  lng?: number
}

export interface ImportProblem {
  /** Row number as in Excel; 0 for problems with the file as a whole. */
  row: number
  /** The Chinese column header (as written in the file), or 文件 for the file as a whole. */
  field: string
  /** Chinese, for staff. */
  message: string
}

/** One problem as staff read it, in the CLI's report and in the workbench's refusal: 第12行【办学许可证号】… */
export function describeImportProblem(p: ImportProblem): string {
  return `${p.row ? `第${p.row}行` : '文件'}【${p.field}】${p.message}`
}

export type ParseResult = { ok: true; rows: ImportRow[] } | { ok: false; problems: ImportProblem[] }

export const MAX_IMPORT_ROWS = 20_000
/** Rough bounds of Xiamen's land area (all six districts). */
export const XIAMEN_BOUNDS = { minLat: 24.3, maxLat: 24.95, minLng: 117.85, maxLng: 118.45 }

type Field =
  | 'name'
  | 'uscc'
  | 'licenseNo'
  | 'category'
  | 'district'
  | 'address'
  | 'scope'
  | 'phone'
  | 'escrowBank'
  | 'escrowAccountName'
  | 'status'
  | 'reason'
  | 'lat'
  | 'lng'

/** Canonical header first, then accepted aliases. */
export const COLUMNS: Record<Field, { header: string; aliases: string[]; required: boolean }> = {
  name: { header: '机构名称', aliases: ['机构全称', '名称', '培训机构名称'], required: true },
  uscc: { header: '统一社会信用代码', aliases: ['社会信用代码', '信用代码', '统一代码'], required: true },
  licenseNo: { header: '办学许可证号', aliases: ['许可证号', '办学许可证编号', '许可证编号', '办学许可证'], required: true },
  category: { header: '培训类别', aliases: ['类别', '培训类型', '类型'], required: true },
  district: { header: '所在区', aliases: ['行政区', '所属区', '辖区', '区'], required: true },
  address: { header: '地址', aliases: ['办学地址', '培训地址', '机构地址', '场所地址'], required: true },
  scope: { header: '培训范围', aliases: ['办学范围', '培训内容', '培训项目'], required: false },
  phone: { header: '联系电话', aliases: ['电话', '联系方式'], required: false },
  escrowBank: { header: '监管银行', aliases: ['资金监管银行', '预收费监管银行'], required: false },
  escrowAccountName: { header: '监管账户名称', aliases: ['监管账户名', '监管账户', '资金监管账户名称'], required: false },
  status: { header: '状态', aliases: ['机构状态'], required: false },
  reason: { header: '黑名单原因', aliases: ['原因', '列入原因', '列入黑名单原因'], required: false },
  lat: { header: '纬度', aliases: [], required: false },
  lng: { header: '经度', aliases: [], required: false },
}

const HEADER_LOOKUP = new Map<string, Field>()
for (const [field, col] of Object.entries(COLUMNS) as [Field, (typeof COLUMNS)[Field]][]) {
  for (const h of [col.header, ...col.aliases]) HEADER_LOOKUP.set(h, field)
}

const CATEGORY_VALUES: Record<string, Category> = {
  文化艺术: 'arts',
  艺术: 'arts',
  文化: 'arts',
  文艺: 'arts',
  arts: 'arts',
  体育: 'sports',
  sports: 'sports',
  科技: 'science',
  科学技术: 'science',
  science: 'science',
}

const STATUS_VALUES: Record<string, InstitutionStatus> = {
  白名单: 'approved',
  已审批: 'approved',
  审批通过: 'approved',
  approved: 'approved',
  审批中: 'pending',
  待审批: 'pending',
  pending: 'pending',
  停业整改: 'suspended',
  整改中: 'suspended',
  suspended: 'suspended',
  已注销: 'revoked',
  注销: 'revoked',
  已吊销: 'revoked',
  吊销: 'revoked',
  revoked: 'revoked',
  黑名单: 'blacklisted',
  blacklisted: 'blacklisted',
}

/** Licence mark → category whose department issues it (教 = education bureau, before the transfer: any). */
const LICENSE_MARK_CATEGORY: Record<string, Category | undefined> = { 文: 'arts', 体: 'sports', 科: 'science' }
const CATEGORY_NAME: Record<Category, string> = { arts: '文化艺术', sports: '体育', science: '科技' }
const MARK_DEPARTMENT: Record<string, string> = { 文: '文化和旅游部门', 体: '体育部门', 科: '科学技术部门' }

/** How many leading rows may sit above the header (a title like 第3批白名单 merged across the columns). */
const HEADER_SEARCH_ROWS = 10
const MAX_TEXT = 200

/** A sheet as rows of trimmed cell text; rowNumbers[i] is the Excel row number of rows[i]. */
interface Sheet {
  rows: string[][]
  rowNumbers: number[]
  /** Columns whose cell held a number in the spreadsheet (long codes lose digits that way). */
  numericCells?: Set<string>
}

export async function parseInstitutionList(bytes: Uint8Array, fileName: string): Promise<ParseResult> {
  const ext = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase()
  let sheet: Sheet
  try {
    if (ext === 'csv') sheet = readCsv(bytes)
    else if (ext === 'xlsx') sheet = await readXlsx(bytes)
    else {
      const what = ext ? `“.${ext}”格式` : '没有扩展名的文件'
      return fail([{ row: 0, field: '文件', message: `不支持${what}，请上传 .csv（UTF-8 或 GBK 编码）或 .xlsx（Excel 2007 及以上）文件` }])
    }
  } catch (e) {
    const kind = ext === 'csv' ? 'CSV' : 'Excel'
    return fail([{ row: 0, field: '文件', message: `无法读取该${kind}文件，请确认文件未损坏、格式正确（${shortError(e)}）` }])
  }
  return parseSheet(sheet)
}

function fail(problems: ImportProblem[]): ParseResult {
  return { ok: false, problems }
}

function shortError(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e)
  return msg.length > 120 ? `${msg.slice(0, 120)}…` : msg
}

// ---------------------------------------------------------------------------------------------
// Reading

function decodeText(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes) // strips a UTF-8 BOM
  if (!utf8.includes('\uFFFD')) return utf8
  // Excel on Chinese Windows saves "CSV" in GBK; GB18030 is a superset.
  try {
    const gb = new TextDecoder('gb18030').decode(bytes)
    if (!gb.includes('\uFFFD')) return gb
  } catch {
    // Node without full ICU: fall through to the UTF-8 text.
  }
  return utf8
}

function readCsv(bytes: Uint8Array): Sheet {
  const text = decodeText(bytes).replace(/^\uFEFF/, '')
  const records: string[][] = parseCsv(text, {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  })
  // Excel shows one record per row, so the record index is the row number (quoted line breaks included).
  return { rows: records.map((r) => r.map((c) => c.trim())), rowNumbers: records.map((_, i) => i + 1) }
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const wb = new ExcelJS.Workbook()
  // exceljs's typings predate Buffer<ArrayBufferLike>; the value is a Node Buffer either way.
  await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer)
  const ws = wb.worksheets[0]
  const rows: string[][] = []
  const rowNumbers: number[] = []
  const numericCells = new Set<string>()
  if (!ws) return { rows, rowNumbers, numericCells }
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value)
      if (typeof cell.value === 'number') numericCells.add(`${rowNumber}:${col - 1}`)
    })
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = ''
    rows.push(cells)
    rowNumbers.push(rowNumber)
  })
  return { rows, rowNumbers, numericCells }
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (v instanceof Date) return v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('').trim()
    if ('formula' in v || 'sharedFormula' in v) {
      const r = (v as ExcelJS.CellFormulaValue).result
      return r === undefined || r === null || typeof r === 'object' ? (r instanceof Date ? r.toISOString().slice(0, 10) : '') : String(r).trim()
    }
    if ('text' in v && typeof v.text === 'string') return v.text.trim() // hyperlink
    if ('error' in v) return ''
  }
  return String(v).trim()
}

// ---------------------------------------------------------------------------------------------
// Checking

function normaliseHeader(h: string): string {
  return h
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/[（(](必填|选填|可选|可不填)[）)]/g, '')
}

/** Full-width digits and letters (from Chinese input methods) to ASCII; only for codes and numbers. */
function halfWidth(s: string): string {
  return s.normalize('NFKC')
}

function isBlank(cells: string[]): boolean {
  return cells.every((c) => c === '')
}

function parseSheet(sheet: Sheet): ParseResult {
  const { rows, rowNumbers } = sheet
  // The header is the first row (within the first few) that names the 机构名称 column.
  let headerIdx = -1
  for (let i = 0; i < Math.min(rows.length, HEADER_SEARCH_ROWS); i++) {
    if (rows[i].some((c) => HEADER_LOOKUP.get(normaliseHeader(c)) === 'name')) {
      headerIdx = i
      break
    }
  }
  if (headerIdx < 0) headerIdx = rows.findIndex((r) => !isBlank(r))
  if (headerIdx < 0) return fail([{ row: 0, field: '文件', message: '文件是空的：第1行应为表头（机构名称、统一社会信用代码……），其后每行一个机构' }])

  const headerRow = rowNumbers[headerIdx]
  const problems: ImportProblem[] = []
  const colOf = new Map<Field, { index: number; header: string }>()
  rows[headerIdx].forEach((raw, index) => {
    const header = raw.trim()
    const field = HEADER_LOOKUP.get(normaliseHeader(header))
    if (!field) return // extra columns such as 序号 or 备注 are ignored
    const earlier = colOf.get(field)
    if (earlier) {
      problems.push({
        row: headerRow,
        field: header,
        message: `“${header}”列与“${earlier.header}”列都表示${COLUMNS[field].header}，请只保留一列`,
      })
      return
    }
    colOf.set(field, { index, header })
  })
  for (const [field, col] of Object.entries(COLUMNS) as [Field, (typeof COLUMNS)[Field]][]) {
    if (col.required && !colOf.has(field)) {
      const aka = col.aliases.length ? `（也可写作：${col.aliases.slice(0, 2).join('、')}）` : ''
      problems.push({ row: headerRow, field: col.header, message: `缺少必填列“${col.header}”${aka}` })
    }
  }
  const latCol = colOf.get('lat')
  const lngCol = colOf.get('lng')
  if (!!latCol !== !!lngCol) {
    const missing = latCol ? '经度' : '纬度'
    problems.push({ row: headerRow, field: missing, message: `有“${latCol ? '纬度' : '经度'}”列但缺少“${missing}”列，两列应同时提供` })
  }
  if (problems.length) return fail(problems)

  const dataIdx: number[] = []
  for (let i = headerIdx + 1; i < rows.length; i++) if (!isBlank(rows[i])) dataIdx.push(i)
  if (dataIdx.length === 0) return fail([{ row: 0, field: '文件', message: '表头之后没有数据行' }])
  if (dataIdx.length > MAX_IMPORT_ROWS) {
    return fail([
      {
        row: 0,
        field: '文件',
        message: `数据行过多：共${dataIdx.length}行，一次最多导入${MAX_IMPORT_ROWS}行，请拆分为多个文件`,
      },
    ])
  }

  const out: ImportRow[] = []
  const seenUscc = new Map<string, number>()
  const seenLicense = new Map<string, number>()

  for (const i of dataIdx) {
    const cells = rows[i]
    const rowNo = rowNumbers[i]
    const header = (f: Field) => colOf.get(f)?.header ?? COLUMNS[f].header
    const get = (f: Field) => {
      const c = colOf.get(f)
      return c ? (cells[c.index] ?? '').trim() : ''
    }
    const problem = (f: Field, message: string) => problems.push({ row: rowNo, field: header(f), message })

    // 机构名称
    const name = get('name').replace(/\s+/g, ' ')
    if (!name) problem('name', '机构名称不能为空')
    else if (name.length > MAX_TEXT) problem('name', `机构名称过长（${name.length}字），最多${MAX_TEXT}字`)

    // 统一社会信用代码
    const usccRaw = get('uscc')
    const uscc = normaliseUscc(halfWidth(usccRaw))
    if (!uscc) problem('uscc', '统一社会信用代码不能为空')
    else {
      const p = usccProblem(uscc)
      if (p) {
        const c = colOf.get('uscc')
        const numeric = c && sheet.numericCells?.has(`${rowNo}:${c.index}`)
        problem('uscc', describeUsccProblem(p) + (numeric ? '（该单元格是数字格式，长数字会被 Excel 截断，请将此列设为“文本”后重新录入）' : ''))
      }
      const earlier = seenUscc.get(uscc)
      if (earlier !== undefined) problem('uscc', `统一社会信用代码 ${uscc} 与第${earlier}行重复`)
      else seenUscc.set(uscc, rowNo)
    }

    // 培训类别
    const categoryRaw = get('category')
    const category = CATEGORY_VALUES[categoryRaw.replace(/\s+/g, '').replace(/类$/, '')] as Category | undefined
    if (!categoryRaw) problem('category', '培训类别不能为空，应为“文化艺术”“体育”或“科技”')
    else if (!category) problem('category', `培训类别“${categoryRaw}”无法识别，应为“文化艺术”“体育”或“科技”`)

    // 办学许可证号
    let licenseNo = halfWidth(get('licenseNo')).replace(/\s+/g, '')
    if (!licenseNo) problem('licenseNo', '办学许可证号不能为空')
    else if (!LICENSE_PATTERN.test(licenseNo)) {
      problem('licenseNo', `办学许可证号“${licenseNo}”格式不对，应为审批部门简称（文/体/科/教）+“民”+数字+“号”，例如“文民3502031230045号”`)
    } else {
      if (!licenseNo.endsWith('号')) licenseNo += '号'
      const markCategory = LICENSE_MARK_CATEGORY[licenseNo[0]]
      if (category && markCategory && markCategory !== category) {
        problem(
          'licenseNo',
          `办学许可证号以“${licenseNo[0]}”开头，应由${MARK_DEPARTMENT[licenseNo[0]]}审批，与培训类别“${CATEGORY_NAME[category]}”不一致`,
        )
      }
      const earlier = seenLicense.get(licenseNo)
      if (earlier !== undefined) problem('licenseNo', `办学许可证号 ${licenseNo} 与第${earlier}行重复`)
      else seenLicense.set(licenseNo, rowNo)
    }

    // 所在区
    const districtRaw = get('district')
    const district = parseDistrict(districtRaw)
    if (!districtRaw) problem('district', '所在区不能为空')
    else if (!district) {
      problem('district', `“${districtRaw}”不是厦门市的行政区，应为${DISTRICTS.map((d) => DISTRICT_LABEL[d]).join('、')}之一`)
    }

    // 地址
    const address = get('address')
    if (!address) problem('address', '地址不能为空')
    else if (address.length > MAX_TEXT) problem('address', `地址过长（${address.length}字），最多${MAX_TEXT}字`)

    // 状态 and 黑名单原因
    const statusRaw = get('status').replace(/\s+/g, '')
    const status: InstitutionStatus | undefined = statusRaw ? STATUS_VALUES[statusRaw] : 'approved'
    if (!status) problem('status', `状态“${statusRaw}”无法识别，应为白名单、审批中、停业整改、已注销或黑名单（不填表示白名单）`)
    const reason = get('reason')
    if (status === 'blacklisted' && !reason) {
      problems.push({
        row: rowNo,
        field: colOf.get('reason')?.header ?? COLUMNS.reason.header,
        message: '状态为黑名单时必须填写黑名单原因',
      })
    }

    // 纬度 / 经度
    let lat: number | undefined
    let lng: number | undefined
    if (latCol && lngCol) {
      const latRaw = halfWidth(get('lat'))
      const lngRaw = halfWidth(get('lng'))
      if (latRaw || lngRaw) {
        if (!latRaw) problem('lat', '填写了经度但缺少纬度，两者应同时填写或同时留空')
        if (!lngRaw) problem('lng', '填写了纬度但缺少经度，两者应同时填写或同时留空')
        if (latRaw) lat = coordinate(latRaw, XIAMEN_BOUNDS.minLat, XIAMEN_BOUNDS.maxLat, '纬度', (m) => problem('lat', m))
        if (lngRaw) lng = coordinate(lngRaw, XIAMEN_BOUNDS.minLng, XIAMEN_BOUNDS.maxLng, '经度', (m) => problem('lng', m))
      }
    }

    // Once anything is wrong no rows are returned, so stop building them (but keep checking).
    if (problems.length > 0) continue
    const row: ImportRow = { row: rowNo, name, uscc, licenseNo, category: category!, district: district!, address }
    const optional = (f: 'scope' | 'phone' | 'escrowBank' | 'escrowAccountName') => {
      const v = get(f)
      if (v) row[f] = v
    }
    optional('scope')
    optional('phone')
    optional('escrowBank')
    optional('escrowAccountName')
    row.status = status
    if (reason) row.reason = reason
    if (lat !== undefined && lng !== undefined) {
      row.lat = lat
      row.lng = lng
    }
    out.push(row)
  }

  return problems.length ? fail(problems) : { ok: true, rows: out }
}

function parseDistrict(raw: string): District | undefined {
  const s = raw.replace(/\s+/g, '').replace(/^(福建省)?厦门市?/, '')
  if (!s) return undefined
  const withQu = s.endsWith('区') ? s : `${s}区`
  return DISTRICTS.find((d) => DISTRICT_LABEL[d] === withQu || d === s.toLowerCase())
}

function coordinate(raw: string, min: number, max: number, label: string, report: (m: string) => void): number | undefined {
  const v = Number(raw.replace(/[°\s]/g, ''))
  if (!Number.isFinite(v) || raw.trim() === '') {
    report(`${label}“${raw}”不是数字，请填写十进制度数，例如 ${label === '纬度' ? '24.4798' : '118.0894'}`)
    return undefined
  }
  if (v < min || v > max) {
    report(`${label} ${v} 不在厦门市范围内（${min}～${max}），请检查是否把经纬度填反`)
    return undefined
  }
  return v
}
