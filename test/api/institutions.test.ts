import { generateSample } from '../../content/sample/generate'
import { nameSearchColumns } from '../../cloud/store/searchText'
import { MATRIX, openApi, type ApiClient } from '../support/harness'

const sample = generateSample()
const approved = sample.institutions.find((i) => i.status === 'approved' && i.batchNo)!
const blacklisted = sample.institutions.find((i) => i.status === 'blacklisted')!

describe.each(MATRIX)('institutions on %s through %s', (kind, via) => {
  let api: ApiClient
  beforeAll(async () => {
    api = await openApi(kind, via)
  })
  afterAll(async () => api?.close())

  const search = (input: Record<string, unknown>) => api.call('institutions', { action: 'search', ...input })

  describe('search', () => {
    it.each(['舞', '舞蹈', '马术', '编程'])('when a parent types the Chinese term %s, then every result contains it and the count matches the sample', async (q) => {
      const { status, body } = await search({ q })
      expect(status).toBe(200)
      if (!body.ok) throw new Error(body.error.message)
      const expected = sample.institutions.filter((i) => i.name.includes(q)).length
      expect(expected).toBeGreaterThan(0)
      expect(body.data.total).toBe(expected)
      expect(body.data.items.length).toBe(Math.min(20, expected))
      for (const item of body.data.items) {
        expect(item.name).toContain(q)
        const [[s, e]] = item.highlight
        expect(Array.from(item.name).slice(s, e).join('')).toBe(q)
      }
    })

    it('when a four-character name fragment is typed, then only names containing all four in a row are found', async () => {
      const frag = Array.from(approved.name).slice(0, 4).join('')
      const { body } = await search({ q: frag })
      expect(body.ok && body.data.items.map((i: any) => i.name)).toContain(approved.name)
      if (body.ok) for (const item of body.data.items) expect(item.name).toContain(frag)
      expect(body.ok && body.data.total).toBe(sample.institutions.filter((i) => i.name.includes(frag)).length)
    })

    it('when full pinyin is typed, then names whose pinyin contains it are found and the Chinese is highlighted', async () => {
      const { body } = await search({ q: 'wudao' })
      if (!body.ok) throw new Error(body.error.message)
      expect(body.data.total).toBe(sample.institutions.filter((i) => nameSearchColumns(i.name).name_pinyin.includes('wudao') || nameSearchColumns(i.name).name_initials.includes('wudao')).length)
      const withDance = body.data.items.filter((i: any) => i.name.includes('舞蹈'))
      expect(withDance.length).toBeGreaterThan(0)
      for (const item of withDance) expect(Array.from(item.name).slice(...item.highlight[0]).join('')).toBe('舞蹈')
    })

    it('when initials are typed, then the institution they abbreviate is found', async () => {
      const initials = nameSearchColumns(approved.name).name_initials.slice(0, 5)
      const { body } = await search({ q: initials, limit: 50 })
      if (!body.ok) throw new Error(body.error.message)
      const all = [] as string[]
      let page: any = body.data
      all.push(...page.items.map((i: any) => i.name))
      while (page.nextCursor && !all.includes(approved.name)) {
        const next = await search({ q: initials, limit: 50, cursor: page.nextCursor })
        page = (next.body as any).data
        all.push(...page.items.map((i: any) => i.name))
      }
      expect(all).toContain(approved.name)
    })

    it('when a full USCC, a USCC prefix or a licence number is typed, then the institution is found', async () => {
      for (const q of [approved.uscc, approved.uscc.slice(0, 12), approved.licenseNo, approved.uscc.toLowerCase()]) {
        const { body } = await search({ q })
        expect(body.ok && body.data.items.map((i: any) => i.name)).toContain(approved.name)
      }
    })

    it('when results run past a page, then 20 come at a time and the cursor brings the next 20 without repeats', async () => {
      const first = (await search({ q: '培训' })).body as any
      expect(first.data.items).toHaveLength(20)
      expect(first.data.nextCursor).toBeDefined()
      const second = (await search({ q: '培训', cursor: first.data.nextCursor })).body as any
      expect(second.data.items).toHaveLength(20)
      const ids = new Set([...first.data.items, ...second.data.items].map((i: any) => i.id))
      expect(ids.size).toBe(40)
      expect(second.data.total).toBe(first.data.total)
    })

    it('when filters are set, then every result matches district, category and status', async () => {
      const { body } = await search({ district: 'huli', category: 'sports', status: 'approved', limit: 50 })
      if (!body.ok) throw new Error(body.error.message)
      const expected = sample.institutions.filter((i) => i.district === 'huli' && i.category === 'sports' && i.status === 'approved').length
      expect(body.data.total).toBe(expected)
      for (const i of body.data.items) expect([i.district, i.category, i.status]).toEqual(['huli', 'sports', 'approved'])
    })

    it('when the location is known and distance sorting is asked, then results carry distances in ascending order', async () => {
      const { body } = await search({ lat: 24.445, lng: 118.082, sort: 'distance' })
      if (!body.ok) throw new Error(body.error.message)
      const d = body.data.items.map((i: any) => i.distanceM)
      expect(d.every((x: unknown) => typeof x === 'number')).toBe(true)
      expect([...d].sort((a, b) => a - b)).toEqual(d)
      expect(d[0]).toBeLessThan(3000)
    })

    it('when wildcards are typed, then they are matched literally, not as patterns', async () => {
      for (const q of ['%', '_', '\\', '舞%', '_蹈']) {
        const { status, body } = await search({ q })
        expect(status).toBe(200)
        expect(body.ok && body.data.total).toBe(0)
      }
    })

    it('when nothing matches, then the answer is an empty page, not an error', async () => {
      const { status, body } = await search({ q: '查无此名的机构' })
      expect(status).toBe(200)
      expect(body).toEqual({ ok: true, data: { items: [], total: 0 } })
    })
  })

  describe('bad input', () => {
    it.each([
      [{}, 'action'],
      [{ action: 'drop' }, 'action'],
      [{ action: 'search', q: 5 }, 'q'],
      [{ action: 'search', q: '舞'.repeat(51) }, 'q'], // 51 characters
      [{ action: 'search', district: 'beijing' }, 'district'],
      [{ action: 'search', status: 'open' }, 'status'],
      [{ action: 'search', limit: 500 }, 'limit'],
      [{ action: 'search', cursor: 'DROP TABLE' }, 'cursor'],
      [{ action: 'search', sql: 'x' }, 'sql'],
      [{ action: 'get', id: 42 }, 'id'],
      [{ action: 'verify' }, 'code'],
      [{ action: 'verify', code: 'x'.repeat(600) }, 'code'], // 600 characters
    ])('when event #%# is malformed, then it is invalid_input naming %s in Chinese', async (event, field) => {
      const { status, body } = await api.call('institutions', event)
      expect(status).toBe(400)
      if (body.ok) throw new Error('expected an error')
      expect(body.error.code).toBe('invalid_input')
      expect(body.error.fields).toHaveProperty(field)
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/)
    })

    it('when the event is not an object, then it is invalid_input', async () => {
      for (const event of [null, 'search', [1, 2]]) {
        const { status, body } = await api.call('institutions', event)
        expect(status).toBe(400)
        expect(!body.ok && body.error.code).toBe('invalid_input')
      }
    })

    it('when only a latitude is sent, then it says both are needed', async () => {
      const { body } = await search({ lat: 24.4 })
      expect(!body.ok && body.error.message).toBe('经纬度需同时提供')
    })
  })

  describe('get', () => {
    it('when an approved institution is opened, then its record has licence, batch, sites, escrow and history', async () => {
      const found = (await search({ q: approved.uscc })).body as any
      const { status, body } = await api.call('institutions', { action: 'get', id: found.data.items[0].id })
      expect(status).toBe(200)
      if (!body.ok) throw new Error(body.error.message)
      const d = body.data
      expect(d).toMatchObject({ name: approved.name, uscc: approved.uscc, licenseNo: approved.licenseNo, status: 'approved', category: approved.category, district: approved.district, scope: approved.scope })
      expect(d.batch.no).toBe(approved.batchNo)
      expect(d.batch.notice).toContain('白名单')
      expect(d.sites).toHaveLength(approved.sites.length)
      expect(d.escrow).toEqual({ bank: approved.escrowBank, accountName: approved.escrowAccountName })
      expect(d.history[0].status).toBe('approved')
      expect(d.departmentName).toMatch(/^厦门市.+区.+局$/)
      expect(Object.keys(d).sort()).toEqual(
        ['address', 'batch', 'cases', 'category', 'department', 'departmentName', 'district', 'escrow', 'history', 'id', 'licenseNo', 'name', 'phone', 'scope', 'sites', 'status', 'statusAsOf', 'uscc'].sort(),
      )
    })

    it('when an unknown id is asked for, then it is not_found in Chinese', async () => {
      for (const id of ['00000000-0000-0000-0000-000000000000', 'nope']) {
        const { status, body } = await api.call('institutions', { action: 'get', id })
        expect(status).toBe(404)
        expect(!body.ok && body.error.message).toMatch(/没有找到/)
      }
    })
  })

  describe('verify', () => {
    it('when a white-listed USCC is entered, then the verdict is approved with the record', async () => {
      const { body } = await api.call('institutions', { action: 'verify', code: ` ${approved.uscc.toLowerCase()} ` })
      expect(body.ok && body.data.result).toBe('approved')
      expect(body.ok && body.data.institution.name).toBe(approved.name)
    })

    it('when a blacklisted licence number is entered, then the verdict is blacklisted with its reason', async () => {
      const { body } = await api.call('institutions', { action: 'verify', code: blacklisted.licenseNo })
      if (!body.ok) throw new Error(body.error.message)
      expect(body.data.result).toBe('blacklisted')
      expect(body.data.institution.blacklist.reason).toBe(blacklisted.blacklistReason)
    })

    it('when a QR code carries a URL with the code, then the code is read from it', async () => {
      const { body } = await api.call('institutions', { action: 'verify', code: `https://example.invalid/check?code=${approved.uscc}` })
      expect(body.ok && body.data.result).toBe('approved')
    })

    it('when a valid code belongs to no institution on the list, then it is not_found', async () => {
      const { body } = await api.call('institutions', { action: 'verify', code: '91440300708461136T' })
      expect(body).toEqual({ ok: true, data: { result: 'not_found', codeKind: 'uscc' } })
    })

    it.each([
      ['91440300708461136', '应为18位，您输入了17位'],
      ['9144030070846113IT', '第17位“I”不是'],
      ['91440300708461136X', '第18位应为“T”，实为“X”'],
      ['文民abc号', '办学许可证号格式不对'],
    ])('when %s is entered, then it says exactly what is wrong', async (code, words) => {
      const { status, body } = await api.call('institutions', { action: 'verify', code })
      expect(status).toBe(200)
      expect(body.ok && body.data.result).toBe('invalid_code')
      expect(body.ok && body.data.message).toContain(words)
    })
  })
})
