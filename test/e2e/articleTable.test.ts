// An article's wide table in the H5 app (real Chromium, production build): on a 375-wide phone each row is a card
// listing "列名：值" with no column cut off and no sideways scroll; at 1280 wide it is a table again; a table that fits
// a phone stays a table there; in both modes it is a table to assistive technology and axe finds nothing serious.
import { startE2E, type E2E } from '../support/browser'
import { expectNoSeriousFindings } from '../support/axe'

const PHONE = { width: 375, height: 812 }
const DESK = { width: 1280, height: 800 }
// content/articles/prepaid-fees.md: the worked examples, five columns.
const HEAD = ['例子', '金额', '课时和周期', '交到哪里', '结论']

interface Layout {
  /** The row's cells side by side (one line of tops) or one under another. */
  cellsInALine: boolean
  /** The visible words of the second example's cells. */
  words: string[]
  headVisible: boolean
  /** How far anything in the table reaches past the table's own box, or the table past the page. */
  overflow: number
}

describe.each([
  ['normal', false],
  ['关怀模式', true],
])('an article’s tables (Chromium, %s)', (mode, care) => {
  let e: E2E
  beforeAll(async () => {
    e = await startE2E()
    await e.open('/pages/mine/index')
    await e.page.evaluate((on) => localStorage.setItem('yg:care', JSON.stringify({ data: on ? 'on' : 'off' })), care)
  }, 300_000)
  afterAll(async () => {
    await e?.page.setViewportSize(PHONE)
    await e?.close()
  })

  async function openArticle(slug: string) {
    await e.open(`/packages/read/article?slug=${slug}`)
    await e.view().locator('.yg-article__table').first().waitFor({ timeout: 15_000 })
    expect(await e.view().locator('.yg-page.yg-care').count()).toBe(care ? 1 : 0)
    await e.page.waitForTimeout(300)
  }

  /** How the first table of the page on top is laid out, as a person sees it. */
  function layout(): Promise<Layout> {
    return e.view().locator('.yg-article__table').first().evaluate((table) => {
      const rows = [...table.querySelectorAll<HTMLElement>('[role="row"]')]
      const cells = [...rows[2].querySelectorAll<HTMLElement>('[role="cell"]')]
      const tops = cells.map((c) => Math.round(c.getBoundingClientRect().top))
      const box = table.getBoundingClientRect()
      const page = table.closest('.taro_page')!.getBoundingClientRect()
      const reach = Math.max(...[...table.querySelectorAll<HTMLElement>('*')].filter((n) => n.getClientRects().length).map((n) => n.getBoundingClientRect().right))
      const head = rows[0].getBoundingClientRect()
      return {
        cellsInALine: tops.every((t) => Math.abs(t - tops[0]) <= 2),
        words: cells.map((c) => c.innerText.replace(/\s+/g, '')),
        headVisible: head.width > 2 && head.height > 2,
        overflow: Math.max(reach - box.right, box.right - page.right, table.scrollWidth - table.clientWidth),
      }
    })
  }

  it('at 375 wide, then each row of the wide table is a card of “列名：值” lines, nothing cut off or scrolled sideways', async () => {
    await e.page.setViewportSize(PHONE)
    await openArticle('prepaid-fees')
    const l = await layout()
    expect(l).toEqual({
      cellsInALine: false,
      words: ['例子：2', '金额：4800元', '课时和周期：48课时，分4个月上', '交到哪里：监管专户', '结论：不合规：周期超过3个月'],
      headVisible: false,
      overflow: expect.any(Number),
    })
    expect(l.overflow).toBeLessThanOrEqual(1)
    await e.view().locator('.yg-article__table').first().scrollIntoViewIfNeeded()
    await e.shot(`article-table-375${care ? '-care' : ''}`)
  })

  it('at 375 wide, then assistive technology still meets a table: its column headers and each cell named by its value alone', async () => {
    const table = e.view().getByRole('table', { name: `表格：${HEAD.join('、')}` })
    expect(await table.getByRole('columnheader').allInnerTexts()).toEqual(HEAD)
    expect(await table.getByRole('row').count()).toBe(7)
    // The "列名：" prefix is for the eye; a screen reader takes the column's name from its header.
    const cell = table.getByRole('row').nth(2).getByRole('cell').nth(1)
    expect(await cell.evaluate((n) => [...n.querySelectorAll('[aria-hidden="true"]')].map((h) => h.textContent))).toEqual(['金额：'])
    await expectNoSeriousFindings(e.page, `article · wide table as cards · ${mode}`)
  })

  it('at 375 wide, then a table that fits the phone stays a table', async () => {
    await openArticle('how-to-report')
    const l = await layout()
    expect(l.cellsInALine).toBe(true)
    expect(l.headVisible).toBe(true)
    expect(l.overflow).toBeLessThanOrEqual(1)
    expect(l.words.some((w) => w.includes('：') && w.startsWith('环节'))).toBe(false)
  })

  it('at 1280 wide, then the wide table is a table: a visible header row, each row’s cells side by side, nothing past the page', async () => {
    await e.page.setViewportSize(DESK)
    await openArticle('prepaid-fees')
    const l = await layout()
    expect(l).toEqual({
      cellsInALine: true,
      words: ['2', '4800元', '48课时，分4个月上', '监管专户', '不合规：周期超过3个月'],
      headVisible: true,
      overflow: expect.any(Number),
    })
    expect(l.overflow).toBeLessThanOrEqual(1)
    await expectNoSeriousFindings(e.page, `article · wide table at 1280 · ${mode}`)
    await e.view().locator('.yg-article__table').first().scrollIntoViewIfNeeded()
    await e.shot(`article-table-1280${care ? '-care' : ''}`)
  })
})
