// The workbench's management pages in the H5 app (real Chromium, production build, real gateway and database): a case
// published from a report reaches the public board with no trace of the reporter; a blacklisting on a notice changes
// what a parent sees at once; an invitation code is made and shown; a campaign is saved; the handling figures are a
// table; a white list is previewed row by row and imported; the audit log lists it all. Every page is checked with
// axe-core in the normal mode and in 关怀模式, and photographed at a phone's and a desk's width.
import { generateSample } from '../../content/sample/generate'
import { DISTRICT_LABEL } from '../../src/domain/catalog'
import { usccCheckChar } from '../../src/domain/uscc'
import { settledTexts, startE2E, type E2E } from '../support/browser'
import { axeFindings, describeFindings } from '../support/axe'

const sample = generateSample()
// Arts institutions are the culture bureau's: the demo staff-culture account (city level) may act on them.
const arts = sample.institutions.filter((i) => i.category === 'arts')
const reported = arts.find((i) => i.status === 'approved' && i.name.length >= 6)!
const toBlacklist = arts.find((i) => i.status === 'approved' && i !== reported && i.name.length >= 6)!
const toSuspend = arts.find((i) => i.status === 'approved' && i !== reported && i !== toBlacklist)!

const PHONE = { width: 375, height: 812 }
const DESK = { width: 1280, height: 800 }
const REPORTER = { name: '林秀英', phone: '13812345678' }

