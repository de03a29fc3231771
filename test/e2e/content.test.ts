// A parent reading up before paying, in a real browser on the production H5 build, against the real gateway:
// articles and their in-app links, the prepaid-fee checker, the case board and a case's institution.
import { generateSample } from '../../content/sample/generate'
import { generateCases } from '../../content/sample/cases'
import { VIOLATION_LABEL, VIOLATION_TYPES } from '../../src/domain/content'
import { startE2E, type E2E } from '../support/browser'
import { markdownToBlocks } from '../../cloud/services/content/markdown'

const sample = generateSample()
const cases = generateCases(sample)
// The picker shows its first few rows without scrolling: take the first type among them with a case about a registered institution.
const pickedType = VIOLATION_TYPES.slice(0, 3).find((t) => cases.some((c) => c.type === t && c.uscc))!
const pickedCase = cases.filter((c) => c.type === pickedType && c.uscc).sort((a, b) => b.date.localeCompare(a.date))[0]
const pickedInstitution = sample.institutions.find((i) => i.uscc === pickedCase.uscc)!

describe('reading policy and cases in the H5 app (Chromium, 375×812)', () => {
  let e: E2E
  beforeAll(async () => {
    e = await startE2E()
  })
  afterAll(async () => e?.close())

  const title = () => e.view().locator('.yg-read__title').first()
  const waitForHash = (part: string) => e.page.waitForFunction((p) => location.hash.includes(p), part, { timeout: 15_000 })
  async function settledBox(locator: ReturnType<E2E['view']>) {
    let last = ''
    for (let i = 0; i < 50; i++) {
      const box = await locator.boundingBox()
      const key = JSON.stringify(box)
      if (box && key === last && box.y + box.height <= 812) return box
      last = key
      await e.page.waitForTimeout(100)
    }
    throw new Error('the picker row never came to rest on screen')
  }
  /** Overflow sideways of the whole page (a wide table must scroll inside its own box instead). */
  const pageOverflow = () => e.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

  it('when the 政策与曝光 tab opens, then articles are listed by topic with their dates, and a topic chip narrows the list', async () => {
    await e.open('/pages/explore/index')
    await e.view().locator('.yg-articles__row').first().waitFor({ timeout: 15_000 })
    const first = await e.view().locator('.yg-articles__row').first().innerText()
    expect(first).toMatch(/更新于 \d{4}-\d{2}-\d{2}/)
    expect(await e.view().locator('.yg-articles__group-title').count()).toBeGreaterThan(3)
    await e.shot('e2e-explore-articles')
    await e.view().locator('.yg-topics__chip', { hasText: '收费与预付' }).click()
    await e.view().getByText(/收费与预付：\d+ 篇/).waitFor({ timeout: 15_000 })
    expect(await e.view().locator('.yg-articles__title').allInnerTexts()).toContain('预付费：一次最多交多少？')
  })

  it('when an article is opened, then its headings, lists, table, sources and date are drawn, and nothing overflows', async () => {
    await e.open('/packages/read/article?slug=how-to-check')
    await title().waitFor({ timeout: 15_000 })
    expect(await title().innerText()).toBe('三步查清一家培训机构')
    const body = await e.view().innerText()
    expect(body).toMatch(/更新于 \d{4}-\d{2}-\d{2}/)
    expect(body).toContain('依据')
    expect(await e.view().locator('.yg-article__h').count()).toBeGreaterThan(1)
    expect(await e.view().locator('.yg-article__table').count()).toBeGreaterThan(0)
    expect(await e.view().locator('.yg-article__li').count()).toBeGreaterThan(0)
    expect(await pageOverflow()).toBeLessThanOrEqual(0)
    expect(await e.view().getByText('示例数据').first().isVisible()).toBe(true)
    await e.shot('e2e-article')
  })

  it('when an internal link to another article is tapped, then that article opens', async () => {
    await e.view().locator('.yg-run--link', { hasText: '预付费：一次最多交多少？' }).first().click()
    await e.page.waitForFunction(
      () => [...document.querySelectorAll('.taro_page.taro_page_stationed:not(.taro_page_shade) .yg-read__title')].pop()?.textContent === '预付费：一次最多交多少？',
      null,
      { timeout: 15_000 },
    )
    expect(await e.page.evaluate(() => location.hash)).toContain('slug=prepaid-fees')
    // The wide worked-examples table becomes cards on a phone (articleTable.test.ts); the page does not scroll sideways.
    expect(await pageOverflow()).toBeLessThanOrEqual(0)
    await e.view().locator('.yg-article__table').first().scrollIntoViewIfNeeded()
    await e.shot('e2e-article-table')
  })

  it('when the fee checker link is tapped and nothing is filled in, then each missing answer is named next to its field', async () => {
    await e.view().locator('.yg-run--link', { hasText: '预付费计算器' }).first().click()
    await waitForHash('/packages/read/prepaid')
    await e.view().locator('.yg-form__input').first().waitFor({ timeout: 15_000 })
    await e.view().locator('.yg-button', { hasText: '算一算' }).click()
    const errors = await e.view().locator('.yg-form__error').allInnerTexts()
    expect(errors).toEqual(['请填写大于0的金额（元）', '请至少填写课时数或覆盖的月数'])
    await e.shot('e2e-prepaid-errors')
  })

  it('when ¥12,000 for 96 课时 over 12 个月 goes to a personal account, then every broken limit is named', async () => {
    const inputs = e.view().locator('.yg-form__input input')
    await inputs.nth(0).fill('12000')
    await inputs.nth(1).fill('96')
    await inputs.nth(2).fill('12')
    await e.view().locator('.yg-form__option', { hasText: '个人账户或其他' }).click()
    await e.view().locator('.yg-button', { hasText: '算一算' }).click()
    const result = e.view().locator('.yg-prepaid__result')
    await result.waitFor({ timeout: 15_000 })
    const text = await result.innerText()
    expect(text).toContain('不合规：违反了 4 项规定')
    expect(text).toContain('超过 ¥5,000 的上限')
    expect(text).toContain('超过 60 课时的上限')
    expect(text).toContain('超过 3 个月的上限')
    expect(text).toContain('没有进入机构在银行开设的预收费监管专户')
    expect(await e.view().locator('.yg-form__error').count()).toBe(0)
    // The verdict renders below the form: the page brings it on screen by itself (its top first, were it taller).
    await e.page.waitForFunction(
      () => {
        const shown = Array.from(document.querySelectorAll('.yg-prepaid__result')).filter((el) => el.getClientRects().length > 0)
        const box = shown[shown.length - 1]?.getBoundingClientRect()
        return !!box && box.top >= 0 && (box.bottom <= window.innerHeight || box.top < 20)
      },
      null,
      { timeout: 5_000 },
    )
    await e.shot('e2e-prepaid-broken')
  })

  it('when 举报超额预收费 is tapped, then the report tab opens with the figures kept for the report', async () => {
    await e.view().locator('.yg-button', { hasText: '举报超额预收费' }).click()
    await waitForHash('/pages/report/index')
    const stored = await e.page.evaluate(() => {
      const raw = localStorage.getItem('report:prefill')
      return raw ? JSON.parse(raw).data : null
    })
    expect(stored).toMatchObject({ category: 'prepaid_fees', amountYuan: 12000, hours: 96, months: 12, intoEscrow: false })
  })

  it('when the case board is filtered by a violation type, then only cases of that type are listed', async () => {
    await e.open('/pages/explore/index')
    await e.view().locator('.yg-segments__item', { hasText: '违规曝光' }).click()
    await e.view().locator('.yg-case').first().waitFor({ timeout: 15_000 })
    expect(await e.view().locator('.yg-case').count()).toBe(20)
    await e.shot('e2e-cases')
    await e.view().locator('.yg-pick', { hasText: '违规类型' }).click()
    const picker = e.page.locator('.weui-picker:visible')
    await picker.waitFor()
    // The picker slides up, its mask lies over its rows, and a tap is read by where it lands: once the row has
    // come to rest on screen, tap at the row.
    const row = picker.locator('.weui-picker__item', { hasText: VIOLATION_LABEL[pickedType] })
    const box = await settledBox(row)
    await e.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)
    await picker.locator('.weui-picker__action', { hasText: '确定' }).click()
    // The picker fades out before it is hidden.
    await e.page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.weui-picker__overlay')].every((o) => o.style.display === 'none'))
    const total = cases.filter((c) => c.type === pickedType).length
    await e.view().getByText(`找到 ${total} 条案例`, { exact: false }).waitFor({ timeout: 15_000 })
    const types = await e.view().locator('.yg-case__type').allInnerTexts()
    expect(types.length).toBe(Math.min(20, total))
    for (const t of types) expect(t).toBe(VIOLATION_LABEL[pickedType])
    await e.shot('e2e-cases-filtered')
  })

  it('when a case about a registered institution is opened, then its facts, outcome and source show, and its institution is one tap away', async () => {
    await e.view().locator('.yg-case', { hasText: pickedCase.entityName }).first().click()
    await e.view().locator('.yg-read__case-head').waitFor({ timeout: 15_000 })
    const body = await e.view().innerText()
    for (const words of [pickedCase.facts, pickedCase.outcome, pickedCase.department, pickedCase.notice.title, pickedCase.date]) expect(body).toContain(words)
    expect(await e.view().locator('.yg-read__entity--link .yg-badge').count()).toBe(1)
    await e.shot('e2e-case')
    await e.view().locator('.yg-read__entity--link').click()
    await e.view().locator('.yg-verdict').waitFor({ timeout: 15_000 })
    expect(await e.view().locator('.yg-verdict').innerText()).toContain(pickedInstitution.name)
    expect(await e.view().locator('.yg-verdict__cases').innerText()).toMatch(/有 \d+ 条公开的违规案例/)
    const listed = await e.view().locator('.yg-detail__case').allInnerTexts()
    expect(listed.some((row) => row.includes(pickedCase.date) && row.includes(VIOLATION_LABEL[pickedType]))).toBe(true)
    await e.shot('e2e-detail-with-cases')
  })

  it('when the detail page’s 算一算 link is tapped, then the fee checker opens for that institution', async () => {
    // Only a white-listed institution's page invites payment (and so offers the checker); the case's was not one.
    const approved = sample.institutions.find((i) => i.status === 'approved')!
    const { id } = await e.app.env.db.selectFrom('institutions').select('id').where('uscc', '=', approved.uscc).executeTakeFirstOrThrow()
    await e.open(`/pages/institution/index?id=${id}`)
    await e.view().locator('.yg-detail__link', { hasText: '预付费是否合规？算一算' }).click()
    await waitForHash('/packages/read/prepaid')
    await e.view().locator('.yg-prepaid__inst').waitFor({ timeout: 15_000 })
    expect(await e.view().locator('.yg-prepaid__inst').innerText()).toContain(approved.name)
  })

  it('when the open figures are opened, then every chart carries its numbers in words, and the empty complaint count says so', async () => {
    await e.open('/packages/read/stats')
    await e.view().locator('.yg-bars').first().waitFor({ timeout: 15_000 })
    const body = await e.view().innerText()
    expect(body).toMatch(/数据截至 \d{4}-\d{2}-\d{2}/)
    expect(body).toContain('思明区')
    expect(body).toMatch(/第1批\s*\d{4}-\d{2}-\d{2} 公布/)
    expect(body).toContain('目前还没有收到举报')
    const values = await e.view().locator('.yg-bars__value').allInnerTexts()
    expect(values.length).toBeGreaterThan(10)
    for (const v of values) expect(v).toMatch(/^\d[\d,]* (家|条)$/)
    expect(await pageOverflow()).toBeLessThanOrEqual(0)
    await e.shot('e2e-stats')
  })

  it('when an article does not exist, then it says so and offers the list', async () => {
    await e.open('/packages/read/article?slug=no-such-article')
    await e.view().getByText('没有找到这篇文章').waitFor({ timeout: 15_000 })
  })
})

