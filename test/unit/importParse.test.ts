import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { parseInstitutionList, type ImportProblem, type ParseResult } from '../../cloud/services/institutionImport/parse'
import { usccCheckChar } from '../../src/domain/uscc'

const FIXTURES = join(__dirname, '..', 'fixtures', 'import')
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)))
const utf8 = (text: string) => new TextEncoder().encode(text)

function problemsOf(result: ParseResult): ImportProblem[] {
  if (result.ok) throw new Error(`expected problems, got ${result.rows.length} rows`)
  return result.problems
}

function rowsOf(result: ParseResult) {
  if (!result.ok) throw new Error(`expected rows, got problems: ${JSON.stringify(result.problems)}`)
  return result.rows
}

function uscc(region: string, org: string, nonProfit = false): string {
  const first17 = (nonProfit ? '52' : '91') + region + org
  return first17 + usccCheckChar(first17)
}

const HEADER = ['机构名称', '统一社会信用代码', '办学许可证号', '培训类别', '所在区', '地址', '培训范围', '状态', '黑名单原因', '纬度', '经度']
const A = uscc('350203', 'MA2Y3K7Q1')
const B = uscc('350206', 'MJ0P4N8R2', true)
const C = uscc('350211', 'MA31X5T9L')

describe('parseInstitutionList', () => {
  it('parses a valid UTF-8 CSV with a BOM, skipping the blank line and keeping Excel row numbers', async () => {
    const rows = rowsOf(await parseInstitutionList(fixture('whitelist-valid.csv'), 'whitelist-valid.csv'))
    expect(rows.map((r) => r.row)).toEqual([2, 3, 5, 6, 7])
    expect(rows[0]).toMatchObject({
      name: '厦门市南光象棋体育俱乐部',
      uscc: '91350213MAHPYHRDKJ',
      licenseNo: '体民3502132477107号',
      category: 'sports',
      district: 'xiangan',
      address: '厦门市翔安区舫山南路281号1层101室',
      scope: '中国象棋、国际象棋',
      phone: '13739616627',
      escrowBank: '中国建设银行厦门市分行',
      escrowAccountName: '厦门市南光象棋体育俱乐部预收费资金监管专户',
      status: 'approved',
      lat: 24.64017,
      lng: 118.263668,
    })
    // 所在区 written without 区, a quoted scope containing a comma
    expect(rows[1]).toMatchObject({ district: 'haicang', scope: '乒乓球（少儿），含暑期班' })
    expect(rows[2].status).toBe('pending')
    expect(rows[3]).toMatchObject({ status: 'blacklisted', reason: '超额预收费后停业，拒不退费' })
    // empty 状态 means 白名单; a lower-case code with a space is normalised; no coordinates given
    expect(rows[4]).toMatchObject({ status: 'approved', uscc: '91350206MAD91DPTGW', category: 'arts', district: 'huli' })
    expect(rows[4].lat).toBeUndefined()
    expect(rows[4].lng).toBeUndefined()
  })

  it('reads a GBK-encoded CSV as saved by Excel on Chinese Windows', async () => {
    const rows = rowsOf(await parseInstitutionList(fixture('whitelist-gbk.csv'), 'list.CSV'))
    expect(rows.map((r) => [r.row, r.name, r.district])).toEqual([
      [2, '厦门市南光象棋体育俱乐部', 'xiangan'],
      [3, '厦门榕航乒乓球培训中心', 'haicang'],
    ])
  })

  it('parses a valid XLSX from its first worksheet, with a title row above the header', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('第3批白名单')
    ws.addRow(['第3批非学科类校外培训机构白名单'])
    ws.addRow([...HEADER, '备注'])
    ws.addRow(['厦门星屿舞蹈培训中心', A, '文民3502031230045号', '文化艺术', '思明区', '厦门市思明区湖滨南路388号3层301室', '中国舞、拉丁舞（少儿）', '白名单', '', 24.4512, 118.0903, '示例'])
    ws.addRow([])
    ws.addRow(['厦门鹿鸣马术俱乐部', B, '体民3502061230046', '体育', '湖里', '厦门市湖里区枋湖路100号', '', '停业整改', '', '', ''])
    ws.addRow([{ richText: [{ text: '知行编程' }, { text: '科技培训中心' }] }, C, '科民3502111230047号', '科学技术', '集美区', '厦门市集美区杏林湾路1号', '', '', '', '', ''])
    wb.addWorksheet('说明').addRow(['这一页不读'])
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer())

    const rows = rowsOf(await parseInstitutionList(bytes, '白名单.xlsx'))
    expect(rows).toEqual([
      {
        row: 3,
        name: '厦门星屿舞蹈培训中心',
        uscc: A,
        licenseNo: '文民3502031230045号',
        category: 'arts',
        district: 'siming',
        address: '厦门市思明区湖滨南路388号3层301室',
        scope: '中国舞、拉丁舞（少儿）',
        status: 'approved',
        lat: 24.4512,
        lng: 118.0903,
      },
      {
        row: 5,
        name: '厦门鹿鸣马术俱乐部',
        uscc: B,
        licenseNo: '体民3502061230046号',
        category: 'sports',
        district: 'huli',
        address: '厦门市湖里区枋湖路100号',
        status: 'suspended',
      },
      {
        row: 6,
        name: '知行编程科技培训中心',
        uscc: C,
        licenseNo: '科民3502111230047号',
        category: 'science',
        district: 'jimei',
        address: '厦门市集美区杏林湾路1号',
        status: 'approved',
      },
    ])
  })

  it('reports a bad check digit, an unknown district and a duplicate USCC with their rows and columns, and returns no rows', async () => {
    const problems = problemsOf(await parseInstitutionList(fixture('whitelist-problems.csv'), 'whitelist-problems.csv'))
    expect(problems).toHaveLength(3)
    expect(problems[0]).toEqual({
      row: 3,
      field: '统一社会信用代码',
      message: '校验位不符：第18位应为“D”，实为“0”，请核对是否输错',
    })
    expect(problems[1]).toMatchObject({ row: 5, field: '所在区' })
    expect(problems[1].message).toContain('杏林区')
    expect(problems[1].message).toContain('思明区')
    expect(problems[2]).toMatchObject({ row: 6, field: '统一社会信用代码' })
    expect(problems[2].message).toContain('第2行')
  })

  it('reports every problem in a row and across rows, not just the first', async () => {
    const csv = [
      HEADER.join(','),
      `,${A.slice(0, 17)},文民123号,舞蹈,鼓浪屿区,,,已关门,,24.4,118.1`,
      `厦门启明美术培训中心,${B},文民3502061230099号,文化艺术,湖里区,厦门市湖里区仙岳路1号,,黑名单,,118.1,24.4`,
      `厦门启明书法培训中心,${C},文民3502061230099号,体育,集美区,厦门市集美区银江路2号,,,,,`,
    ].join('\n')
    const problems = problemsOf(await parseInstitutionList(utf8(csv), 'x.csv'))
    const at = (row: number) => problems.filter((p) => p.row === row).map((p) => p.field)
    expect(at(2)).toEqual(['机构名称', '统一社会信用代码', '培训类别', '办学许可证号', '所在区', '地址', '状态'])
    expect(problems.find((p) => p.row === 2 && p.field === '统一社会信用代码')?.message).toBe('统一社会信用代码应为18位，您输入了17位')
    expect(at(3)).toEqual(['黑名单原因', '纬度', '经度'])
    // row 4: the licence duplicates row 3, and 文 (culture) does not match 体育
    expect(at(4)).toEqual(['办学许可证号', '办学许可证号'])
    expect(problems.filter((p) => p.row === 4).map((p) => p.message).join(' ')).toMatch(/第3行/)
  })

  it('requires a reason for a blacklisted row, under whichever reason header the file uses', async () => {
    const csv = [
      '机构名称,统一社会信用代码,许可证号,类别,行政区,地址,状态,原因',
      `厦门青禾舞蹈培训中心,${A},文民3502031230045号,艺术,思明,厦门市思明区厦禾路1号,黑名单,`,
      `厦门青禾美术培训中心,${B},文民3502061230046号,文化,湖里,厦门市湖里区吕岭路2号,黑名单,以思维训练名义开展学科类培训`,
    ].join('\r\n')
    const problems = problemsOf(await parseInstitutionList(utf8(csv), 'black.csv'))
    expect(problems).toEqual([{ row: 2, field: '原因', message: '状态为黑名单时必须填写黑名单原因' }])
  })

  it('names each missing required column', async () => {
    const csv = ['机构名称,统一社会信用代码,培训类别,地址', `厦门青禾舞蹈培训中心,${A},文化艺术,厦门市思明区厦禾路1号`].join('\n')
    const problems = problemsOf(await parseInstitutionList(utf8(csv), 'list.csv'))
    expect(problems.map((p) => [p.row, p.field])).toEqual([
      [1, '办学许可证号'],
      [1, '所在区'],
    ])
    expect(problems[0].message).toContain('缺少必填列“办学许可证号”')
  })

  it('rejects an unsupported extension with one problem naming the accepted formats', async () => {
    const problems = problemsOf(await parseInstitutionList(utf8('whatever'), '白名单.xls'))
    expect(problems).toHaveLength(1)
    expect(problems[0].row).toBe(0)
    expect(problems[0].message).toContain('.xls')
    expect(problems[0].message).toContain('.csv')
    expect(problems[0].message).toContain('.xlsx')
  })

  it('reports a damaged XLSX as one problem instead of throwing', async () => {
    const problems = problemsOf(await parseInstitutionList(utf8('not a zip'), 'list.xlsx'))
    expect(problems).toHaveLength(1)
    expect(problems[0].row).toBe(0)
  })

  it('refuses more than 20,000 data rows with a single problem', async () => {
    const line = `厦门青禾舞蹈培训中心,${A},文民3502031230045号,文化艺术,思明区,厦门市思明区厦禾路1号`
    const csv = ['机构名称,统一社会信用代码,办学许可证号,培训类别,所在区,地址', ...Array<string>(20_001).fill(line)].join('\n')
    const problems = problemsOf(await parseInstitutionList(utf8(csv), 'big.csv'))
    expect(problems).toHaveLength(1)
    expect(problems[0].message).toContain('20000')
  })

  it('reports a file with only a header as having no data', async () => {
    const problems = problemsOf(await parseInstitutionList(utf8(HEADER.join(',') + '\n\n'), 'empty.csv'))
    expect(problems).toHaveLength(1)
  })
})
