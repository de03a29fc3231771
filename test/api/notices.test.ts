// Notices as pages of their own (issue 8, point 13): content.notice, the links to it from an institution's record and
// a case, the import path, and the backfill of the old notice strings (migration 009).
import crypto from 'node:crypto'
import { Migrator, sql } from 'kysely'
import pg from 'pg'
import { applyInstitutionImport } from '../../cloud/services/institutionImport/apply'
import { openDatabase, type DatabaseHandle } from '../../cloud/store/db'
import { migrations } from '../../cloud/store/migrations'
import { generateSample } from '../../content/sample/generate'
import { generateCases } from '../../content/sample/cases'
import { usccCheckChar } from '../../src/domain/uscc'
import { ADMIN_URL, DB_KINDS, type DbKind } from '../support/databases'
import { MATRIX, openApi, type ApiClient } from '../support/harness'

const sample = generateSample()
const cases = generateCases(sample)
const blacklisted = sample.institutions.find((i) => i.status === 'blacklisted')!
const revoked = sample.institutions.find((i) => i.status === 'revoked')!
const NOTICE_KEYS = ['date', 'docNo', 'id', 'issuer', 'title', 'url']

describe.each(MATRIX)('notices on %s through %s', (kind, via) => {
  let api: ApiClient
  beforeAll(async () => {
    api = await openApi(kind, via)
  })
  afterAll(async () => api?.close())
  const notice = (input: object) => api.call('content', { action: 'notice', ...input })
  const verify = async (code: string) => ((await api.call('institutions', { action: 'verify', code })).body as any).data.institution

  it('when a blacklisted institution is looked up, then its black-list notice opens with title, issuer, date and document number', async () => {
    const inst = await verify(blacklisted.uscc)
    expect(inst.blacklist.noticeId).toMatch(/^[0-9a-f-]{36}$/)
    const { status, body } = await notice({ id: inst.blacklist.noticeId })
    expect(status).toBe(200)
    const seed = blacklisted.history[blacklisted.history.length - 1].notice!
    expect((body as any).data).toEqual({ id: inst.blacklist.noticeId, title: seed.title, issuer: seed.issuer, date: seed.date, docNo: seed.docNo })
    expect(inst.blacklist.notice).toBe(seed.title)
    // the record's latest history entry points at the same notice
    expect(inst.history[0]).toMatchObject({ status: 'blacklisted', notice: seed.title, noticeId: inst.blacklist.noticeId })
  })

  it('when a revoked institution is looked up, then every change that rests on a notice links to it, and its approval to its white-list batch', async () => {
    const inst = await verify(revoked.uscc)
    const statuses = inst.history.map((h: any) => h.status).reverse()
    expect(statuses[0]).toBe('pending')
    expect(statuses).toContain('approved')
    expect(statuses[statuses.length - 1]).toBe('revoked')
    for (const h of inst.history) {
      if (h.status === 'pending') expect(h.noticeId).toBeUndefined()
      else {
        const n = ((await notice({ id: h.noticeId })).body as any).data
        expect(n.title).toBe(h.notice)
        expect(n.date).toBe(h.at)
      }
    }
    // the approval's notice is the batch's, shared by the whole batch: one row, not one per institution
    const approval = inst.history.find((h: any) => h.status === 'approved')
    const batch = sample.batches.find((b) => b.date === approval.at)!
    const n = ((await notice({ id: approval.noticeId })).body as any).data
    expect(n).toEqual({ id: approval.noticeId, title: batch.notice.title, issuer: batch.notice.issuer, date: batch.date, docNo: batch.notice.docNo })
    const approved = await verify(sample.institutions.find((i) => i.batchNo === batch.no && i.status === 'approved')!.uscc)
    expect(approved.batch.noticeId).toBe(approval.noticeId)
  })

  it('when a case is opened, then its 原始通报 opens as a notice of its department on the day of the case', async () => {
    const seed = cases.find((c) => c.uscc)!
    const inst = await verify(seed.uscc!)
    const list = ((await api.call('content', { action: 'cases', institutionId: inst.id, limit: 50 })).body as any).data.items
    const c = list.find((x: any) => x.facts === seed.facts)
    expect(c.noticeId).toMatch(/^[0-9a-f-]{36}$/)
    const one = ((await api.call('content', { action: 'case', id: c.id })).body as any).data
    expect(one.noticeId).toBe(c.noticeId)
    const n = ((await notice({ id: c.noticeId })).body as any).data
    expect(n).toEqual({ id: c.noticeId, title: seed.notice.title, issuer: seed.department, date: seed.date, docNo: seed.notice.docNo })
  })

  it('when a notice is read, then only its public fields come back', async () => {
    const inst = await verify(blacklisted.uscc)
    const n = ((await notice({ id: inst.blacklist.noticeId })).body as any).data
    for (const k of Object.keys(n)) expect(NOTICE_KEYS).toContain(k)
  })

  it.each([
    [{ id: crypto.randomUUID() }, 404, 'not_found'],
    [{ id: 'not-a-notice' }, 404, 'not_found'],
    [{ id: "' OR 1=1 --" }, 404, 'not_found'],
    [{}, 400, 'invalid_input'],
    [{ id: 42 }, 400, 'invalid_input'],
    [{ id: 'x'.repeat(65) }, 400, 'invalid_input'],
    [{ id: crypto.randomUUID(), extra: 1 }, 400, 'invalid_input'],
  ])('when content.notice is asked for %j, then it answers %s %s in Chinese', async (input, status, code) => {
    const r = await notice(input)
    expect(r.status).toBe(status)
    expect(!r.body.ok && r.body.error.code).toBe(code)
    expect(!r.body.ok && r.body.error.message).toMatch(/\p{Script=Han}/u)
    if (code === 'not_found') expect(!r.body.ok && r.body.error.message).toBe('没有找到这份公告，链接可能有误')
  })
})