describe('a hostile article (Chromium)', () => {
  it('when an article carries a script tag, an onerror attribute and a javascript: link, then the page shows them as text and runs nothing', async () => {
    const e = await startE2E()
    try {
      const source = [
        '## 恶意内容测试',
        '',
        '<script>window.__pwned = "script"</script>',
        '',
        '<img src="x" onerror="window.__pwned = \'onerror\'">',
        '',
        '[点这里](javascript:window.__pwned=\'link\') 以及 [正常链接](/articles/prepaid-fees)',
      ].join('\n')
      const blocks = markdownToBlocks(source)
      await e.app.env.db
        .insertInto('articles')
        .values({ slug: 'hostile-test', title: '恶意内容测试', topic: 'basics', summary: '测试用', sources: JSON.stringify(['《测试》']), updated: '2026-11-28', blocks: JSON.stringify(blocks), search_text: 'x', content_hash: 'x' })
        .execute()
      let dialogs = 0
      e.page.on('dialog', (d) => {
        dialogs++
        void d.dismiss()
      })
      await e.open('/packages/read/article?slug=hostile-test')
      await e.view().getByText('恶意内容测试').first().waitFor({ timeout: 15_000 })
      const text = await e.view().innerText()
      expect(text).toContain('<script>window.__pwned = "script"</script>')
      expect(text).toContain('onerror=')
      await e.view().getByText('点这里').first().click()
      await e.page.waitForTimeout(500)
      expect(await e.page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined()
      expect(await e.page.evaluate(() => document.querySelectorAll('.taro_page script, .taro_page img[src="x"]').length)).toBe(0)
      expect(dialogs).toBe(0)
      await e.shot('e2e-article-hostile')
    } finally {
      await e.close()
    }
  })
})
