import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateSample } from '../../content/sample/generate'
import { generateCases } from '../../content/sample/cases'
import { loadArticles } from '../../cloud/services/content/articleLoader'
import { MATRIX, openApi, type ApiClient } from '../support/harness'

const sample = generateSample()
const cases = generateCases(sample)

describe.each(MATRIX)('content on %s through %s', (kind, via) => {
  let api: ApiClient
  beforeAll(async () => {
    api = await openApi(kind, via)
  })
  afterAll(async () => api?.close())
  const call = (action: string, input: object = {}) => api.call('content', { action, ...input })

  it('when articles are listed, by topic or by words, then they come with their summaries', async () => {
    const all = (await call('articles')).body as any
    expect(all.data.total).toBeGreaterThanOrEqual(10)
    const fees = (await call('articles', { topic: 'fees' })).body as any
    expect(fees.data.items.length).toBeGreaterThan(0)
    for (const a of fees.data.items) expect(a.topic).toBe('fees')
    const found = (await call('articles', { q: '5000' })).body as any
    expect(found.data.items.map((a: any) => a.topic)).toContain('fees')
    expect(((await call('articles', { q: '%' })).body as any).data.total).toBe(0)
  })

  it('when an article is opened, then its blocks, sources and date come back', async () => {
    const list = (await call('articles', { topic: 'fees' })).body as any
    const { status, body } = await call('article', { slug: list.data.items[0].slug })
    expect(status).toBe(200)
    const a = (body as any).data
    expect(a.sources.length).toBeGreaterThan(0)
    expect(a.blocks.some((b: any) => b.type === 'heading')).toBe(true)
    expect(a.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  })

  it('when an unknown slug is asked for, then it is not_found in Chinese', async () => {
    const { status, body } = await call('article', { slug: 'no-such-article' })
    expect(status).toBe(404)
    expect(!body.ok && body.error.message).toMatch(/没有找到这篇文章/)
  })

  it('when the case board is opened, then the 71 sample cases come newest first, 20 a page', async () => {
    const first = (await call('cases')).body as any
    expect(first.data.total).toBe(71)
    expect(first.data.items).toHaveLength(20)
    const dates = first.data.items.map((c: any) => c.date)
    expect([...dates].sort().reverse()).toEqual(dates)
    const second = (await call('cases', { cursor: first.data.nextCursor })).body as any
    expect(new Set([...first.data.items, ...second.data.items].map((c: any) => c.id)).size).toBe(40)
  })

  it('when cases are filtered by district, type and year, then only those come back', async () => {
    const type = cases[0].type
    const r = (await call('cases', { type, district: cases[0].district, year: Number(cases[0].date.slice(0, 4)), limit: 50 })).body as any
    const expected = cases.filter((c) => c.type === type && c.district === cases[0].district && c.date.startsWith(cases[0].date.slice(0, 4))).length
    expect(r.data.total).toBe(expected)
    for (const c of r.data.items) expect([c.type, c.district]).toEqual([type, cases[0].district])
  })

  it('when a case about a registered institution is opened, then it links to that institution, whose record lists it', async () => {
    const withInst = cases.find((c) => c.uscc)!
    const v = (await api.call('institutions', { action: 'verify', code: withInst.uscc })).body as any
    const id = v.data.institution.id
    expect(v.data.institution.cases.length).toBeGreaterThan(0)
    const list = (await call('cases', { institutionId: id })).body as any
    expect(list.data.total).toBe(v.data.institution.cases.length)
    const one = (await call('case', { id: list.data.items[0].id })).body as any
    expect(one.data.institution).toEqual({ id, name: withInst.entityName, status: v.data.institution.status })
  })

  it.each([
    [{ action: 'cases', type: 'murder' }, 'type'],
    [{ action: 'cases', district: 'pudong' }, 'district'],
    [{ action: 'cases', year: 'last' }, 'year'],
    [{ action: 'articles', topic: 'gossip' }, 'topic'],
    [{ action: 'case' }, 'id'],
  ])('when filters are outside the known sets (%j), then it is invalid_input naming %s', async (event, field) => {
    const { status, body } = await api.call('content', event)
    expect(status).toBe(400)
    expect(!body.ok && body.error.fields).toHaveProperty(field)
  })

  it('when an unknown case id is asked for, then it is not_found', async () => {
    expect((await call('case', { id: '00000000-0000-0000-0000-000000000000' })).status).toBe(404)
  })

  it('when the open figures are asked for, then they add up to the registry and the board', async () => {
    const f = ((await call('stats')).body as any).data
    const approved = sample.institutions.filter((i) => i.status === 'approved')
    expect(Object.values(f.approvedByCategory).reduce((a: number, b: any) => a + b, 0)).toBe(approved.length)
    expect(f.approvedByDistrict.siming).toBe(approved.filter((i) => i.district === 'siming').length)
    expect(f.batches.map((b: any) => b.count)).toEqual([38, 45, 52, 49, 56])
    expect(Object.values(f.casesByType).reduce((a: number, b: any) => a + b, 0)).toBe(71)
    expect(f.casesByMonth.reduce((a: number, m: any) => a + m.count, 0)).toBe(71)
    expect(f.complaints).toEqual({ received: 0, repliedOnTime: 0, medianDaysToReply: null })
  })
})

describe('loading articles again', () => {
  it('when the folder changes, then changed files update, removed ones go offline and nothing duplicates', async () => {
    const api = await openApi('pglite', 'main', { sample: false })
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-articles-'))
    try {
      const src = path.resolve(__dirname, '../../content/articles')
      const names = fs.readdirSync(src).filter((f) => f.endsWith('.md'))
      for (const f of names) fs.copyFileSync(path.join(src, f), path.join(dir, f))
      expect(await loadArticles(api.env.db, dir)).toEqual({ created: names.length, updated: 0, unchanged: 0, removed: 0 })
      expect(await loadArticles(api.env.db, dir)).toEqual({ created: 0, updated: 0, unchanged: names.length, removed: 0 })
      fs.appendFileSync(path.join(dir, names[0]), '\n补充一句。\n')
      fs.rmSync(path.join(dir, names[1]))
      expect(await loadArticles(api.env.db, dir)).toEqual({ created: 0, updated: 1, unchanged: names.length - 2, removed: 1 })
      const count = await api.env.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      expect(Number(count.n)).toBe(names.length - 1)
    } finally {
      await api.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})