describe('the workbench management pages (Chromium)', () => {
  let e: E2E
  let n = 0
  beforeAll(async () => {
    e = await startE2E()
  })
  afterAll(async () => {
    await e?.close()
  })

  const view = () => e.view()
  const button = (words: string) => view().locator('.yg-button', { hasText: words })
  const errorsAre = async (expected: string[]) => expect(await settledTexts(view().locator('.yg-rform__error'), expected)).toEqual(expected)
  const labelled = (label: string) => view().locator('.yg-rform__field', { has: e.page.locator('.yg-rform__label', { hasText: label }) })
  const input = (label: string) => labelled(label).locator('input').first()
  const area = (label: string) => labelled(label).locator('textarea').first()
  const chip = (group: string, words: string) => view().locator('.yg-chips', { hasText: group }).locator('.yg-chips__chip', { hasText: words })

  async function api(name: string, event: Record<string, unknown>, token = ''): Promise<{ status: number; body: any }> {
    const res = await fetch(`${e.app.url}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(event),
    })
    return { status: res.status, body: await res.json() }
  }

  /** Signs the browser in as a demo account, the way the app keeps a session (Taro storage). */
  async function signIn(account: string): Promise<string> {
    const r = await api('auth', { action: 'devLogin', account })
    expect(r.status).toBe(200)
    await e.open('/pages/mine/index')
    await e.page.evaluate(({ token, acct }) => {
      localStorage.setItem('session:token', JSON.stringify({ data: token }))
      localStorage.setItem('session:account', JSON.stringify({ data: acct }))
    }, { token: r.body.data.token, acct: r.body.data.account })
    return r.body.data.token as string
  }

  async function openManage(page: string, query = '') {
    await e.open(`/packages/manage/${page}${query}`)
    await view().locator('.yg-manage__title').waitFor({ timeout: 30_000 })
  }

  async function institutionId(uscc: string): Promise<string> {
    return String((await e.app.env.db.selectFrom('institutions').select('id').where('uscc', '=', uscc).executeTakeFirstOrThrow()).id)
  }

  async function fillNotice(title: string) {
    await input('公告标题').fill(title)
    await input('文号（选填）').fill('厦文旅〔2026〕88号')
    await input('公告链接（选填）').fill('https://wlj.xm.gov.cn/tzgg/88.html')
  }

  it('when nobody is signed in, then a page asks for a staff sign-in; a citizen is told the page is not for that account', async () => {
    await e.open('/packages/manage/case')
    await view().locator('.yg-gate').waitFor({ timeout: 30_000 })
    expect(await view().locator('.yg-gate').innerText()).toContain('请用工作人员账号登录后发布典型案例')
    await e.shot('e2e-manage-gate')
    await expectCalm('case · signed out')

    await signIn('citizen')
    await openManage('case')
    await view().getByText('当前账号不能使用这项功能').waitFor({ timeout: 15_000 })
    await e.shot('e2e-manage-not-allowed')
    await expectCalm('case · not allowed')

    // The audit log is the admin's alone: staff are turned away there too.
    await signIn('staff-culture')
    await openManage('audit')
    await view().getByText('当前账号不能使用这项功能').waitFor({ timeout: 15_000 })
  })

  it('when staff publish a case from a report, then the public board shows it with no trace of the reporter, ticket or phone', async () => {
    const citizen = await signInApi('citizen')
    const filed = await api(
      'complaints',
      {
        action: 'submit',
        requestId: `manage-case-${++n}-abcdefgh`,
        category: 'late_hours',
        institutionId: await institutionId(reported.uscc),
        description: '周五晚上九点半还在上舞蹈课，孩子十点才到家。',
        happenedOn: yesterday(),
        contact: { anonymous: false, name: REPORTER.name, phone: REPORTER.phone },
      },
      citizen,
    )
    expect(filed.status).toBe(200)
    const ticketNo = filed.body.data.ticketNo as string

    await signIn('staff-culture')
    await openManage('case', `?ticketNo=${encodeURIComponent(ticketNo)}`)
    // Filled in from the ticket: the operator's name, its district and the violation type.
    await e.page.waitForFunction((name) => [...document.querySelectorAll('input')].some((i) => i.value === name), reported.name, { timeout: 15_000 })
    expect(await view().locator('.yg-chips__chip--on').allInnerTexts()).toEqual(expect.arrayContaining(['超时培训']))

    // Empty facts and notice: named beside their fields, in red words.
    await button('预览').click()
    await errorsAre(['请填写违规事实', '请填写处理结果', '请填写公告标题'])
    await e.shot('e2e-manage-case-errors')
    await expectCalm('case · errors')

    // The reporter's phone in the facts: refused beside 违规事实, quoted masked (the server's own check, run before sending).
    await area('违规事实').fill(`经核查，该机构在晚上九点半后仍组织舞蹈培训，联系人电话${REPORTER.phone}。`)
    await area('处理结果').fill('责令限期整改，停止超时培训。')
    await fillNotice('关于某舞蹈培训机构超时培训的处理通报')
    await button('预览').click()
    const factsError = labelled('违规事实').locator('.yg-rform__error')
    await factsError.waitFor({ timeout: 15_000 })
    expect(await factsError.innerText()).toContain('138****5678')
    await e.shot('e2e-manage-case-personal-data')

    const facts = '经核查，该机构在晚上九点半后仍组织小学生舞蹈培训，违反培训时间规定。'
    await area('违规事实').fill(facts)
    await button('预览').click()
    await view().locator('.yg-cpreview .yg-case').waitFor({ timeout: 15_000 })
    expect(await view().locator('.yg-cpreview .yg-case__name').innerText()).toBe(reported.name)
    await e.shot('e2e-manage-case-preview')
    await e.page.setViewportSize(DESK)
    await e.shot('e2e-manage-case-preview-desk')
    await e.page.setViewportSize(PHONE)
    // Nothing is saved by a preview.
    expect(await e.app.env.db.selectFrom('violation_cases').select('id').where('facts', '=', facts).execute()).toHaveLength(0)

    await button('确认发布').click()
    await view().getByText('案例已发布').waitFor({ timeout: 15_000 })
    const stored = await e.app.env.db.selectFrom('violation_cases').select('id').where('facts', '=', facts).executeTakeFirstOrThrow()

    // The public board lists it first; its page and the public answer carry nothing of the reporter or the ticket.
    await e.open('/pages/explore/index')
    await view().locator('.yg-seg__item, [role=tab]', { hasText: '违规曝光' }).first().click()
    await view().locator('.yg-case').first().waitFor({ timeout: 15_000 })
    expect(await view().locator('.yg-case').first().innerText()).toContain(reported.name)
    const publicCase = await api('content', { action: 'case', id: String(stored.id) })
    const pub = JSON.stringify(publicCase.body)
    for (const trace of [ticketNo, REPORTER.name, REPORTER.phone, '138****5678']) expect(pub).not.toContain(trace)
    await e.open(`/packages/read/case?id=${stored.id}`)
    await view().getByText(facts).waitFor({ timeout: 15_000 })
    const page = await view().innerText()
    for (const trace of [ticketNo, REPORTER.name, REPORTER.phone]) expect(page).not.toContain(trace)
  })

  it('when staff blacklist an institution on a notice, then its detail page and the verify result say 黑名单 at once', async () => {
    await signIn('staff-culture')
    await openManage('institution')
    await input('查找机构').fill(toBlacklist.name)
    await view().locator('.yg-item', { hasText: toBlacklist.name }).first().click()
    await view().locator('.yg-istatus__name', { hasText: toBlacklist.name }).waitFor({ timeout: 15_000 })
    await e.shot('e2e-manage-institution')

    await button('下一步：确认').click()
    await errorsAre(['请选择新的状态', '请填写变更理由', '请填写公告标题'])
    await expectCalm('institution · errors')
    await chip('变更为', '列入黑名单').click()
    await area('变更理由').fill('拒不整改，多次超时培训并违规预收费。')
    await fillNotice('关于将某艺术培训机构列入黑名单的公告')
    await button('下一步：确认').click()
    await view().getByText('确认变更').first().waitFor({ timeout: 15_000 })
    await e.shot('e2e-manage-institution-confirm')
    await button('确认变更').click()
    await view().getByText('状态已变更').waitFor({ timeout: 15_000 })

    const id = await institutionId(toBlacklist.uscc)
    await e.open(`/pages/institution/index?id=${id}`)
    await view().locator('.yg-verdict').first().waitFor({ timeout: 15_000 })
    expect(await view().locator('.yg-verdict__words').first().innerText()).toBe('黑名单')
    expect(await view().innerText()).toContain('关于将某艺术培训机构列入黑名单的公告')
    const verified = await api('institutions', { action: 'verify', code: toBlacklist.uscc })
    expect(verified.body.data.result).toBe('blacklisted')
  })

  it('when staff make an invitation code, then it is shown big and listed among the open invitations', async () => {
    await signIn('staff-culture')
    await openManage('supervisors')
    await view().getByText('生成邀请码').first().waitFor({ timeout: 15_000 })
    await button('生成邀请码').click()
    await errorsAre(['请选择监督员所在的行政区', '请选择监督员类别'])
    await expectCalm('supervisors · errors')
    await chip('所在区', '思明区').click()
    await chip('监督员类别', '社会监督员').click()
    await button('生成邀请码').click()
    const code = view().locator('.yg-invite__code')
    await code.waitFor({ timeout: 15_000 })
    const text = await code.innerText()
    expect(text.length).toBeGreaterThanOrEqual(4)
    // Big enough to read out: at least twice the body text.
    const size = await code.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    const body = await view().locator('.yg-manage__note').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
    expect(size).toBeGreaterThanOrEqual(2 * body)
    await view().locator('[role=row]', { hasText: text }).first().waitFor({ timeout: 15_000 })
    await e.shot('e2e-manage-invite')
  })

  it('when staff save a campaign, then it is listed with its dates, districts and focus', async () => {
    await signIn('staff-culture')
    await openManage('campaigns')
    await newCampaign()
    await button('保存').click()
    await errorsAre(['请填写行动名称', '请选择结束日期', '请至少选择一个行政区', '请至少选择一个重点检查项'])
    await expectCalm('campaigns · errors')
    await input('行动名称').fill('寒假校外培训专项检查')
    await pickDate('结束日期')
    await chip('涉及的区', '思明区').click()
    await chip('涉及的区', '湖里区').click()
    await chip('检查重点', '线下培训在20:30前结束').click()
    await button('保存').click()
    await view().getByText('已保存“寒假校外培训专项检查”').waitFor({ timeout: 15_000 })
    const card = view().locator('.yg-campaign', { hasText: '寒假校外培训专项检查' })
    expect(await card.innerText()).toContain('思明区、湖里区')
    expect(await card.innerText()).toContain('线下培训在20:30前结束')
    await e.shot('e2e-manage-campaigns')
  })

  it('when staff open 办理统计, then each period is a table with a header row and a total', async () => {
    await signIn('staff-culture')
    await openManage('stats')
    for (const days of [30, 90, 365]) {
      await view().locator('[role=tab]', { hasText: `近 ${days} 天` }).click()
      const table = view().locator('[role=table]')
      await table.waitFor({ timeout: 15_000 })
      expect(await table.locator('[role=columnheader]').allInnerTexts()).toEqual(['部门', '区', '收到', '按时受理', '按时答复', '超期未办', '答复用时中位数'])
      expect(await table.locator('[role=row]').last().innerText()).toContain('合计')
    }
    await e.shot('e2e-manage-stats')
  })

  it('when staff import a list, then each row says what will change before anything is written, and confirming writes it', async () => {
    await signIn('staff-culture')
    await openManage('import')
    const csv = importCsv()
    const chooser = e.page.waitForEvent('filechooser')
    await view().locator('.yg-import__file').click()
    await (await chooser).setFiles({ name: '第6批白名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
    await view().getByText('第6批白名单.csv').waitFor({ timeout: 15_000 })
    await input('白名单批次（选填）').fill('6')
    await fillNotice('关于公布第6批非学科类校外培训机构白名单的公告')
    await button('预览变更').click()
    const table = view().locator('[role=table]')
    await table.waitFor({ timeout: 20_000 })
    const rows = await table.locator('[role=row]').allInnerTexts()
    expect(rows.find((r) => r.includes('厦门市晓风合唱艺术培训中心'))).toContain('新增')
    expect(rows.find((r) => r.includes(toSuspend.name))).toContain('白名单 · 已审批 → 停业整改')
    expect(await e.app.env.db.selectFrom('institutions').select('id').where('name', '=', '厦门市晓风合唱艺术培训中心').execute()).toHaveLength(0)
    await e.shot('e2e-manage-import-preview')
    await button('确认导入').click()
    await view().getByText('导入完成').waitFor({ timeout: 20_000 })
    expect(await e.app.env.db.selectFrom('institutions').select('id').where('name', '=', '厦门市晓风合唱艺术培训中心').execute()).toHaveLength(1)
  })

  it('when the admin opens 操作日志, then the staff actions are listed', async () => {
    await signIn('admin')
    await openManage('audit')
    const table = view().locator('[role=table]')
    await table.waitFor({ timeout: 15_000 })
    expect(await table.innerText()).toContain('变更机构状态')
    await e.shot('e2e-manage-audit')
  })

  describe.each([
    ['normal', false],
    ['关怀模式', true],
  ])('every page, %s', (mode, care) => {
    it.each([
      ['case', 'staff-culture'],
      ['institution', 'staff-culture'],
      ['import', 'staff-culture'],
      ['supervisors', 'staff-culture'],
      ['campaigns', 'staff-culture'],
      ['stats', 'staff-culture'],
      ['audit', 'admin'],
    ])('%s: no critical or serious axe finding (also with an error shown, where the page has a form); nothing overflows at 375 and 1280 wide', async (page, account) => {
      await signIn(account)
      await e.page.evaluate((on) => localStorage.setItem('yg:care', JSON.stringify({ data: on ? 'on' : 'off' })), care)
      for (const size of [PHONE, DESK]) {
        await e.page.setViewportSize(size)
        await openManage(page)
        await e.page.waitForTimeout(800)
        await expectCalm(`${page} · ${mode} · ${size.width}`)
        expect(await overflowing()).toEqual([])
        await e.shot(`e2e-manage-${page}-${size.width}${care ? '-care' : ''}`)
        const showError = SHOW_ERROR[page]
        if (showError) {
          await showError()
          await view().locator('.yg-rform__error').first().waitFor({ timeout: 15_000 })
          await expectCalm(`${page} · ${mode} · ${size.width} · with an error`)
          expect(await overflowing()).toEqual([])
          await e.shot(`e2e-manage-${page}-${size.width}${care ? '-care' : ''}-error`)
        }
      }
      await e.page.setViewportSize(PHONE)
    })
  })

  /** How each page with a form is made to show an error beside a field. */
  const SHOW_ERROR: Record<string, (() => Promise<void>) | undefined> = {
    case: () => button('预览').click(),
    institution: async () => {
      await input('查找机构').fill(reported.name)
      await view().locator('.yg-item', { hasText: reported.name }).first().click()
      await button('下一步：确认').click()
    },
    import: () => button('预览变更').click(),
    supervisors: async () => {
      await input('有效天数').fill('0')
      await button('生成邀请码').click()
    },
    campaigns: async () => {
      await newCampaign()
      await button('保存').click()
    },
  }

  /**
   * Opens an empty campaign form and waits until it has brought its name field into view and focused it (80 ms on):
   * a tap on 保存 before then is scrolled away under the pointer — Playwright scrolls 保存 up, the form scrolls back.
   */
  async function newCampaign() {
    await button('新建专项行动').click()
    await e.page.waitForFunction(() => !!document.activeElement?.closest('#yg-field-name'), undefined, { timeout: 15_000 })
  }

  async function signInApi(account: string): Promise<string> {
    return (await api('auth', { action: 'devLogin', account })).body.data.token as string
  }

  async function expectCalm(where: string) {
    await e.page.waitForTimeout(300)
    const findings = describeFindings(await axeFindings(e.page))
    expect({ where, findings }).toEqual({ where, findings: [] })
  }

  /** Elements of the page on top wider than the window (a table's own scrolling box excepted). */
  async function overflowing(): Promise<string[]> {
    return e.page.evaluate(() => {
      const page = [...document.querySelectorAll('.taro_page.taro_page_stationed:not(.taro_page_shade)')].pop()!
      const width = document.documentElement.clientWidth
      return [...page.querySelectorAll<HTMLElement>('*')]
        .filter((el) => !el.closest('.yg-table') && el.getClientRects().length > 0 && el.getBoundingClientRect().right > width + 1)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
    })
  }

  /** Opens a date field's picker and accepts the day it offers, one month on (the wheel starts at today). */
  async function pickDate(label: string) {
    await labelled(label).locator('.yg-rform__select').click()
    const picker = e.page.locator('.weui-picker:visible')
    await picker.waitFor({ timeout: 15_000 })
    await picker.locator('.weui-picker__action', { hasText: '确定' }).click()
    await e.page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.weui-picker__overlay')].every((o) => o.style.display === 'none'))
  }

  /** A list with one new arts institution and one known one moved to 停业整改, in the published list's columns. */
  function importCsv(): string {
    const first17 = '91350203MA8XF6B2' + 'Q'
    const uscc = first17 + usccCheckChar(first17)
    const head = '机构名称,统一社会信用代码,办学许可证号,培训类别,所在区,地址,状态'
    return [
      head,
      `厦门市晓风合唱艺术培训中心,${uscc},文民3502036600881号,文化艺术,思明区,厦门市思明区湖滨南路88号3层,白名单`,
      `${toSuspend.name},${toSuspend.uscc},${toSuspend.licenseNo},文化艺术,${DISTRICT_LABEL[toSuspend.district]},${toSuspend.address},停业整改`,
    ].join('\n')
  }
})

function yesterday(): string {
  return new Date(Date.now() + 8 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10)
}
