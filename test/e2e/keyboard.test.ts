// Without a pointer: search, open a detail, verify a code and file a report with Tab, Enter, Space and typing only
// (real Chromium on the production H5 build). Every control passed on the way shows a focus ring.
import { generateSample } from '../../content/sample/generate'
import { startE2E, type E2E } from '../support/browser'

const sample = generateSample()
const approved = sample.institutions.find((i) => i.status === 'approved' && i.batchNo === 3)!
const blacklisted = sample.institutions.find((i) => i.status === 'blacklisted')!

describe('keyboard only (Chromium, 375×812)', () => {
  let e: E2E
  beforeAll(async () => {
    e = await startE2E()
  }, 300_000)
  afterAll(async () => e?.close())

  /** Presses Tab until the focused element matches `selector` (and holds `text`, when given); fails after `max` presses. */
  async function tabTo(selector: string, text?: string, max = 80): Promise<void> {
    for (let i = 0; i < max; i++) {
      await e.page.keyboard.press('Tab')
      const hit = await e.page.evaluate(
        ([sel, words]) => {
          const el = document.activeElement as HTMLElement | null
          if (!el || !el.matches(sel)) return false
          return !words || el.innerText.includes(words)
        },
        [selector, text ?? ''] as const,
      )
      if (hit) {
        // The ring is drawn: an outline wider than zero on the focused control.
        const ring = await e.page.evaluate(() => {
          const el = document.activeElement as HTMLElement
          const style = getComputedStyle(el)
          return { drawn: parseFloat(style.outlineWidth) > 0 && style.outlineStyle !== 'none', element: el.outerHTML.slice(0, 120) }
        })
        expect(ring).toEqual({ drawn: true, element: ring.element })
        return
      }
    }
    throw new Error(`Tab never reached ${selector}${text ? ` with “${text}”` : ''}`)
  }
  const typeText = (text: string) => e.page.keyboard.type(text)

  it('when a parent types a name and tabs to a result, then Enter opens its detail with the verdict', async () => {
    await e.open('/pages/index/index')
    // The search box has the focus on arrival.
    await e.page.waitForFunction(() => document.activeElement?.tagName === 'INPUT', null, { timeout: 15_000 })
    await typeText(approved.name)
    await e.view().locator('.yg-item', { hasText: approved.name }).first().waitFor({ timeout: 15_000 })
    await tabTo('.yg-item', approved.name)
    await e.page.keyboard.press('Enter')
    await e.view().locator('.yg-verdict').waitFor({ timeout: 15_000 })
    expect(await e.view().locator('.yg-verdict').innerText()).toContain('白名单')
    await e.shot('keyboard-detail')
  })

  it('when the verify link is reached by Tab, then a code typed and 核验 pressed with Enter gives the verdict', async () => {
    await e.open('/pages/index/index')
    await tabTo('.yg-home__verify')
    await e.page.keyboard.press('Enter')
    await e.page.waitForFunction(() => location.hash.includes('/packages/verify/index'), null, { timeout: 15_000 })
    await e.view().locator('.yg-verify__input input').first().waitFor({ timeout: 15_000 })
    await tabTo('.yg-verify__input input')
    await typeText(blacklisted.licenseNo)
    await tabTo('[role="button"]', '核验')
    await e.page.keyboard.press('Enter')
    await e.view().locator('.yg-verdict').waitFor({ timeout: 15_000 })
    expect(await e.view().locator('.yg-verdict').innerText()).toContain('黑名单')
  })

  it('when a report is filed with the keyboard alone, then a ticket comes back', async () => {
    await e.open('/pages/report/index')
    await e.view().getByText('可以举报这些问题').waitFor({ timeout: 15_000 })
    await tabTo('[role="button"]', '开始举报')
    await e.page.keyboard.press('Enter')
    await e.view().locator('.yg-gate').waitFor({ timeout: 15_000 })
    await tabTo('[role="button"]', '以示例市民身份登录')
    await e.page.keyboard.press('Enter')
    await e.view().getByText('第 1 步，共 5 步').waitFor({ timeout: 15_000 })
    // 1: a radio chosen with Space, said to be checked.
    await tabTo('[role="radio"]', '超时培训')
    await e.page.keyboard.press(' ')
    await e.page.waitForFunction(() => document.activeElement?.getAttribute('aria-checked') === 'true')
    await tabTo('[role="button"]', '下一步')
    await e.page.keyboard.press('Enter')
    // 2: not on the list, name and address typed.
    await e.view().getByText('第 2 步，共 5 步').waitFor({ timeout: 15_000 })
    await tabTo('[role="radio"]', '不在名单上')
    await e.page.keyboard.press(' ')
    await tabTo('.yg-rform__input input')
    await typeText('阳光小天才托管')
    await tabTo('.yg-rform__input input')
    await typeText('湖里区金山路88号3楼')
    await tabTo('[role="button"]', '下一步')
    await e.page.keyboard.press('Enter')
    // 3: the story.
    await e.view().getByText('第 3 步，共 5 步').waitFor({ timeout: 15_000 })
    await tabTo('textarea')
    await typeText('晚上九点半还在给二十多名小学生上课，家长十点才接到孩子。')
    await tabTo('[role="button"]', '下一步')
    await e.page.keyboard.press('Enter')
    // 4: no evidence.
    await e.view().getByText('第 4 步，共 5 步').waitFor({ timeout: 15_000 })
    await tabTo('[role="button"]', '下一步')
    await e.page.keyboard.press('Enter')
    // 5: anonymous, then submit.
    await e.view().getByText('第 5 步，共 5 步').waitFor({ timeout: 15_000 })
    await tabTo('[role="radio"]', '匿名举报')
    await e.page.keyboard.press(' ')
    await tabTo('[role="button"]', '提交举报')
    await e.page.keyboard.press('Enter')
    await e.view().locator('.yg-receipt__ticket').waitFor({ timeout: 20_000 })
    expect(await e.view().locator('.yg-receipt__ticket').innerText()).toMatch(/^XM\d{8}-\d{4,6}$/)
    await e.shot('keyboard-receipt')
  })
})
