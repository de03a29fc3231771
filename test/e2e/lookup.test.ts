// A parent at a shop door, in a real browser on the production H5 build, against the real gateway and database.
import { generateSample } from '../../content/sample/generate'
import { nameSearchColumns } from '../../cloud/store/searchText'
import { startE2E, type E2E } from '../support/browser'

const sample = generateSample()
const approved = sample.institutions.find((i) => i.status === 'approved' && i.batchNo === 3)!
const blacklisted = sample.institutions.find((i) => i.status === 'blacklisted')!

describe('looking an institution up in the H5 app (Chromium, 375×812)', () => {
  let e: E2E
  beforeAll(async () => {
    e = await startE2E()
  })
  afterAll(async () => e?.close())

  async function typeSearch(text: string) {
    const input = e.view().locator('.yg-search__input input').first()
    await input.fill('')
    await input.fill(text)
  }
  const names = () => e.view().locator('.yg-item__name').allInnerTexts()
  /**
   * Waits until the list on screen answers `check` (search is debounced, and the previous list stays until then).
   * Polled from here: a predicate built from a string inside the page would be eval, which the app's CSP refuses.
   */
  const listShows = async (check: (names: string[]) => boolean) => {
    const until = Date.now() + 15_000
    for (;;) {
      const shown = await names()
      if (shown.length > 0 && check(shown)) return
      if (Date.now() > until) throw new Error(`the list never answered ${check}: ${JSON.stringify(shown.slice(0, 5))}`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  it('when a parent types 舞蹈, then matching institutions list with the match emphasised and a status badge', async () => {
    await e.open('/pages/index/index')
    await typeSearch('舞蹈')
    await listShows((names) => names.every((n) => n.includes('舞蹈')))
    const list = await names()
    expect(list.length).toBe(20)
    for (const n of list) expect(n).toContain('舞蹈')
    const emphasised = await e.view().locator('.yg-item__name .yg-highlight__hit').first().innerText()
    expect(emphasised).toBe('舞蹈')
    await expect(e.view().locator('.yg-item').first().innerText()).resolves.toMatch(/白名单|审批中|停业整改|已注销|黑名单/)
    expect(await e.view().getByText('示例数据').first().isVisible()).toBe(true)
    await e.shot('e2e-search-chinese')
  })

  it('when more results exist, then scrolling to the end loads the next 20', async () => {
    await e.page.mouse.move(180, 500)
    await e.page.mouse.wheel(0, 20000)
    await listShows((names) => names.length > 20)
    expect((await names()).length).toBeGreaterThan(20)
  })

  it('when a parent types pinyin, then the same institutions are found', async () => {
    await typeSearch('wudao')
    // The 40 names of the scrolled Chinese search stay until the new first page replaces them: wait for that page.
    await listShows((names) => names.length <= 20 && names[0].includes('舞蹈'))
    expect((await names()).filter((n) => n.includes('舞蹈')).length).toBeGreaterThan(10)
    await e.shot('e2e-search-pinyin')
  })

  it('when a parent types initials, then the institution they abbreviate is in the list, and opening it shows the verdict first', async () => {
    const initials = nameSearchColumns(approved.name).name_initials
    await typeSearch(initials)
    await listShows((names) => names.includes(approved.name))
    await e.shot('e2e-search-initials')
    await e.view().locator('.yg-item', { hasText: approved.name }).first().click()
    await e.view().locator('.yg-verdict').waitFor({ timeout: 15_000 })
    const verdict = await e.view().locator('.yg-verdict').first().innerText()
    expect(verdict).toContain(approved.name)
    expect(verdict).toContain('白名单')
    expect(verdict).toContain('第3批')
    expect(verdict).toMatch(/数据截至 \d{4}-\d{2}-\d{2}/)
    const body = await e.view().innerText()
    for (const words of [approved.uscc, approved.licenseNo, approved.escrowAccountName, '状态变更记录']) expect(body).toContain(words)
    await e.shot('e2e-detail-approved')
  })

  it('when 举报该机构 is tapped on the detail page, then the report tab opens with the institution filled in', async () => {
    await e.view().locator('.yg-actions__item--report').click()
    await e.page.waitForFunction(() => location.hash.includes('/pages/report/index'), null, { timeout: 15_000 })
    await e.view().getByText(`将举报：${approved.name}`).waitFor({ timeout: 15_000 })
    await e.shot('e2e-report-prefilled')
  })

  it('when nothing matches, then it says so plainly and offers to report unlicensed training', async () => {
    await e.open('/pages/index/index')
    await typeSearch('查无此名')
    await e.view().getByText('没有找到与“查无此名”相关的机构').waitFor({ timeout: 15_000 })
    await e.shot('e2e-search-empty')
    await e.view().locator('.yg-button', { hasText: '举报无证培训' }).click()
    await e.page.waitForFunction(() => location.hash.includes('/pages/report/index'), null, { timeout: 15_000 })
  })

  it('when a mistyped USCC is verified, then the exact mistake is named next to the field', async () => {
    await e.open('/packages/verify/index')
    await e.view().locator('.yg-verify__input input').first().fill('91440300708461136X')
    await e.view().locator('.yg-verify__submit').click()
    const error = e.view().locator('.yg-verify__error')
    await error.waitFor({ timeout: 15_000 })
    expect(await error.innerText()).toContain('校验位不符：第18位应为“T”，实为“X”')
    await e.shot('e2e-verify-bad-uscc')
  })

  it('when a blacklisted licence number is verified, then the verdict says 黑名单 with the reason', async () => {
    await e.view().locator('.yg-verify__input input').first().fill(blacklisted.licenseNo)
    await e.view().locator('.yg-verify__submit').click()
    await e.view().locator('.yg-verdict').waitFor({ timeout: 15_000 })
    const verdict = await e.view().locator('.yg-verdict').first().innerText()
    expect(verdict).toContain('黑名单')
    expect(verdict).toContain(blacklisted.blacklistReason!)
    await e.shot('e2e-verify-blacklisted')
  })
})

describe('the home page on a desktop window (1280×800)', () => {
  it('when opened wide, then the search and the list fit without overflow', async () => {
    const e = await startE2E({ viewport: { width: 1280, height: 800 } })
    try {
      await e.open('/pages/index/index')
      await e.view().locator('.yg-search__input input').first().fill('马术')
      await e.page.waitForFunction(() => {
        const names = [...document.querySelectorAll('.yg-item__name')].map((n) => (n as HTMLElement).innerText)
        return names.length > 0 && names.every((n) => n.includes('马术'))
      }, null, { timeout: 15_000 })
      const overflow = await e.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      expect(overflow).toBeLessThanOrEqual(0)
      await e.shot('e2e-search-desktop')
    } finally {
      await e.close()
    }
  })
})

describe('nearby institutions', () => {
  const toMetres = (text: string) => (text.includes('公里') ? parseFloat(text) * 1000 : parseFloat(text))

  it('when location is allowed and 附近 is tapped, then the list comes nearest first with distances', async () => {
    const e = await startE2E({ geolocation: { latitude: 24.445, longitude: 118.082 } })
    try {
      await e.open('/pages/index/index')
      await e.view().locator('.yg-item').first().waitFor()
      await e.view().locator('.yg-chip--toggle').click()
      await e.view().locator('.yg-item__distance').first().waitFor({ timeout: 15_000 })
      const distances = (await e.view().locator('.yg-item__distance').allInnerTexts()).map(toMetres)
      expect(distances.length).toBe(20)
      expect([...distances].sort((a, b) => a - b)).toEqual(distances)
      expect(distances[0]).toBeLessThan(3000)
      expect(await e.view().innerText()).toContain('离您由近及远')
      await e.shot('e2e-nearby')
    } finally {
      await e.close()
    }
  })

  it('when location is refused, then it says so gently and the list still works', async () => {
    const e = await startE2E()
    try {
      await e.open('/pages/index/index')
      await e.view().locator('.yg-item').first().waitFor()
      await e.view().locator('.yg-chip--toggle').click()
      await e.view().locator('.yg-home__notice').waitFor({ timeout: 15_000 })
      expect(await e.view().locator('.yg-home__notice').innerText()).toMatch(/位置|定位/)
      expect(await e.view().locator('.yg-item').count()).toBe(20)
      expect(await e.view().locator('.yg-item__distance').count()).toBe(0)
      await e.shot('e2e-nearby-refused')
    } finally {
      await e.close()
    }
  })
})