describe.each(DB_KINDS)('notices from an imported list on %s', (kind) => {
  let api: ApiClient
  beforeAll(async () => {
    api = await openApi(kind, 'main')
  })
  afterAll(async () => api?.close())

  const fresh = (n: number) => {
    const first17 = `91350203MA0NXT${String(n).padStart(3, '0')}`
    return { row: 2, name: `示例公告测试${n}号舞蹈培训中心`, uscc: first17 + usccCheckChar(first17), licenseNo: `文民350203880000${n}号`, category: 'arts' as const, district: 'siming' as const, address: '厦门市思明区示例路1号' }
  }

  it('when a list is imported with its issuer, document number and official link, then the notice carries them and the record links to it', async () => {
    const row = fresh(1)
    const opts = { batch: 7, notice: '厦门市文化和旅游局关于公布第7批非学科类校外培训机构白名单的公告（示例）', date: '2026-11-30', source: 'test', docNo: '厦文旅〔2026〕99号', url: 'https://wlj.xm.gov.cn/notice/2026-99' }
    expect(await applyInstitutionImport(api.env.db, [row], opts)).toMatchObject({ ok: true })
    const inst = ((await api.call('institutions', { action: 'verify', code: row.uscc })).body as any).data.institution
    expect(inst.batch.noticeId).toBe(inst.history[0].noticeId)
    const n = ((await api.call('content', { action: 'notice', id: inst.batch.noticeId })).body as any).data
    // without --issuer, the issuer is what precedes 关于 in the title
    expect(n).toEqual({ id: inst.batch.noticeId, title: opts.notice, issuer: '厦门市文化和旅游局', date: '2026-11-30', docNo: '厦文旅〔2026〕99号', url: 'https://wlj.xm.gov.cn/notice/2026-99' })

    // the same notice named again (a second list, same title and date) is the same row
    const again = fresh(2)
    expect(await applyInstitutionImport(api.env.db, [again], { ...opts, docNo: undefined, url: undefined })).toMatchObject({ ok: true })
    const inst2 = ((await api.call('institutions', { action: 'verify', code: again.uscc })).body as any).data.institution
    expect(inst2.batch.noticeId).toBe(inst.batch.noticeId)
    const n2 = ((await api.call('content', { action: 'notice', id: inst.batch.noticeId })).body as any).data
    expect(n2.url).toBe('https://wlj.xm.gov.cn/notice/2026-99')
  })

  it('when the official link is not a web address, then the import is refused and nothing is written', async () => {
    const before = Number((await api.env.db.selectFrom('notices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const out = await applyInstitutionImport(api.env.db, [fresh(3)], { batch: 8, notice: '测试公告（示例）', date: '2026-11-30', source: 'test', url: 'javascript:alert(1)' })
    expect(out).toEqual({ ok: false, problems: [{ row: 0, field: '公告链接', message: '公告链接应以 http:// 或 https:// 开头' }] })
    expect(Number((await api.env.db.selectFrom('notices').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(before)
  })
})

/** A database migrated only up to `target`: the state a deployment was in before migration 009. */
async function openAt(kind: DbKind): Promise<DatabaseHandle & { drop(): Promise<void> }> {
  if (kind === 'pglite') {
    const h = await openDatabase({ dataDir: '', inMemory: true })
    return { ...h, drop: async () => h.close() }
  }
  const name = `yg_test_${crypto.randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(ADMIN_URL)
  url.pathname = `/${name}`
  const h = await openDatabase({ databaseUrl: url.toString(), dataDir: '' })
  return {
    ...h,
    async drop() {
      await h.close()
      const a = new pg.Client({ connectionString: ADMIN_URL })
      await a.connect()
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await a.end()
    },
  }
}

describe.each(DB_KINDS)('migration 009 on %s', (kind) => {
  it('when a database holds notices as plain strings, then each distinct one becomes a notice and every row links to it', async () => {
    const h = await openAt(kind)
    try {
      const migrator = new Migrator({ db: h.db, provider: { getMigrations: async () => migrations } })
      const before = await migrator.migrateTo('007_file_store_ref')
      expect(before.error).toBeUndefined()
      const db = h.db as any
      const batchNotice = '厦门市文化和旅游局等关于公布第1批白名单的公告'
      const blackNotice = '厦门市思明区文化和旅游局关于将某机构列入黑名单的公告'
      await db.insertInto('batches').values({ no: 1, date: '2023-06-12', title: '第1批', notice: batchNotice }).execute()
      const [inst] = await db
        .insertInto('institutions')
        .values({
          name: '旧数据舞蹈培训中心', name_pinyin: 'x', name_initials: 'x', name_grams: sql`ARRAY['旧']`, uscc: '91350203MA00000017'.slice(0, 17) + usccCheckChar('91350203MA0000001'),
          license_no: '文民3502031234567号', category: 'arts', district: 'siming', status: 'blacklisted', status_as_of: '2024-05-01', address: '厦门市', lat: 24.4, lng: 118.1,
          blacklist_reason: '拒不退费', blacklist_date: '2024-05-01', blacklist_notice: blackNotice,
        })
        .returning('id')
        .execute()
      await db.insertInto('institution_status_history').values([
        { institution_id: inst.id, status: 'pending', at: '2023-01-02', notice: null, source: 'old' },
        { institution_id: inst.id, status: 'approved', at: '2023-06-12', notice: batchNotice, source: 'old' },
        { institution_id: inst.id, status: 'blacklisted', at: '2024-05-01', notice: blackNotice, source: 'old' },
      ]).execute()
      await db.insertInto('violation_cases').values({ date: '2024-04-01', entity_name: '旧数据舞蹈培训中心', institution_id: inst.id, district: 'siming', type: 'refund', facts: '拖欠退费', outcome: '列入黑名单', department: '厦门市思明区文化和旅游局', notice: '某局关于典型案例的通报' }).execute()

      const after = await migrator.migrateToLatest()
      expect(after.error).toBeUndefined()
      const notices = await db.selectFrom('notices').select(['id', 'title', 'issuer', 'date', 'doc_no', 'url']).orderBy('date').execute()
      expect(notices.map((n: any) => [n.title, n.issuer, n.date, n.doc_no, n.url])).toEqual([
        [batchNotice, '厦门市文化和旅游局等', '2023-06-12', null, null],
        ['某局关于典型案例的通报', '厦门市思明区文化和旅游局', '2024-04-01', null, null],
        [blackNotice, '厦门市思明区文化和旅游局', '2024-05-01', null, null],
      ])
      const id = (title: string) => notices.find((n: any) => n.title === title).id
      expect((await db.selectFrom('batches').select('notice_id').executeTakeFirst()).notice_id).toBe(id(batchNotice))
      expect((await db.selectFrom('institutions').select('blacklist_notice_id').executeTakeFirst()).blacklist_notice_id).toBe(id(blackNotice))
      expect((await db.selectFrom('violation_cases').select('notice_id').executeTakeFirst()).notice_id).toBe(id('某局关于典型案例的通报'))
      const history = await db.selectFrom('institution_status_history').select(['status', 'notice_id']).orderBy('id').execute()
      expect(history).toEqual([
        { status: 'pending', notice_id: null },
        { status: 'approved', notice_id: id(batchNotice) },
        { status: 'blacklisted', notice_id: id(blackNotice) },
      ])
      // and the history is insert-only again
      await expect(sql`UPDATE institution_status_history SET note = 'x'`.execute(h.db)).rejects.toThrow(/insert-only/)
    } finally {
      await h.drop()
    }
  })
})
