// staff.importInstitutions: a published list uploaded from the workbench. The preview says row by row what would
// change and writes nothing; confirming writes exactly that, all or nothing, with one audit line. Rows outside the
// account's reach are problems of their row.
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { generateSample } from '../../content/sample/generate'
import { CATEGORY_LABEL, DISTRICT_LABEL, STATUS_BADGE, type Category, type District } from '../../src/domain/catalog'
import { usccCheckChar } from '../../src/domain/uscc'
import { openApi, type ApiClient, type Via } from '../support/harness'
import type { DbKind } from '../support/databases'

const sample = generateSample()
const sportsInJimei = sample.institutions.filter((i) => i.status === 'approved' && i.category === 'sports' && i.district === 'jimei')
const [toSuspend, toUpdate, unchanged] = sportsInJimei
const black = sample.institutions.find((i) => i.status === 'blacklisted')!
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '../fixtures/import', name)).toString('base64')

interface Line {
  name: string
  uscc: string
  licenseNo: string
  category: Category
  district: District
  address: string
  status?: string
}
const HEADER = ['机构名称', '统一社会信用代码', '办学许可证号', '培训类别', '所在区', '地址', '状态']
const cells = (l: Line) => [l.name, l.uscc, l.licenseNo, CATEGORY_LABEL[l.category], DISTRICT_LABEL[l.district], l.address, l.status ?? '']
const csv = (lines: Line[]) => Buffer.from([HEADER, ...lines.map(cells)].map((r) => r.map((c) => `"${c}"`).join(',')).join('\r\n')).toString('base64')
async function xlsx(lines: Line[]): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('名单')
  for (const r of [HEADER, ...lines.map(cells)]) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
}
const known = (i: (typeof sample.institutions)[number], over: Partial<Line> = {}): Line => ({ name: i.name, uscc: i.uscc, licenseNo: i.licenseNo, category: i.category, district: i.district, address: i.address, status: STATUS_BADGE[i.status], ...over })
const fresh = (n: number, over: Partial<Line> = {}): Line => {
  const first17 = `91350211MA0NQP${String(n).padStart(3, '0')}`
  return { name: `示例导入测试${n}号游泳俱乐部`, uscc: first17 + usccCheckChar(first17), licenseNo: `体民3502119${String(n).padStart(6, '0')}号`, category: 'sports', district: 'jimei', address: `厦门市集美区示例路${n}号`, ...over }
}

