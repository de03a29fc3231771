// 监督员巡查 on the open-figures page (real Chromium, production H5 build): a supervisor's visits show as counts in
// the month × district table, nothing of the visit itself; axe-core finds nothing serious; nothing overflows at 375.
import { generateSample } from '../../content/sample/generate'
import { DISTRICTS } from '../../src/domain/catalog'
import { startE2E, type E2E } from '../support/browser'
import { expectNoSeriousFindings } from '../support/axe'

const sample = generateSample()
const inSiming = sample.institutions.filter((i) => i.status === 'approved' && i.district === 'siming').slice(0, 3)

describe('visits on the open figures (Chromium)', () => {
  let e: E2E

  beforeAll(async () => {
    e = await startE2E()
    const login = await fetch(`${e.app.url}/api/auth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'devLogin', account: 'supervisor' }) })
    const token = ((await login.json()) as any).data.token
    let k = 0
    for (const i of inSiming) {
      const inst = await e.app.env.db.selectFrom('institutions').select(['id', 'lat', 'lng']).where('uscc', '=', i.uscc).executeTakeFirstOrThrow()
      const res = await fetch(`${e.app.url}/api/supervision`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          action: 'submit',
          requestId: `e2e-stats-visit-${++k}-abc`,
          institutionId: inst.id,
          visitedAt: new Date(Date.now() - 600_000).toISOString(),
          location: { lat: inst.lat, lng: inst.lng, accuracyM: 10 },
          checklist: { licence_displayed: 'pass', hours_by_2030: 'fail' },
          itemNotes: { hours_by_2030: '不公开的巡查说明' },
        }),
      })
      expect(((await res.json()) as any).ok).toBe(true)
    }
  })
  afterAll(async () => e?.close())

  const table = () => e.view().locator('.yg-svisits')
  const cellTexts = (row: string) => e.view().locator(`${row} .yg-svisits__cell`).allInnerTexts()

  it('when the open figures are opened, then this month shows 3 visits in 思明, the total row adds up, and no note of a visit is shown', async () => {
    await e.open('/packages/read/stats')
    await table().waitFor({ timeout: 15_000 })
    await table().scrollIntoViewIfNeeded()
    expect(await cellTexts('.yg-svisits__row--head')).toEqual(['月份', '思明', '湖里', '集美', '海沧', '同安', '翔安'])
    const rows = e.view().locator('.yg-svisits__row:not(.yg-svisits__row--head):not(.yg-svisits__row--total)')
    expect(await rows.count()).toBe(12)
    const current = (await rows.last().locator('.yg-svisits__cell').allInnerTexts()).slice(1)
    expect(current).toEqual(['3', '0', '0', '0', '0', '0'])
    expect((await cellTexts('.yg-svisits__row--total')).slice(1)).toEqual(['3', '0', '0', '0', '0', '0'])
    expect(await e.view().locator('.yg-svisits__cell').count()).toBe(14 * (DISTRICTS.length + 1))
    const words = await e.view().innerText()
    expect(words).toContain('共 3 次')
    expect(words).not.toContain('不公开的巡查说明')
    expect(await e.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0)
    await e.page.waitForTimeout(300)
    await e.shot('e2e-stats-visits-375')
    await expectNoSeriousFindings(e.page, 'open figures · visits')
  })

  it('at 1280×800, then the table keeps to the page column', async () => {
    await e.page.setViewportSize({ width: 1280, height: 800 })
    try {
      await e.open('/packages/read/stats')
      await table().waitFor({ timeout: 15_000 })
      await table().scrollIntoViewIfNeeded()
      await e.page.waitForTimeout(300)
      await e.shot('e2e-stats-visits-1280')
      await expectNoSeriousFindings(e.page, 'open figures · visits (desk)')
    } finally {
      await e.page.setViewportSize({ width: 375, height: 812 })
    }
  })
})
