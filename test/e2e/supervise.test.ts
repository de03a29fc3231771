// A volunteer supervisor in the H5 app (real Chromium, production build, real gateway and database): a citizen binds
// an invitation code in 我的, records a visit with a failed item, a photo and a signature while offline, sees it queued,
// closes and reopens the page, goes online, sees it delivered, and escalates it to a complaint that the district's
// desk finds in its inbox. axe-core on every new page; screenshots at 375×812.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateSample } from '../../content/sample/generate'
import { expectNoSeriousFindings } from '../support/axe'
import { gcj02ToWgs84 } from '../../src/domain/datum'
import { startE2E, type E2E } from '../support/browser'

const sample = generateSample()
const site = sample.institutions.find((i) => i.status === 'approved' && i.category === 'arts' && i.district === 'siming' && i.name.length >= 6)!
const API = /\/(api|files)(\/|$)/

describe('a volunteer supervisor in the H5 app (Chromium, 375×812)', () => {
  let e: E2E
  let tmp: string
  let photo: string
  let ticketNo = ''
  beforeAll(async () => {
    // A browser reports WGS-84; the app converts to the sites' GCJ-02, so standing at the site means this position.
    const atSite = gcj02ToWgs84({ lat: site.lat, lng: site.lng })
    e = await startE2E({ geolocation: { latitude: atSite.lat, longitude: atSite.lng } })
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-supervise-'))
    photo = await makePhoto(e, tmp)
  })
  afterAll(async () => {
    await e?.context.setOffline(false)
    await e?.close()
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  })

  const view = () => e.view()
  const button = (words: string) => view().locator('.yg-button', { hasText: words })

  async function api(name: string, event: Record<string, unknown>, token = ''): Promise<any> {
    const res = await fetch(`${e.app.url}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(event),
    })
    return res.json()
  }
  const tokenOf = async (account: string) => (await api('auth', { action: 'devLogin', account })).data.token as string
  const queuedKeys = () => e.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('obs:')))

  it('when a citizen enters an invitation code in 我的, then a wrong code is refused in words and the right one makes them a supervisor', async () => {
    const invite = await api('staff', { action: 'invite', district: 'siming', kind: 'volunteer' }, await tokenOf('staff-culture-siming'))
    expect(invite.ok).toBe(true)
    // A citizen with no history: the demo's second citizen, in a fresh database.
    const session = (await api('auth', { action: 'devLogin', account: 'citizen2' })).data
    await e.open('/pages/mine/index')
    await e.page.evaluate(({ token, account }) => {
      localStorage.setItem('session:token', JSON.stringify({ data: token }))
      localStorage.setItem('session:account', JSON.stringify({ data: account }))
    }, session)
    await e.open('/pages/mine/index')
    await view().locator('.yg-mine__row', { hasText: '我是监督员' }).click()
    const input = view().locator('.yg-mine__bind-input input')
    await input.fill('ZZZZ2222')
    await button('绑定').click()
    await view().locator('.yg-rform__error', { hasText: '邀请码不存在，请核对后重新输入' }).waitFor({ timeout: 15_000 })
    await e.shot('e2e-supervise-bind-error')
    await expectNoSeriousFindings(e.page, '我的 · 邀请码')
    await input.fill(invite.data.code.toLowerCase())
    await button('绑定').click()
    await view().locator('.yg-mine__row', { hasText: '已成为思明区社会监督员' }).waitFor({ timeout: 15_000 })
    expect(await view().locator('.yg-mine__row-name', { hasText: '巡查工作台' }).count()).toBe(1)
    expect(await view().locator('.yg-mine__row', { hasText: '我是监督员' }).count()).toBe(0)
    await e.shot('e2e-supervise-bound')
  })

  it('when the supervisor opens 巡查工作台, then the campaigns, the round and 我的巡查 each show their state', async () => {
    const chinaDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10)
    const [today, inAMonth] = [chinaDay(Date.now()), chinaDay(Date.now() + 30 * 86_400_000)]
    const saved = await api('staff', { action: 'saveCampaign', name: '校外培训安全专项检查', startsOn: today, endsOn: inAMonth, districts: ['siming'], focus: ['fire_safety', 'premises_match'] }, await tokenOf('staff-culture'))
    expect(saved).toMatchObject({ ok: true })
    await view().locator('.yg-mine__row', { hasText: '巡查工作台' }).click()
    await view().locator('.yg-sup__intro').waitFor({ timeout: 15_000 })
    await view().getByText('还没有已上传的巡查记录').waitFor({ timeout: 15_000 })
    // The round: the district's institutions, never visited first; then nearest first from where the browser stands.
    const round = view().locator('.yg-sup__block[aria-label="巡查清单"]')
    await round.locator('.yg-sup__round').first().waitFor({ timeout: 15_000 })
    expect(await round.locator('.yg-sup__round').count()).toBe(20)
    expect(await round.locator('.yg-sup__round-meta').first().innerText()).toBe('从未巡查')
    await round.locator('[role="radio"]', { hasText: '离我最近' }).click()
    await round.locator('.yg-sup__round-distance').first().waitFor({ timeout: 15_000 })
    expect(await round.locator('[role="radio"][aria-checked="true"]').innerText()).toBe('离我最近')
    const metres = (await round.locator('.yg-sup__round-distance').allInnerTexts()).map((t) => parseFloat(t) * (t.includes('公里') ? 1000 : 1))
    expect(metres.length).toBe(20)
    expect(metres).toEqual([...metres].sort((a, b) => a - b))
    await round.scrollIntoViewIfNeeded()
    await e.shot('e2e-supervise-round')
    expect(await view().locator('.yg-sup__card').innerText()).toContain('重点检查：\n· 消防器材完好，疏散通道畅通\n· 培训场所与审批地址一致')
    await e.shot('e2e-supervise-home')
    await expectNoSeriousFindings(e.page, '巡查工作台')
  })

  it('when a visit is recorded offline with a failed item, a photo and a signature, then it waits in the queue, also after reopening', async () => {
    await button('新建巡查记录').click()
    await view().locator('.yg-obs__section').first().waitFor({ timeout: 15_000 })
    // Not on the round: found by search (online), then the network goes.
    await view().locator('.yg-finder input').fill(site.name)
    await view().locator('.yg-item', { hasText: site.name }).first().click()
    await view().locator('.yg-finder__picked-name', { hasText: site.name }).waitFor()
    await e.context.setOffline(true)

    // 保存 with nothing checked names what is missing.
    await button('保存并上传').click()
    await view().locator('.yg-rform__error', { hasText: '请先签到定位' }).waitFor()
    await view().locator('.yg-obs__locate').click()
    await view().locator('.yg-obs__fix-main', { hasText: '已签到' }).waitFor({ timeout: 15_000 })
    expect(await view().locator('.yg-obs__fix').innerText()).toContain('定位精度约 0 米')
    await e.page.evaluate(() => window.scrollTo(0, 0))
    await e.shot('e2e-supervise-form-checkin')

    // The campaign's focus items come first.
    expect((await view().locator('.yg-obs__item .yg-rform__label').allInnerTexts()).slice(0, 3)).toEqual(['1. 消防器材完好，疏散通道畅通（专项重点）', '2. 培训场所与审批地址一致（专项重点）', '3. 办学许可证在场所醒目位置公示'])
    const item = (label: string) => view().locator('.yg-obs__item', { hasText: label })
    await item('办学许可证在场所醒目位置公示').locator('.yg-rform__option', { hasText: '符合' }).first().click()
    await item('线下培训在20:30前结束').locator('.yg-rform__option', { hasText: '不符合' }).click()
    await button('保存并上传').click()
    await view().locator('.yg-rform__error', { hasText: '“线下培训在20:30前结束”不符合，请写明发现的问题' }).waitFor()
    await item('线下培训在20:30前结束').locator('textarea').fill('晚上八点五十分仍有两个班在上课')

    const chooser = e.page.waitForEvent('filechooser')
    await view().locator('.yg-obs__photo--add').click()
    await (await chooser).setFiles([photo])
    await view().locator('.yg-obs__photo-img').first().waitFor({ timeout: 15_000 })

    const pad = view().locator('.yg-sign__box canvas')
    await pad.scrollIntoViewIfNeeded()
    const box = (await pad.boundingBox())!
    await e.page.mouse.move(box.x + 30, box.y + 60)
    await e.page.mouse.down()
    for (let k = 1; k <= 12; k++) await e.page.mouse.move(box.x + 30 + k * 20, box.y + 60 + (k % 2 ? 40 : -10))
    await e.page.mouse.up()
    await view().locator('.yg-sign__state', { hasText: '已签字' }).waitFor()
    await e.shot('e2e-supervise-form-signed')
    await expectNoSeriousFindings(e.page, '巡查记录')

    await button('保存并上传').click()
    await view().locator('.yg-sup__queue-summary', { hasText: '1 条待上传' }).waitFor({ timeout: 15_000 })
    await view().locator('.yg-sup__qstate', { hasText: '待上传' }).waitFor({ timeout: 15_000 })
    expect(await view().locator('.yg-sup__qrow-name').allInnerTexts()).toEqual([site.name])
    await e.shot('e2e-supervise-queued')
    await expectNoSeriousFindings(e.page, '巡查工作台 · 待上传')
    // One key for the record, holding the photo and the signature themselves (a blob: URL would die with the page).
    const keys = await queuedKeys()
    expect(keys).toHaveLength(1)
    const stored = await e.page.evaluate((k) => JSON.parse(localStorage.getItem(k)!).data, keys[0])
    expect(stored.photos[0].path).toMatch(/^data:image\/jpeg;base64,/)
    expect(stored.signature.path).toMatch(/^data:image\/png;base64,/)
    expect(await e.app.env.db.selectFrom('observations').select('id').execute()).toHaveLength(0)

    // Closed and opened again while the server is still out of reach (the page itself must load to be opened).
    await e.context.route(API, (route) => route.abort('internetdisconnected'))
    await e.context.setOffline(false)
    await e.open('/packages/supervise/index')
    await view().locator('.yg-sup__queue-summary', { hasText: '1 条待上传' }).waitFor({ timeout: 15_000 })
    await view().locator('.yg-sup__qstate', { hasText: '网络不可用，连网后会自动上传' }).waitFor({ timeout: 15_000 })
    expect(await queuedKeys()).toEqual(keys)
  })

  it('when the network returns, then the record goes up by itself, leaves the device, and 转为举报 makes a ticket the district’s desk sees', async () => {
    await e.context.setOffline(true)
    await e.context.unroute(API)
    await e.context.setOffline(false)
    await view().locator('.yg-sup__obs-name', { hasText: site.name }).waitFor({ timeout: 30_000 })
    expect(await view().locator('.yg-sup__queue').count()).toBe(0)
    expect(await queuedKeys()).toEqual([])
    const rows = await e.app.env.db.selectFrom('observations').select(['id', 'failed', 'signature_file_id', 'campaign_id']).execute()
    expect(rows).toHaveLength(1)
    expect(rows[0].failed).toEqual(['hours_by_2030'])
    expect(rows[0].signature_file_id).toEqual(expect.any(String))
    expect(rows[0].campaign_id).toEqual(expect.any(String))
    expect(await e.app.env.db.selectFrom('observation_evidence').select('file_id').where('observation_id', '=', rows[0].id).execute()).toHaveLength(1)
    expect(await view().locator('.yg-sup__obs-result').first().innerText()).toBe('✕ 1 项不符合：线下培训在20:30前结束')
    await e.shot('e2e-supervise-synced')

    await button('转为举报').click()
    const link = view().locator('.yg-sup__obs-ticket')
    await link.waitFor({ timeout: 20_000 })
    ticketNo = /XM\d{8}-\d{4,6}/.exec(await link.innerText())![0]
    await e.shot('e2e-supervise-escalated')
    const inbox = await api('staff', { action: 'inbox', q: ticketNo }, await tokenOf('staff-culture-siming'))
    expect(inbox.data.items.map((i: { ticketNo: string; category: string }) => [i.ticketNo, i.category])).toEqual([[ticketNo, 'late_hours']])

    await link.click()
    await e.page.waitForFunction((t) => location.hash.includes(`/packages/report/detail?ticketNo=${t}`), ticketNo, { timeout: 15_000 })
    await view().getByText(ticketNo).first().waitFor({ timeout: 15_000 })
  })
})

/** A small JPEG, as a phone camera would hand over (in miniature). */
async function makePhoto(e: E2E, dir: string): Promise<string> {
  await e.page.goto(`${e.app.url}/healthz`)
  const url = await e.page.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = 120
    c.height = 90
    const g = c.getContext('2d')!
    g.fillStyle = '#bc4c00'
    g.fillRect(0, 0, 120, 90)
    g.fillStyle = '#ffffff'
    g.fillRect(10, 10, 50, 20)
    return c.toDataURL('image/jpeg', 0.9)
  })
  const file = path.join(dir, 'door.jpg')
  fs.writeFileSync(file, Buffer.from(url.split(',')[1], 'base64'))
  return file
}
