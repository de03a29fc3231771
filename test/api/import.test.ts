import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { parseInstitutionList } from '../../cloud/services/institutionImport/parse'
import { applyInstitutionImport } from '../../cloud/services/institutionImport/apply'
import { generateSample } from '../../content/sample/generate'
import { DB_KINDS } from '../support/databases'
import { openApi, type ApiClient } from '../support/harness'

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, '../fixtures/import', name)))
const opts = { batch: 6, notice: '关于公布第6批非学科类校外培训机构白名单的公告（示例）', date: '2026-11-27', source: 'test' }

describe.each(DB_KINDS)('importing published lists on %s', (kind) => {
  let api: ApiClient
  beforeAll(async () => {
    api = await openApi(kind, 'main')
  })
  afterAll(async () => api?.close())
  const count = async (table: 'institutions' | 'institution_status_history') =>
    Number((await api.env.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)

  it('when a valid white list is imported twice, then its institutions exist once, searchable, with one history entry each', async () => {
    const parsed = await parseInstitutionList(fixture('whitelist-valid.csv'), 'whitelist-valid.csv')
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems))
    const before = await count('institutions')
    const first = await applyInstitutionImport(api.env.db, parsed.rows, opts)
    expect(first).toEqual({ ok: true, summary: { created: parsed.rows.length, updated: 0, statusChanged: 0, unchanged: 0 } })
    // The same list again changes nothing, and says so.
    const second = await applyInstitutionImport(api.env.db, parsed.rows, opts)
    expect(second).toEqual({ ok: true, summary: { created: 0, updated: 0, statusChanged: 0, unchanged: parsed.rows.length } })
    expect(await count('institutions')).toBe(before + parsed.rows.length)

    const row = parsed.rows[0]
    const v = await api.call('institutions', { action: 'verify', code: row.uscc })
    expect(v.body.ok && v.body.data.result).toBe('approved')
    expect(v.body.ok && v.body.data.institution.batch).toEqual({ no: 6, date: '2026-11-27', notice: opts.notice, noticeId: expect.any(String) })
    expect(v.body.ok && v.body.data.institution.history).toHaveLength(1)
    const s = await api.call('institutions', { action: 'search', q: row.name })
    expect(s.body.ok && s.body.data.items[0].name).toBe(row.name)
  })

  it('when an approved institution appears on a black list, then its status changes and the history keeps both entries', async () => {
    const target = generateSample().institutions.find((i) => i.status === 'approved')!
    const rows = [{ row: 2, name: target.name, uscc: target.uscc, licenseNo: target.licenseNo, category: target.category, district: target.district, address: target.address, status: 'blacklisted' as const, reason: '超额预收费后停业（示例）' }]
    const out = await applyInstitutionImport(api.env.db, rows, { notice: '黑名单公告（示例）', date: '2026-11-28', source: 'test' })
    expect(out.ok).toBe(true)
    const v = await api.call('institutions', { action: 'verify', code: target.uscc })
    if (!v.body.ok) throw new Error('verify failed')
    expect(v.body.data.result).toBe('blacklisted')
    expect(v.body.data.institution.blacklist).toEqual({ reason: '超额预收费后停业（示例）', date: '2026-11-28', notice: '黑名单公告（示例）', noticeId: expect.any(String) })
    expect(v.body.data.institution.history.map((h: any) => h.status)).toEqual(['blacklisted', ...target.history.map((h) => h.status).reverse()])
  })

  it('when one row asks for a change the rules forbid, then the row is named and nothing at all is written', async () => {
    const data = generateSample().institutions
    const black = data.find((i) => i.status === 'blacklisted')!
    const fresh = { row: 2, name: '示例新机构舞蹈培训中心', uscc: '91350203MA00000017', licenseNo: '文民3502039999999号', category: 'arts' as const, district: 'siming' as const, address: '厦门市思明区示例路1号' }
    fresh.uscc = fresh.uscc.slice(0, 17) + (await import('../../src/domain/uscc')).usccCheckChar(fresh.uscc.slice(0, 17))
    const rows = [fresh, { row: 3, name: black.name, uscc: black.uscc, licenseNo: black.licenseNo, category: black.category, district: black.district, address: black.address, status: 'approved' as const }]
    const [inst, hist] = [await count('institutions'), await count('institution_status_history')]
    const out = await applyInstitutionImport(api.env.db, rows, opts)
    expect(out).toEqual({ ok: false, problems: [{ row: 3, field: '状态', message: '机构当前为“黑名单”，不能直接改为“白名单”' }] })
    expect([await count('institutions'), await count('institution_status_history')]).toEqual([inst, hist])
  })

  it('when a file has problems, then the parser reports them all and the importer is never reached', async () => {
    const parsed = await parseInstitutionList(fixture('whitelist-problems.csv'), 'whitelist-problems.csv')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.problems.map((p) => p.row)).toEqual([3, 5, 6])
  })

  it('when anyone tries to edit or delete status history, then the database refuses', async () => {
    await expect(sql`UPDATE institution_status_history SET note = 'x'`.execute(api.env.db)).rejects.toThrow(/insert-only/)
    await expect(sql`DELETE FROM institution_status_history`.execute(api.env.db)).rejects.toThrow(/insert-only/)
  })
})
