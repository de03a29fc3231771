// A bad verdict never invites payment (issue 8, point 12): the detail page and the verify result, in Chromium at 375×812,
// for an approved, a blacklisted, a revoked and a suspended institution, and for a code that is not on record.
import { generateSample } from '../../content/sample/generate'
import { generateCases } from '../../content/sample/cases'
import type { InstitutionStatus } from '../../src/domain/catalog'
import { startE2E, type E2E } from '../support/browser'

const sample = generateSample()
const pick = (status: InstitutionStatus) => sample.institutions.find((i) => i.status === status)!
const CASES = (['approved', 'blacklisted', 'revoked', 'suspended'] as const).map((status) => ({ status, inst: pick(status) }))
/** A published code that passes the check digit and names no sample institution. */
const UNKNOWN_USCC = '91440300708461136T'
const PAY_INVITATION = '培训费须缴入上述监管账户'

describe('what a verdict says about paying (Chromium, 375×812)', () => {
  let e: E2E
  beforeAll(async () => {
    e = await startE2E()
  })
  afterAll(async () => e?.close())

  async function idOf(uscc: string): Promise<string> {
    return (await e.app.env.db.selectFrom('institutions').select('id').where('uscc', '=', uscc).executeTakeFirstOrThrow()).id
  }

  async function expectNoInvitation(scope: string) {
    expect(scope).not.toContain(PAY_INVITATION)
    expect(scope).not.toContain('算一算')
    expect(scope).toContain('请勿报名缴费')
    expect(scope).toContain('如已缴费，请这样做')
    for (const words of ['收据', '合同', '退还', '12345', '12315', '去举报']) expect(scope).toContain(words)
  }

  it.each(CASES)('when the detail page of a $status institution opens, then it invites payment only if approved', async ({ status, inst }) => {
    await e.open(`/pages/institution/index?id=${await idOf(inst.uscc)}`)
    await e.view().locator('.yg-verdict').waitFor({ timeout: 15_000 })
    await e.view().getByText('状态变更记录').waitFor({ timeout: 15_000 })
    const verdict = await e.view().locator('.yg-verdict').innerText()
    const body = await e.view().innerText()
    if (status === 'approved') {
      expect(verdict).not.toContain('请勿报名缴费')
      expect(body).toContain(PAY_INVITATION)
      expect(body).toContain('算一算')
      expect(await e.view().locator('.yg-advice').count()).toBe(0)
    } else {
      expect(verdict).toContain('请勿报名缴费')
      await expectNoInvitation(body)
      expect(await e.view().locator('.yg-advice').count()).toBe(1)
      // the escrow account stays visible for refunds, with words that say so
      expect(body).toContain(inst.escrowAccountName)
      expect(body).toContain('该机构目前不得招生收费')
    }
    const overflow = await e.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await e.shot(`e2e-verdict-detail-${status}`)
  })

  it('when 去举报 is tapped in the advice of a blacklisted institution, then the report tab opens with it filled in', async () => {
    const inst = pick('blacklisted')
    await e.open(`/pages/institution/index?id=${await idOf(inst.uscc)}`)
    await e.view().locator('.yg-advice__link', { hasText: '去举报' }).click()
    await e.page.waitForFunction(() => location.hash.includes('/pages/report/index'), null, { timeout: 15_000 })
    await e.view().getByText(`将举报：${inst.name}`).waitFor({ timeout: 15_000 })
  })

  async function verify(code: string): Promise<{ verdict: string; result: string }> {
    await e.open('/packages/verify/index')
    await e.view().locator('.yg-verify__input input').first().fill(code)
    await e.view().locator('.yg-verify__submit').click()
    await e.view().locator('.yg-verdict').waitFor({ timeout: 15_000 })
    return { verdict: await e.view().locator('.yg-verdict').innerText(), result: await e.view().locator('.yg-verify__result').innerText() }
  }

  it.each(CASES)('when a $status institution is verified, then the result invites payment only if approved', async ({ status, inst }) => {
    const { verdict, result } = await verify(inst.uscc)
    expect(verdict).toContain(inst.name)
    if (status === 'approved') {
      expect(result).not.toContain('请勿报名缴费')
      expect(result).not.toContain('如已缴费')
    } else {
      expect(verdict).toContain('请勿报名缴费')
      await expectNoInvitation(result)
    }
    await e.shot(`e2e-verdict-verify-${status}`)
  })

  it('when a code is not on record, then the result says 请勿报名缴费 with the same advice as a blacklisted one', async () => {
    const { verdict, result } = await verify(UNKNOWN_USCC)
    expect(verdict).toContain('未查到该机构')
    expect(verdict).toContain('请勿报名缴费')
    await expectNoInvitation(result)
    const steps = await e.view().locator('.yg-advice__text').allInnerTexts()
    await e.shot('e2e-verdict-verify-not-found')
    await verify(pick('blacklisted').uscc)
    expect(await e.view().locator('.yg-advice__text').allInnerTexts()).toEqual(steps)
  })

  it('when the 依据 line of a blacklisted verdict is tapped, then the notice opens on a page of its own: title, issuer, date, document number', async () => {
    const inst = pick('blacklisted')
    const seed = inst.history[inst.history.length - 1].notice!
    await e.open(`/pages/institution/index?id=${await idOf(inst.uscc)}`)
    await e.view().locator('.yg-verdict .yg-notice-link').click()
    await e.page.waitForFunction(() => location.hash.includes('/packages/read/notice'), null, { timeout: 15_000 })
    await e.view().locator('.yg-read__notice-title').waitFor({ timeout: 15_000 })
    const body = await e.view().innerText()
    for (const words of [seed.title, seed.issuer, seed.date, seed.docNo!, '暂无官方链接']) expect(body).toContain(words)
    const overflow = await e.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await e.shot('e2e-notice')
  })

  it('when a history entry and a batch on the detail page are tapped, then each opens its own notice', async () => {
    const inst = pick('suspended')
    await e.open(`/pages/institution/index?id=${await idOf(inst.uscc)}`)
    await e.view().getByText('状态变更记录').waitFor({ timeout: 15_000 })
    const suspension = inst.history.find((h) => h.status === 'suspended')!.notice!
    await e.view().locator('.yg-detail__history-notice .yg-notice-link', { hasText: suspension.title }).click()
    await e.view().locator('.yg-read__notice-title', { hasText: suspension.title }).waitFor({ timeout: 15_000 })
    expect(await e.view().innerText()).toContain(suspension.docNo!)
    const approved = pick('approved')
    const batch = sample.batches[approved.batchNo! - 1]
    await e.open(`/pages/institution/index?id=${await idOf(approved.uscc)}`)
    await e.view().getByText('白名单批次').first().waitFor({ timeout: 15_000 })
    await e.view().locator('.yg-field .yg-notice-link', { hasText: batch.notice.title }).click()
    await e.view().locator('.yg-read__notice-title', { hasText: batch.notice.title }).waitFor({ timeout: 15_000 })
    expect(await e.view().innerText()).toContain(batch.notice.issuer)
  })

  it('when a case’s 原始通报 is tapped, then its notice opens', async () => {
    const seed = generateCases(sample).find((c) => c.uscc)!
    const { id } = await e.app.env.db.selectFrom('violation_cases').select('id').where('facts', '=', seed.facts).executeTakeFirstOrThrow()
    await e.open(`/packages/read/case?id=${id}`)
    await e.view().locator('.yg-notice-link', { hasText: seed.notice.title }).click()
    await e.view().locator('.yg-read__notice-title', { hasText: seed.notice.title }).waitFor({ timeout: 15_000 })
    expect(await e.view().innerText()).toContain(seed.notice.docNo!)
  })

  it('when a notice is opened with an official link, then the link is shown with a way to open it', async () => {
    const [n] = await e.app.env.db.insertInto('notices').values({ title: '厦门市文化和旅游局关于公布第9批非学科类校外培训机构白名单的公告（示例）', issuer: '厦门市文化和旅游局', date: '2026-11-30', doc_no: '厦文旅〔2026〕120号', url: 'https://wlj.xm.gov.cn/zwgk/tzgg/2026/120.htm' }).returning('id').execute()
    await e.open(`/packages/read/notice?id=${n.id}`)
    await e.view().locator('.yg-read__notice-title').waitFor({ timeout: 15_000 })
    const body = await e.view().innerText()
    expect(body).toContain('https://wlj.xm.gov.cn/zwgk/tzgg/2026/120.htm')
    expect(body).toContain('打开官方原文')
    await e.shot('e2e-notice-with-link')
  })

  it('when a notice id is unknown, then the page says so in Chinese and offers a way on', async () => {
    await e.open('/packages/read/notice?id=00000000-0000-0000-0000-000000000000')
    await e.view().getByText('没有找到这份公告').waitFor({ timeout: 15_000 })
    expect(await e.view().innerText()).toContain('去查机构')
  })
})
