// 我的 says what the signed-in account may do, read from the same access table the server enforces.
import { PERMISSION_LABEL, permissionsOf } from '../../src/domain/access'
import { startE2E, type E2E } from '../support/browser'

describe('我的 lists what an account may do', () => {
  let e: E2E
  beforeAll(async () => {
    e = await startE2E()
  })
  afterAll(async () => e?.close())

  async function switchTo(name: string) {
    await e.open('/pages/mine/index')
    // A row is named by the words it shows (the account's name first), as axe-core requires.
    await e.view().getByRole('button', { name: new RegExp(`^${name}`) }).click()
    await e.view().locator('.yg-mine__name', { hasText: name }).waitFor({ timeout: 15_000 })
  }

  it.each([
    ['示例市民（林女士）', { id: 'x', role: 'citizen' }],
    ['市文化和旅游局（示例）', { id: 'x', role: 'staff', department: 'culture' }],
    ['平台管理员（示例）', { id: 'x', role: 'admin' }],
  ] as const)('when %s is signed in, then the card lists exactly the permissions of the table', async (name, account) => {
    await switchTo(name)
    const line = await e.view().locator('.yg-mine__meta', { hasText: '可以：' }).innerText()
    expect(line).toBe(`可以：${permissionsOf(account as never).map((p) => PERMISSION_LABEL[p]).join('、')}`)
    await e.view().locator('.yg-mine__card').scrollIntoViewIfNeeded()
    await e.shot(`e2e-mine-access-${account.role}`)
  })
})