describe.each<[DbKind, Via]>([
  ['pglite', 'main'],
  ['postgres', 'gateway'],
])('staff.importInstitutions on %s through %s', (kind, via) => {
  let api: ApiClient
  const tokens: Record<string, string> = {}
  let n = 0

  beforeAll(async () => {
    api = await openApi(kind, via)
    for (const who of ['citizen', 'staff-sports-jimei', 'admin']) tokens[who] = await api.login(who)
  })
  afterAll(async () => api?.close())

  const upload = (input: Record<string, unknown>, as: string | undefined) =>
    api.call('staff', { action: 'importInstitutions', fileName: '名单.csv', notice: { title: `集美区体育局关于公布校外培训机构名单的公告（测试${kind}${++n}）`, date: '2026-11-30' }, ...input }, as)
  const written = async () => {
    const count = async (t: 'institutions' | 'institution_status_history' | 'notices' | 'batches' | 'audit_log') => Number((await api.env.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const lastChange = await api.env.db.selectFrom('institutions').select((eb) => eb.fn.max('updated_at').as('at')).executeTakeFirstOrThrow()
    return {
      institutions: await count('institutions'),
      history: await count('institution_status_history'),
      notices: await count('notices'),
      batches: await count('batches'),
      audit: await count('audit_log'),
      lastChange: String(lastChange.at),
    }
  }

  it('when district staff preview a list, then each row says what would change and nothing is written; confirming writes exactly that with one audit line', async () => {
    const lines = [fresh(1), known(toSuspend, { status: '停业整改' }), known(toUpdate, { address: `${toUpdate.address}（新址）` }), known(unchanged)]
    const content = csv(lines)
    const before = await written()
    const preview = await upload({ content, batch: 9 }, tokens['staff-sports-jimei'])
    expect(preview.status).toBe(200)
    expect(preview.body.ok && preview.body.data).toEqual({
      confirmed: false,
      rows: [
        { row: 2, name: lines[0].name, uscc: lines[0].uscc, change: 'new', to: 'approved' },
        { row: 3, name: toSuspend.name, uscc: toSuspend.uscc, change: 'status', from: 'approved', to: 'suspended' },
        { row: 4, name: toUpdate.name, uscc: toUpdate.uscc, change: 'update', from: 'approved', to: 'approved' },
        { row: 5, name: unchanged.name, uscc: unchanged.uscc, change: 'same', from: 'approved', to: 'approved' },
      ],
      summary: { created: 1, updated: 1, statusChanged: 1, unchanged: 1 },
    })
    expect(await written()).toEqual(before)

    // The same list as an Excel file previews the same.
    const asXlsx = await upload({ content: await xlsx(lines), fileName: '名单.xlsx', batch: 9 }, tokens['staff-sports-jimei'])
    expect(asXlsx.body.ok && asXlsx.body.data).toEqual(preview.body.ok && preview.body.data)

    const confirmed = await upload({ content, batch: 9, confirm: true }, tokens['staff-sports-jimei'])
    expect(confirmed.body.ok && confirmed.body.data).toEqual({ confirmed: true, summary: { created: 1, updated: 1, statusChanged: 1, unchanged: 1 } })
    const after = await written()
    expect({ ...after, lastChange: undefined }).toEqual({ ...before, institutions: before.institutions + 1, history: before.history + 2, notices: before.notices + 1, batches: before.batches + 1, audit: before.audit + 1, lastChange: undefined })
    const verify = async (code: string) => ((await api.call('institutions', { action: 'verify', code })).body as any).data
    expect((await verify(lines[0].uscc)).institution).toMatchObject({ status: 'approved', batch: { no: 9 } })
    expect((await verify(toSuspend.uscc)).result).toBe('suspended')
    expect((await verify(toUpdate.uscc)).institution.address).toBe(`${toUpdate.address}（新址）`)
    expect((await verify(unchanged.uscc)).institution.history).toHaveLength(unchanged.history.length)
    const audit = await api.env.db.selectFrom('audit_log').selectAll().where('action', '=', 'staff.importInstitutions').execute()
    expect(audit.map((a) => (a.detail as any).created)).toContain(1)

    // Once applied, the same list changes nothing.
    const again = await upload({ content, batch: 9 }, tokens['staff-sports-jimei'])
    expect(again.body.ok && (again.body.data as any).summary).toEqual({ created: 0, updated: 0, statusChanged: 0, unchanged: 4 })
  })

  it('when the admin imports the published fixture, then every row is created and searchable', async () => {
    const confirmed = await upload({ content: fixture('whitelist-valid.csv'), fileName: 'whitelist-valid.csv', batch: 6, confirm: true }, tokens.admin)
    expect(confirmed.body.ok && confirmed.body.data).toEqual({ confirmed: true, summary: { created: 5, updated: 0, statusChanged: 0, unchanged: 0 } })
    const s = await api.call('institutions', { action: 'search', q: '厦门一阳航模培训中心' })
    expect((s.body as any).data.items[0]).toMatchObject({ name: '厦门一阳航模培训中心', status: 'pending' })
  })

  it('when a file has bad rows, then the refusal counts them and names each row, and nothing is written', async () => {
    const before = await written()
    const r = await upload({ content: fixture('whitelist-problems.csv'), fileName: 'whitelist-problems.csv', batch: 6, confirm: true }, tokens.admin)
    expect(r.status).toBe(400)
    const error = (r.body as any).error
    expect(error.message).toMatch(/^名单有 \d+ 处问题，未导入任何数据$/)
    expect(Object.keys(error.fields)).toEqual(['row3', 'row5', 'row6'])
    for (const [key, message] of Object.entries<string>(error.fields)) expect(message.startsWith(`第${key.slice(3)}行【`)).toBe(true)
    expect(await written()).toEqual(before)
  })

  it('when rows lie outside the account’s reach, then each is a problem of its row, even when confirmed, and nothing is written', async () => {
    const before = await written()
    const r = await upload({ content: fixture('whitelist-valid.csv'), fileName: 'whitelist-valid.csv', batch: 6, confirm: true }, tokens['staff-sports-jimei'])
    expect(r.status).toBe(400)
    expect((r.body as any).error).toEqual({
      code: 'invalid_input',
      message: '名单有 5 处问题，未导入任何数据',
      fields: {
        row2: '第2行【所在区】该机构位于翔安区，不在本账号的管辖范围内（只能导入集美区的机构）',
        row3: '第3行【所在区】该机构位于海沧区，不在本账号的管辖范围内（只能导入集美区的机构）',
        row5: '第5行【培训类别】科技类机构由科学技术局审批，不在本账号的管辖范围内',
        row6: '第6行【所在区】该机构位于海沧区，不在本账号的管辖范围内（只能导入集美区的机构）',
        row7: '第7行【培训类别】文化艺术类机构由文化和旅游局审批，不在本账号的管辖范围内',
      },
    })
    expect(await written()).toEqual(before)
  })

  it('when one row of a confirmed list asks for a change the machine forbids, then no row at all is written', async () => {
    const before = await written()
    const r = await upload({ content: csv([fresh(2, { category: 'arts', licenseNo: '文民3502119000002号' }), known(black, { status: '白名单' })]), batch: 9, confirm: true }, tokens.admin)
    expect((r.body as any).error).toEqual({ code: 'invalid_input', message: '名单有 1 处问题，未导入任何数据', fields: { row3: '第3行【状态】机构当前为“黑名单”，不能直接改为“白名单”' } })
    expect(await written()).toEqual(before)
  })

  it('when the upload itself is wrong, then the refusal names the field; citizens and nobody are refused; nothing is written', async () => {
    const before = await written()
    const content = csv([fresh(3)])
    const tries: [Record<string, unknown>, string | undefined, number, Record<string, string> | string][] = [
      [{ content, fileName: '名单.txt' }, tokens.admin, 400, { fileName: '请上传 .csv 或 .xlsx 文件' }],
      [{ content: '%%%不是base64' }, tokens.admin, 400, { content: '文件内容应为 base64 编码' }],
      [{ content, batch: 0 }, tokens.admin, 400, { batch: '批次应为 1 到 999 的整数' }],
      [{ content, notice: undefined }, tokens.admin, 400, { notice: '请填写所依据的公告' }],
      [{ content: 'A'.repeat(250_000) }, tokens.admin, 400, { content: '文件不能超过180 KB' }],
      [{ content, batch: 9 }, tokens.citizen, 403, '您没有导入白名单的权限'],
      [{ content, batch: 9 }, undefined, 401, '请先登录'],
    ]
    for (const [input, as, status, expected] of tries) {
      const r = await upload(input, as)
      const error = (r.body as any).error
      expect([r.status, typeof expected === 'string' ? error.message : error.fields]).toEqual([status, expected])
    }
    expect(await written()).toEqual(before)
  })
})
