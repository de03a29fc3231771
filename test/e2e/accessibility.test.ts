// Every page and state today's app reaches, checked with axe-core 4 in real Chromium on the production H5 build:
// no critical or serious finding, in the normal mode and in 关怀模式 (care mode: larger text and targets, more contrast).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateSample } from '../../content/sample/generate'
import { startE2E, type E2E } from '../support/browser'
import { axeFindings, countByImpact, describeFindings, type Finding } from '../support/axe'

const sample = generateSample()
const approved = sample.institutions.find((i) => i.status === 'approved' && i.batchNo === 3)!
const blacklisted = sample.institutions.find((i) => i.status === 'blacklisted')!
const target = sample.institutions.find((i) => i.status === 'approved' && i.name.length >= 6)!
const RESULTS = path.resolve(__dirname, '../../test-results')

describe.each([
  ['normal', false],
  ['关怀模式', true],
])('accessibility of every page and state (axe-core, Chromium 375×812, %s)', (mode, care) => {
  let e: E2E
  let tmp: string
  let photos: string[]
  const seen: Record<string, Finding[]> = {}
  beforeAll(async () => {
    e = await startE2E()
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-a11y-'))
    photos = await makePhotos(e, tmp)
    await e.open('/pages/mine/index')
    await e.page.evaluate((on) => localStorage.setItem('yg:care', JSON.stringify({ data: on ? 'on' : 'off' })), care)
  }, 300_000)
  afterAll(async () => {
    // The tally by impact, for the record (test-results/axe-<mode>.json).
    const all = Object.values(seen).flat()
    fs.mkdirSync(RESULTS, { recursive: true })
    fs.writeFileSync(
      path.join(RESULTS, `axe-${care ? 'care' : 'normal'}.json`),
      JSON.stringify({ total: countByImpact(all), states: Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, describeFindings(v)])) }, null, 2),
    )
    await e?.close()
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  })

  /** Checks the page as it stands now; a test's findings are listed, state by state, when it ends (so one bad state does not hide the next). */
  let pending: string[] = []
  async function check(state: string) {
    // Let the page finish sliding in and re-rendering before judging it.
    await e.page.waitForTimeout(300)
    const findings = await axeFindings(e.page)
    seen[state] = findings
    pending.push(...describeFindings(findings).map((f) => `${mode} · ${state}: ${f}`))
  }
  afterEach(() => {
    const found = pending
    pending = []
    expect(found).toEqual([])
  })
  const button = (words: string) => e.view().locator('.yg-button', { hasText: words })
  const stepIs = (n: number) => e.view().getByText(`第 ${n} 步，共 5 步`).waitFor({ timeout: 15_000 })
  const idOf = async (name: string) =>
    String((await e.app.env.db.selectFrom('institutions').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id)
  const typeSearch = async (text: string) => {
    const input = e.view().locator('.yg-search__input input').first()
    await input.fill('')
    await input.fill(text)
  }

  it('home: search with results', async () => {
    await e.open('/pages/index/index')
    await typeSearch('舞蹈')
    await e.view().locator('.yg-item').first().waitFor({ timeout: 15_000 })
    await check('home · results')
  })

  it('home: a filter picker open', async () => {
    await e.view().locator('.yg-chip', { hasText: '区域' }).first().click()
    await e.page.locator('.weui-picker:visible').waitFor({ timeout: 15_000 })
    await check('home · filter picker open')
    await e.page.locator('.weui-picker:visible .weui-picker__action', { hasText: '取消' }).click()
    await e.page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.weui-picker__overlay')].every((o) => o.style.display === 'none'))
  })

  it('home: nothing found', async () => {
    await typeSearch('查无此名')
    await e.view().getByText('没有找到与“查无此名”相关的机构').waitFor({ timeout: 15_000 })
    await check('home · empty')
  })

  it('detail: an approved institution', async () => {
    await e.open(`/pages/institution/index?id=${await idOf(approved.name)}`)
    await e.view().locator('.yg-verdict').waitFor({ timeout: 15_000 })
    await check('detail · approved')
  })

  it('detail: a blacklisted institution', async () => {
    await e.open(`/pages/institution/index?id=${await idOf(blacklisted.name)}`)
    await e.view().locator('.yg-verdict').waitFor({ timeout: 15_000 })
    await check('detail · blacklisted')
  })

  it('verify: the empty form, a mistyped code, a blacklisted result', async () => {
    await e.open('/packages/verify/index')
    await e.view().locator('.yg-verify__input input').first().waitFor({ timeout: 15_000 })
    await check('verify · input')
    await e.view().locator('.yg-verify__input input').first().fill('91440300708461136X')
    await e.view().locator('.yg-verify__submit').click()
    await e.view().locator('.yg-verify__error').waitFor({ timeout: 15_000 })
    await check('verify · error')
    await e.view().locator('.yg-verify__input input').first().fill(blacklisted.licenseNo)
    await e.view().locator('.yg-verify__submit').click()
    await e.view().locator('.yg-verdict').waitFor({ timeout: 15_000 })
    await check('verify · result')
  })

  it('explore: articles and cases tabs, a case', async () => {
    await e.open('/pages/explore/index')
    await e.view().locator('.yg-articles__row').first().waitFor({ timeout: 15_000 })
    await check('explore · articles')
    await e.view().locator('.yg-segments__item', { hasText: '违规曝光' }).click()
    await e.view().locator('.yg-case').first().waitFor({ timeout: 15_000 })
    await check('explore · cases')
    await e.view().locator('.yg-case').first().click()
    await e.view().locator('.yg-read__case-head').waitFor({ timeout: 15_000 })
    await check('case')
  })

  it('article: headings, lists and a wide table', async () => {
    await e.open('/packages/read/article?slug=prepaid-fees')
    await e.view().locator('.yg-read__title').first().waitFor({ timeout: 15_000 })
    await check('article')
  })

  it('prepaid checker: errors, then a result', async () => {
    await e.open('/packages/read/prepaid')
    await e.view().locator('.yg-form__input').first().waitFor({ timeout: 15_000 })
    await check('prepaid · form')
    await button('算一算').click()
    await e.view().locator('.yg-form__error').first().waitFor({ timeout: 15_000 })
    await check('prepaid · errors')
    const inputs = e.view().locator('.yg-form__input input')
    await inputs.nth(0).fill('12000')
    await inputs.nth(1).fill('96')
    await inputs.nth(2).fill('12')
    await e.view().locator('.yg-form__option', { hasText: '个人账户或其他' }).click()
    await button('算一算').click()
    await e.view().locator('.yg-prepaid__result').waitFor({ timeout: 15_000 })
    await check('prepaid · result')
  })

  it('stats', async () => {
    await e.open('/packages/read/stats')
    await e.view().locator('.yg-bars').first().waitFor({ timeout: 15_000 })
    await check('stats')
  })

  it('我的', async () => {
    await e.open('/pages/mine/index')
    await e.view().getByText('我的举报').first().waitFor({ timeout: 15_000 })
    await check('mine')
  })

  it('report: the tab, the sign-in gate, each step with its errors, the receipt, 我的举报 and the ticket', async () => {
    await e.open('/pages/report/index')
    await e.view().getByText('可以举报这些问题').waitFor({ timeout: 15_000 })
    await check('report · tab')
    await button('开始举报').click()
    await e.view().locator('.yg-gate').waitFor({ timeout: 15_000 })
    await check('report · sign-in gate')
    await button('以示例市民身份登录').click()
    await stepIs(1)
    await button('下一步').click()
    await e.view().locator('.yg-rform__error').first().waitFor({ timeout: 15_000 })
    await check('report · step 1 error')
    await e.view().locator('.yg-rform__option', { hasText: '超时培训' }).click()
    await button('下一步').click()
    await stepIs(2)
    await e.view().locator('.yg-rform__input input').first().fill(target.name)
    await e.view().locator('.yg-item', { hasText: target.name }).first().waitFor({ timeout: 15_000 })
    await check('report · step 2 search')
    await e.view().locator('.yg-item', { hasText: target.name }).first().click()
    await e.view().locator('.yg-rf__picked-name', { hasText: target.name }).waitFor()
    await button('下一步').click()
    await stepIs(3)
    await e.view().locator('.yg-rform__area textarea').fill('太晚了')
    await button('下一步').click()
    await e.view().locator('.yg-rform__error').first().waitFor({ timeout: 15_000 })
    await check('report · step 3 error')
    await e.view().locator('.yg-rform__area textarea').fill('上周五晚上九点半，该机构还在给二十多名小学生上舞蹈课，家长在楼下等到十点才接到孩子。')
    await button('下一步').click()
    await stepIs(4)
    const chooser = e.page.waitForEvent('filechooser')
    await e.view().locator('.yg-ev__add').click()
    await (await chooser).setFiles(photos)
    await e.page.waitForFunction(() => {
      const page = [...document.querySelectorAll('.taro_page.taro_page_stationed:not(.taro_page_shade)')].pop()
      const states = [...(page?.querySelectorAll('.yg-ev__state') ?? [])].map((n) => (n as HTMLElement).innerText)
      return states.length === 2 && states.every((s) => s.includes('已上传'))
    }, null, { timeout: 30_000 })
    await check('report · step 4 evidence')
    await button('下一步').click()
    await stepIs(5)
    await e.view().locator('.yg-rform__option', { hasText: '留下姓名和手机号' }).click()
    const inputs = e.view().locator('.yg-rform__input input')
    await inputs.nth(0).fill('王女士')
    await inputs.nth(1).fill('1380000')
    await button('提交举报').click()
    await e.view().locator('.yg-rform__error').first().waitFor({ timeout: 15_000 })
    await check('report · step 5 error')
    await inputs.nth(1).fill('13800000000')
    await button('提交举报').click()
    await e.view().locator('.yg-receipt__ticket').waitFor({ timeout: 20_000 })
    await check('report · receipt')
    await button('我的举报').click()
    await e.view().locator('.yg-mylist__item').first().waitFor({ timeout: 15_000 })
    await check('我的举报')
    await e.view().locator('.yg-mylist__item').first().click()
    await e.view().locator('.yg-timeline__item').first().waitFor({ timeout: 15_000 })
    await e.view().locator('.yg-cdetail__ev').first().waitFor({ timeout: 15_000 })
    await check('ticket')
  })
})

/** Two small real images drawn by the browser itself: a PNG and a JPEG. */
async function makePhotos(e: E2E, dir: string): Promise<string[]> {
  await e.page.goto(`${e.app.url}/healthz`)
  const urls = await e.page.evaluate(() => {
    const draw = (colour: string, type: string) => {
      const c = document.createElement('canvas')
      c.width = 64
      c.height = 48
      const g = c.getContext('2d')!
      g.fillStyle = colour
      g.fillRect(0, 0, 64, 48)
      return c.toDataURL(type, 0.9)
    }
    return [draw('#1f5faf', 'image/png'), draw('#bc4c00', 'image/jpeg')]
  })
  return urls.map((url, i) => {
    const file = path.join(dir, i === 0 ? 'sign.png' : 'receipt.jpg')
    fs.writeFileSync(file, Buffer.from(url.split(',')[1], 'base64'))
    return file
  })
}
