// The desk and field pages, checked with axe-core 4 in real Chromium on the production H5 build, in the normal mode
// and in 关怀模式, as accessibility.test.ts does for the public pages: the workbench (the inbox, a ticket, a step form
// with an error, 巡查发现 and a visit's details, the desk layout at 1280 wide) and the supervisor's pages (巡查工作台,
// the visit form empty and with its errors). The management pages are checked in both modes, with and without an
// error, by manage.test.ts ('every page, normal' / 'every page, 关怀模式').
import fs from 'node:fs'
import path from 'node:path'
import { generateSample } from '../../content/sample/generate'
import type { Account } from '../../src/domain/api'
import { startE2E, type E2E } from '../support/browser'
import { axeFindings, countByImpact, describeFindings, type Finding } from '../support/axe'

const sample = generateSample()
const artsInSiming = sample.institutions.find((i) => i.status === 'approved' && i.category === 'arts' && i.district === 'siming')!
const PHOTO = fs.readFileSync(path.join(__dirname, '../fixtures/media/chromium-16x16.jpg'))
const RESULTS = path.resolve(__dirname, '../../test-results')
const PHONE = { width: 375, height: 812 }
const DESK = { width: 1280, height: 800 }

describe.each([
  ['normal', false],
  ['关怀模式', true],
])('accessibility of the workbench and the supervisor pages (axe-core, Chromium, %s)', (mode, care) => {
  let e: E2E
  let ticketNo: string
  const tokens: Record<string, string> = {}
  const accounts: Record<string, Account> = {}
  const seen: Record<string, Finding[]> = {}

  async function api(name: string, event: Record<string, unknown>, token = ''): Promise<any> {
    const res = await fetch(`${e.app.url}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(event),
    })
    const body = (await res.json()) as any
    if (!body.ok) throw new Error(`${name}.${event.action}: ${JSON.stringify(body.error)}`)
    return body.data
  }
  async function upload(bytes: Buffer, token: string): Promise<string> {
    const form = new FormData()
    form.append('file', new Blob([bytes], { type: 'image/jpeg' }), 'photo.jpg')
    const res = await fetch(`${e.app.url}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } })
    return ((await res.json()) as any).data.fileId
  }

  beforeAll(async () => {
    e = await startE2E()
    for (const who of ['citizen', 'supervisor', 'staff-culture-siming']) {
      const session = await api('auth', { action: 'devLogin', account: who })
      tokens[who] = session.token
      accounts[who] = session.account
    }
    const inst = await e.app.env.db.selectFrom('institutions').select(['id', 'lat', 'lng']).where('uscc', '=', artsInSiming.uscc).executeTakeFirstOrThrow()
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10)
    // A named report for 思明区's culture desk, and a supervisor's visit with failed items for its 巡查发现.
    ticketNo = (
      await api(
        'complaints',
        {
          action: 'submit',
          requestId: `a11y-desk-${care ? 'care' : 'normal'}-abcdefgh`,
          category: 'late_hours',
          institutionId: inst.id,
          description: '周三晚上九点多还在上舞蹈课，孩子十点才到家，第二天上学没精神。',
          happenedOn: yesterday,
          contact: { anonymous: false, name: '林小红', phone: '13812345678' },
        },
        tokens.citizen,
      )
    ).ticketNo
    await api(
      'supervision',
      {
        action: 'submit',
        requestId: `a11y-visit-${care ? 'care' : 'normal'}-abcdefgh`,
        institutionId: inst.id,
        visitedAt: new Date(Date.now() - 20 * 60_000).toISOString(),
        location: { lat: inst.lat + 0.004, lng: inst.lng, accuracyM: 18 },
        reason: '机构在同一栋楼的另一侧入口',
        checklist: { licence_displayed: 'pass', hours_by_2030: 'fail', fire_safety: 'fail', advertising: 'na' },
        itemNotes: { hours_by_2030: '晚上八点五十分仍有两个班在上课', fire_safety: '二楼安全出口堆放桌椅' },
        notes: '负责人在场，表示会整改',
        evidence: [await upload(PHOTO, tokens.supervisor)],
        signature: { refused: true },
      },
      tokens.supervisor,
    )
  }, 300_000)
  afterAll(async () => {
    const all = Object.values(seen).flat()
    fs.mkdirSync(RESULTS, { recursive: true })
    fs.writeFileSync(
      path.join(RESULTS, `axe-desk-${care ? 'care' : 'normal'}.json`),
      JSON.stringify({ total: countByImpact(all), states: Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, describeFindings(v)])) }, null, 2),
    )
    await e?.close()
  })

  /** Checks the page as it stands now; a test's findings are listed, state by state, when it ends. */
  let pending: string[] = []
  async function check(state: string) {
    await e.page.waitForTimeout(300)
    const findings = await axeFindings(e.page)
    seen[state] = findings
    pending.push(...describeFindings(findings).map((f) => `${mode} · ${state}: ${f}`))
    await e.shot(`a11y-desk-${state.replace(/[^\w\u4e00-\u9fff]+/g, '-')}${care ? '-care' : ''}`)
  }
  afterEach(() => {
    const found = pending
    pending = []
    expect(found).toEqual([])
  })

  /** Signs the browser in as a demo account (the session the app keeps in storage), sets the mode, then opens `route`. */
  async function as(who: string, route: string) {
    await e.open('/pages/mine/index')
    await e.page.evaluate(
      ([token, account, on]) => {
        localStorage.setItem('session:token', JSON.stringify({ data: token }))
        localStorage.setItem('session:account', JSON.stringify({ data: account }))
        localStorage.setItem('yg:care', JSON.stringify({ data: on ? 'on' : 'off' }))
      },
      [tokens[who], accounts[who], care] as const,
    )
    await e.open(route)
    expect(await e.view().locator('.yg-page.yg-care').count()).toBe(care ? 1 : 0)
  }
  const view = () => e.view()
  const button = (words: string) => view().locator('.yg-button', { hasText: words })

  it('workbench: the inbox, a ticket, a step form with an error', async () => {
    await as('staff-culture-siming', '/packages/staff/index')
    await view().locator('.yg-inbox .yg-irow').first().waitFor({ timeout: 20_000 })
    await check('workbench · inbox')
    await e.open(`/packages/staff/ticket?ticketNo=${encodeURIComponent(ticketNo)}`)
    await view().locator('.yg-thead').waitFor({ timeout: 15_000 })
    await check('workbench · ticket')
    await button('不予受理').first().click()
    await button('确认不予受理').click()
    await view().locator('.yg-sform__error', { hasText: '请填写不予受理的理由' }).waitFor({ timeout: 15_000 })
    await check('workbench · ticket · form with an error')
  })

  it('workbench: 巡查发现 and a visit’s details', async () => {
    await as('staff-culture-siming', '/packages/staff/index')
    await view().locator('.yg-inbox .yg-irow, .yg-inbox .yg-empty').first().waitFor({ timeout: 20_000 })
    await view().locator('.yg-dsec__tab', { hasText: '巡查发现' }).click()
    await view().locator('.yg-frow').first().waitFor({ timeout: 15_000 })
    await check('workbench · findings')
    await view().locator('.yg-frow').first().click()
    await view().locator('.yg-fdetail').waitFor({ timeout: 15_000 })
    await check('workbench · finding details')
  })

  it('workbench at 1280 wide: the list and a ticket side by side', async () => {
    await e.page.setViewportSize(DESK)
    try {
      await as('staff-culture-siming', '/packages/staff/index')
      await view().locator('.yg-inbox .yg-irow').first().click()
      await view().locator('.yg-thead').waitFor({ timeout: 15_000 })
      await check('workbench · desk layout')
    } finally {
      await e.page.setViewportSize(PHONE)
    }
  })

  it('supervisor: 巡查工作台, the visit form empty and with its errors', async () => {
    await as('supervisor', '/packages/supervise/index')
    await view().locator('.yg-sup__intro').waitFor({ timeout: 15_000 })
    await view().locator('.yg-sup__obs-name, .yg-sup__block .yg-empty').first().waitFor({ timeout: 15_000 })
    await check('supervise · home')
    await button('新建巡查记录').click()
    await view().locator('.yg-obs__section').first().waitFor({ timeout: 15_000 })
    await check('supervise · visit form')
    await button('保存并上传').click()
    await view().locator('.yg-rform__error', { hasText: '请先签到定位' }).waitFor({ timeout: 15_000 })
    await check('supervise · visit form with errors')
  })
})
