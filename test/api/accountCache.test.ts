import { ACCOUNT_CACHE_MS, cachedAccount } from '../../cloud/functions/accountCache'
import { findAccountByDevName } from '../../cloud/store/accountRepo'
import { openApi, type ApiClient } from '../support/harness'

describe('the per-process account cache behind gateway tokens', () => {
  let api: ApiClient
  beforeAll(async () => {
    api = await openApi('pglite', 'main', { sample: false })
  })
  afterAll(async () => api?.close())

  it('when an account changes, then a token sees the change within ACCOUNT_CACHE_MS and not a stale copy after it', async () => {
    const row = (await findAccountByDevName(api.env.db, 'citizen2'))!
    const t = 1_000_000
    expect((await cachedAccount(api.env.db, row.id, { allowDemo: true }, t))?.name).toBe(row.name)
    await api.env.db.updateTable('accounts').set({ name: '改过的名字' }).where('id', '=', row.id).execute()
    expect((await cachedAccount(api.env.db, row.id, { allowDemo: true }, t + ACCOUNT_CACHE_MS - 1))?.name).toBe(row.name)
    expect((await cachedAccount(api.env.db, row.id, { allowDemo: true }, t + ACCOUNT_CACHE_MS + 1))?.name).toBe('改过的名字')
  })

  it('when an id has no account, then the answer is undefined', async () => {
    expect(await cachedAccount(api.env.db, '00000000-0000-4000-8000-000000000000', { allowDemo: true })).toBeUndefined()
  })
})
