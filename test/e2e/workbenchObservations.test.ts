// 巡查发现 in the workbench (real Chromium, production H5 build, real gateway and database): a supervisor's visit
// with a failed item, a photo and a signature reaches 思明区's culture desk beside its complaints — on a phone the row
// opens the details under it, at 1280 wide they sit beside the list — and no other district's desk sees it. axe-core
// on both layouts.
import fs from 'node:fs'
import path from 'node:path'
import { generateSample } from '../../content/sample/generate'
import type { Account } from '../../src/domain/api'
import { startE2E, type E2E } from '../support/browser'
import { expectNoSeriousFindings } from '../support/axe'

const sample = generateSample()
const artsInSiming = sample.institutions.find((i) => i.status === 'approved' && i.category === 'arts' && i.district === 'siming')!
const PHOTO = fs.readFileSync(path.join(__dirname, '../fixtures/media/chromium-16x16.jpg'))

describe('巡查发现 in the workbench (Chromium)', () => {
  let e: E2E
  const tokens: Record<string, string> = {}
  const accounts: Record<string, Account> = {}
  let visitId: string

  async function api(name: string, event: Record<string, unknown>, as: string): Promise<any> {
    const res = await fetch(`${e.app.url}/api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${as}` }, body: JSON.stringify(event) })
    const body = (await res.json()) as any
    if (!body.ok) throw new Error(`${name}.${event.action}: ${JSON.stringify(body.error)}`)
    return body.data
  }
  async function upload(bytes: Buffer, type: string, as: string): Promise<string> {
    const form = new FormData()
    form.append('file', new Blob([bytes], { type }), type === 'image/png' ? 'sig.png' : 'photo.jpg')
    const res = await fetch(`${e.app.url}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${as}` } })
    return ((await res.json()) as any).data.fileId
  }
  async function as(who: string, route: string) {
    await e.open('/pages/mine/index')
    await e.page.evaluate(
      ([token, account]) => {
        localStorage.setItem('session:token', JSON.stringify({ data: token }))
        localStorage.setItem('session:account', JSON.stringify({ data: account }))
      },
      [tokens[who], accounts[who]] as const,
    )
    await e.open(route)
  }
  const tab = (words: string) => e.view().locator('.yg-dsec__tab', { hasText: words })
  const findingRows = () => e.view().locator('.yg-frow')
  async function shot(name: string) {
    await e.page.waitForTimeout(400)
    await e.shot(name)
  }

  beforeAll(async () => {
    e = await startE2E()
    for (const who of ['supervisor', 'staff-culture-siming', 'staff-sports-jimei']) {
      const r = await fetch(`${e.app.url}/api/auth`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'devLogin', account: who }) })
      const body = (await r.json()) as any
      tokens[who] = body.data.token
      accounts[who] = body.data.account
    }
    const inst = await e.app.env.db.selectFrom('institutions').select(['id', 'lat', 'lng']).where('uscc', '=', artsInSiming.uscc).executeTakeFirstOrThrow()
    const photo = await upload(PHOTO, 'image/jpeg', tokens.supervisor)
    const visit = await api(
      'supervision',
      {
        action: 'submit',
        requestId: 'e2e-desk-visit-abcdefgh',
        institutionId: inst.id,
        visitedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
        location: { lat: inst.lat + 0.004, lng: inst.lng, accuracyM: 18 },
        reason: '机构在同一栋楼的另一侧入口',
        checklist: { licence_displayed: 'pass', hours_by_2030: 'fail', fire_safety: 'fail', advertising: 'na' },
        itemNotes: { hours_by_2030: '晚上八点五十分仍有两个班在上课', fire_safety: '二楼安全出口堆放桌椅' },
        notes: '负责人在场，表示会整改',
        evidence: [photo],
        signature: { refused: true },
      },
      tokens.supervisor,
    )
    visitId = visit.id
  })
  afterAll(async () => e?.close())

  it('when 思明区’s culture desk opens 巡查发现 on a phone, then the visit is listed like a report and opens its details under the row', async () => {
    await as('staff-culture-siming', '/packages/staff/index')
    await e.view().locator('.yg-inbox .yg-irow, .yg-inbox .yg-empty').first().waitFor({ timeout: 20_000 })
    expect(await tab('举报').getAttribute('aria-selected')).toBe('true')
    await tab('巡查发现').click()
    await findingRows().first().waitFor({ timeout: 15_000 })
    expect(await tab('巡查发现').getAttribute('aria-selected')).toBe('true')
    expect(await e.view().locator('.yg-desk__title').innerText()).toBe('巡查发现')
    const row = findingRows().first()
    const words = await row.innerText()
    expect(words).toContain(artsInSiming.name)
    expect(words).toContain('✕ 2 项不符合')
    expect(words).toContain('示例社会监督员')
    expect(words).toMatch(/! 定位距登记地址约 4\d\d 米/)
    await shot('e2e-workbench-findings-375')
    await expectNoSeriousFindings(e.page, 'workbench · findings list')

    await row.click()
    const detail = e.view().locator('.yg-fdetail')
    await detail.waitFor({ timeout: 15_000 })
    expect(await row.getAttribute('aria-expanded')).toBe('true')
    const text = await detail.innerText()
    expect(text).toContain('晚上八点五十分仍有两个班在上课')
    expect(text).toContain('二楼安全出口堆放桌椅')
    expect(text).toContain('监督员说明：机构在同一栋楼的另一侧入口')
    expect(text).toContain('负责人拒绝签字')
    expect(text).toContain('负责人在场，表示会整改')
    // The photo comes through the signed evidence link and really loads.
    const img = detail.locator('.yg-fdetail__photo img')
    await img.waitFor({ timeout: 15_000 })
    await e.page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle(), { timeout: 15_000 })
    await detail.scrollIntoViewIfNeeded()
    await shot('e2e-workbench-findings-375-detail')
    await expectNoSeriousFindings(e.page, 'workbench · finding details')
  })

  it('when the visit is escalated, then the desk sees the ticket and opens it from the visit', async () => {
    const r = await api('supervision', { action: 'escalate', id: visitId, requestId: 'e2e-desk-escalate-abc' }, tokens.supervisor)
    await as('staff-culture-siming', '/packages/staff/index')
    await tab('巡查发现').click()
    await findingRows().first().waitFor({ timeout: 15_000 })
    expect(await findingRows().first().innerText()).toContain(`已转举报 ${r.ticketNo}`)
    await findingRows().first().click()
    await e.view().locator('.yg-fdetail__ticket').click()
    await e.page.waitForFunction(() => location.hash.includes('/packages/staff/ticket'), null, { timeout: 15_000 })
    await e.view().locator('.yg-thead__ticket', { hasText: r.ticketNo }).waitFor({ timeout: 15_000 })
  })

  it('when another district’s desk opens 巡查发现, then it does not see the visit', async () => {
    await as('staff-sports-jimei', '/packages/staff/index')
    await tab('巡查发现').click()
    await e.view().locator('.yg-inbox .yg-empty, .yg-frow').first().waitFor({ timeout: 15_000 })
    expect(await findingRows().count()).toBe(0)
    expect(await e.view().locator('.yg-empty').innerText()).toContain('暂无巡查发现')
  })

  it('at 1280×800, then the chosen visit sits beside the list', async () => {
    await e.page.setViewportSize({ width: 1280, height: 800 })
    try {
      await as('staff-culture-siming', '/packages/staff/index')
      await tab('巡查发现').click()
      await e.view().locator('.yg-desk__ticket .yg-fdetail').waitFor({ timeout: 15_000 })
      const list = (await e.view().locator('.yg-desk__list').boundingBox())!
      const pane = (await e.view().locator('.yg-desk__ticket').boundingBox())!
      expect(pane.x).toBeGreaterThanOrEqual(list.x + list.width - 1)
      expect(await e.view().locator('.yg-desk__ticket').innerText()).toContain('二楼安全出口堆放桌椅')
      expect(await findingRows().first().getAttribute('aria-current')).toBe('true')
      await shot('e2e-workbench-findings-1280')
      await expectNoSeriousFindings(e.page, 'workbench · findings desk')
    } finally {
      await e.page.setViewportSize({ width: 375, height: 812 })
    }
  })
})
