// Every paged list reads its cursor by the one rule (cloud/services/paging.ts).
import { openApi, type ApiClient, type Via } from '../support/harness'
import type { DbKind } from '../support/databases'

describe.each<[DbKind, Via]>([
  ['pglite', 'main'],
  ['postgres', 'gateway'],
])('paged lists on %s through %s', (kind, via) => {
  let api: ApiClient
  let citizen: string
  beforeAll(async () => {
    api = await openApi(kind, via)
    citizen = await api.login('citizen')
  })
  afterAll(async () => api?.close())

  const lists: [string, Record<string, unknown>, boolean][] = [
    ['institutions', { action: 'search', q: '培训' }, false],
    ['content', { action: 'cases' }, false],
    ['complaints', { action: 'mine' }, true],
  ]

  it.each(lists)('when %s pages with a bad cursor, then it is invalid_input naming cursor in Chinese', async (fn, event, login) => {
    for (const cursor of ['o-1', 'x20', 'o10001', 'o99999']) {
      const r = await api.call(fn, { ...event, cursor }, login ? citizen : undefined)
      expect([cursor, r.status]).toEqual([cursor, 400])
      expect(!r.body.ok && r.body.error).toEqual({ code: 'invalid_input', message: '翻页标记无效，请从第一页重新加载', fields: { cursor: '翻页标记无效，请从第一页重新加载' } })
    }
  })

  it.each(lists.slice(0, 2))('when %s pages on, then the next cursor brings the next items without repeats', async (fn, event) => {
    const first = (await api.call(fn, event)).body as any
    // Offset lists hand out `o` + the next offset; search continues after its last row's key (keyset, opaque).
    if (fn === 'institutions') expect(first.data.nextCursor).toMatch(/^k\d\./)
    else expect(first.data.nextCursor).toBe(`o${first.data.items.length}`)
    const second = (await api.call(fn, { ...event, cursor: first.data.nextCursor })).body as any
    const ids = [...first.data.items, ...second.data.items].map((i: any) => i.id)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
