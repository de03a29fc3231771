// The reporter's own actions on a ticket page in the H5 app (real Chromium, production build, real gateway and
// database): 补充材料 with a note and a photo, 撤回 with a reason, one 申请复核 after the department's answer, one
// 评价 — each seen on the page (status, timeline, what is still offered) and in the tables exactly once; bad input
// is named in Chinese beside the form and writes nothing. Staff have no UI yet: their steps go through the
// service (`act`) on the gateway's own database, as the API suites do.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { generateSample } from '../../content/sample/generate'
import { staffStep } from '../support/staffSteps'
import type { Account } from '../../src/domain/api'
import type { StaffStep } from '../../src/domain/staff'
import { settledTexts, startE2E, type E2E } from '../support/browser'

const sample = generateSample()
// An approved arts institution: handled by a culture bureau, which the demo staff-culture account may act on.
const target = sample.institutions.find((i) => i.status === 'approved' && i.category === 'arts')!

describe('the reporter’s actions on a ticket page (Chromium, 375×812)', () => {
  let e: E2E
  let tmp: string
  let photo: string
  let token: string
  let staff: Account
  let institutionId: string
  let n = 0

  beforeAll(async () => {
    e = await startE2E()
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-ticket-'))
    photo = await makePhoto(e, tmp)
    institutionId = (await e.app.env.db.selectFrom('institutions').select('id').where('uscc', '=', target.uscc).executeTakeFirstOrThrow()).id

    // Signed in the way a person does it: 我的举报 asks first, and the demo offers the sample citizen.
    await e.open('/packages/report/mine')
    await e.view().locator('.yg-gate').waitFor({ timeout: 15_000 })
    await button('以示例市民身份登录').click()
    await e.page.waitForFunction(() => !!localStorage.getItem('session:token'), null, { timeout: 15_000 })
    token = await e.page.evaluate(() => JSON.parse(localStorage.getItem('session:token')!).data as string)

    const s = await api('auth', { action: 'devLogin', account: 'staff-culture' }, '')
    staff = s.body.data.account
  })
  afterAll(async () => {
    await e?.close()
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  })

  const button = (words: string) => e.view().locator('.yg-button', { hasText: words })
  /** The red words beside the fields, once the page has re-rendered after the tap. */
  const errorsAre = async (expected: string[]) => expect(await settledTexts(e.view().locator('.yg-rform__error'), expected)).toEqual(expected)
  const panelArea = () => e.view().locator('.yg-cdetail__panel textarea').first()
  const timelineNotes = () => e.view().locator('.yg-timeline__note').allInnerTexts()
  const timelineStatuses = () => e.view().locator('.yg-timeline__status').allInnerTexts()
  const badge = () => e.view().locator('.yg-cdetail__head .yg-cbadge').innerText()

  /** A call to the gateway, as the browser makes it (token from the signed-in session, or none). */
  async function api(name: string, event: Record<string, unknown>, as = token): Promise<{ status: number; body: any }> {
    const res = await fetch(`${e.app.url}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(as ? { authorization: `Bearer ${as}` } : {}) },
      body: JSON.stringify(event),
    })
    return { status: res.status, body: await res.json() }
  }

  /** A ticket filed by the signed-in citizen through the gateway (the five-step form has its own suite). */
  async function newTicket(): Promise<string> {
    const yesterday = new Date(Date.now() + 8 * 3600_000 - 24 * 3600_000).toISOString().slice(0, 10)
    const r = await api('complaints', {
      action: 'submit',
      requestId: `ticket-actions-${++n}-abcdefgh`,
      category: 'late_hours',
      institutionId,
      description: '周三晚上九点多还在上舞蹈课，孩子十点才到家，第二天上学没精神。',
      happenedOn: yesterday,
      contact: { anonymous: true },
    })
    expect(r.status).toBe(200)
    return r.body.data.ticketNo as string
  }

  async function staffDoes(ticketNo: string, steps: [StaffStep, string | null][]) {
    for (const [step, text] of steps) await staffStep(e.app.env, e.app.env.db, staff, step, ticketNo, text)
  }

  async function openTicket(ticketNo: string) {
    await e.open(`/packages/report/detail?ticketNo=${encodeURIComponent(ticketNo)}`)
    await e.view().locator('.yg-timeline__item').first().waitFor({ timeout: 15_000 })
    expect(await e.view().locator('.yg-cdetail__ticket').innerText()).toBe(ticketNo)
  }

  /** A screenshot of the ticket page with `scrollTo` in view, once a toast has gone (it would cover the content). */
  async function shot(name: string, scrollTo?: string) {
    if (scrollTo) await e.view().locator(scrollTo).first().scrollIntoViewIfNeeded()
    // The toast's wrapper has no box of its own (its parts are fixed): watch the words in it.
    await e.page.locator('.taro__toast p').last().waitFor({ state: 'hidden', timeout: 5_000 })
    await e.page.waitForTimeout(300)
    await e.shot(name)
  }
  const toast = (words: string) => e.page.locator('.taro__toast p', { hasText: words }).waitFor({ timeout: 15_000 })

  /** The focus lands inside `selector` (on a `tag` when given) and that field is in the viewport. */
  async function focusIsIn(selector: string, tag?: string) {
    await e.page.waitForFunction(
      ([sel, t]) => {
        const a = document.activeElement
        return !!a && !!a.closest(sel) && (!t || a.tagName === t)
      },
      [selector, tag ?? ''] as const,
      { timeout: 5_000 },
    )
    await e.page.waitForTimeout(300)
    const box = await e.page.evaluate(() => {
      const r = (document.activeElement as HTMLElement).getBoundingClientRect()
      return { top: r.top, bottom: r.bottom, height: window.innerHeight }
    })
    expect(box.top).toBeGreaterThanOrEqual(0)
    expect(box.bottom).toBeLessThanOrEqual(box.height)
  }

  async function row(ticketNo: string) {
    return e.app.env.db.selectFrom('complaints').selectAll().where('ticket_no', '=', ticketNo).executeTakeFirstOrThrow()
  }
  async function events(ticketNo: string) {
    const { id } = await row(ticketNo)
    return e.app.env.db.selectFrom('complaint_events').select(['status', 'note', 'by_role']).where('complaint_id', '=', id).orderBy('id').execute()
  }
  async function evidence(ticketNo: string) {
    const { id } = await row(ticketNo)
    return e.app.env.db
      .selectFrom('complaint_evidence as ce')
      .innerJoin('files as f', 'f.id', 'ce.file_id')
      .select(['f.id', 'f.sha256', 'f.mime'])
      .where('ce.complaint_id', '=', id)
      .execute()
  }

  it('when the 补充材料 form is sent empty or with only spaces, then it says what is missing in Chinese and nothing is written', async () => {
    const ticket = await newTicket()
    await openTicket(ticket)
    await button('补充材料').click()
    await panelArea().waitFor()
    await button('提交补充材料').click()
    await errorsAre(['请写下补充说明，或添加照片、视频'])
    await focusIsIn('#yg-field-note', 'TEXTAREA')
    await panelArea().fill('    ')
    await button('提交补充材料').click()
    await errorsAre(['请写下补充说明，或添加照片、视频'])
    await shot('e2e-ticket-info-empty', '.yg-cdetail__panel')
    // Something to send clears the message; 取消 closes the form and sends nothing.
    await panelArea().fill('又看到了')
    await errorsAre([])
    await button('取消').click()
    expect(await e.view().locator('.yg-cdetail__panel').count()).toBe(0)
    expect(await button('补充材料').count()).toBe(1)
    // Give a stray request time to land before counting.
    await e.page.waitForTimeout(500)
    expect(await events(ticket)).toEqual([{ status: 'submitted', note: null, by_role: 'reporter' }])
    expect(await evidence(ticket)).toEqual([])
    expect(await timelineNotes()).toEqual([])
  })

  it('when a video runs over a minute, then the phone refuses it before uploading; a 20-second one uploads, loses its position and joins the ticket', async () => {
    // Real H.264 files (made with ffmpeg, see test/fixtures/media/README.md) that the browser can play, as a phone's
    // are; both carry a 3GPP location box. (A client that skips this check meets the same limit on the server: see
    // test/api/files.test.ts.)
    const long = path.join(__dirname, '../fixtures/media/phone-75s.mp4')
    const short = path.join(__dirname, '../fixtures/media/phone-20s.mp4')
    const ticket = await newTicket()
    await openTicket(ticket)
    await button('补充材料').click()
    const files = async () => Number((await e.app.env.db.selectFrom('files').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const before = await files()

    // A file the browser cannot play is said so, not silently ignored.
    let chooser = e.page.waitForEvent('filechooser')
    await e.view().locator('.yg-cdetail__panel .yg-ev__add').click()
    await (await chooser).setFiles([{ name: 'broken.mp4', mimeType: 'video/mp4', buffer: Buffer.from('not a video at all') }])
    await toast('没能读取所选文件，请换一个试试')
    expect(await e.view().locator('.yg-cdetail__panel .yg-ev__row').count()).toBe(0)

    chooser = e.page.waitForEvent('filechooser')
    await e.view().locator('.yg-cdetail__panel .yg-ev__add').click()
    await (await chooser).setFiles([long])
    await toast('视频不能超过 60 秒，请剪短后再选')
    expect(await e.view().locator('.yg-cdetail__panel .yg-ev__row').count()).toBe(0)
    expect(await files()).toBe(before)

    chooser = e.page.waitForEvent('filechooser')
    await e.view().locator('.yg-cdetail__panel .yg-ev__add').click()
    await (await chooser).setFiles([short])
    await e.view().locator('.yg-cdetail__panel .yg-ev__state', { hasText: '已上传' }).waitFor({ timeout: 30_000 })
    expect(await e.view().locator('.yg-cdetail__panel .yg-ev__add-count').innerText()).toContain('视频 1/1')
    await shot('e2e-ticket-video', '.yg-cdetail__panel .yg-ev__row')
    await button('提交补充材料').click()
    await toast('补充材料已提交')
    await e.view().locator('.yg-timeline__note', { hasText: '补充证据 1 份' }).waitFor({ timeout: 15_000 })
    const stored = await evidence(ticket)
    expect(stored.map((f) => f.mime)).toEqual(['video/mp4'])
    expect(await files()).toBe(before + 1)
    // The stored copy has no location box left (the received file had one).
    const bytes = fs.readFileSync(path.join(e.app.env.config.dataDir, 'files', stored[0].sha256.slice(0, 2), stored[0].sha256))
    expect(fs.readFileSync(short).includes('loci')).toBe(true)
    expect(bytes.includes('loci')).toBe(false)
    expect(bytes.length).toBe(fs.statSync(short).size)
  })

  it('when the reporter adds a note and a photo to an open ticket, then both show on the page and each is stored exactly once', async () => {
    const ticket = await newTicket()
    await openTicket(ticket)
    expect(await e.view().locator('.yg-cdetail__ev').count()).toBe(0)
    await button('补充材料').click()
    const note = '今天晚上九点四十又看到孩子们从机构出来，门口还贴着晚班课表。'
    await panelArea().fill(note)
    const chooser = e.page.waitForEvent('filechooser')
    await e.view().locator('.yg-cdetail__panel .yg-ev__add').click()
    await (await chooser).setFiles([photo])
    await e.view().locator('.yg-cdetail__panel .yg-ev__state', { hasText: '已上传' }).waitFor({ timeout: 30_000 })
    await shot('e2e-ticket-info-form', '.yg-cdetail__panel .yg-ev__row')
    await button('提交补充材料').click()
    await toast('补充材料已提交')

    // The panel closes; the note is the newest line of the timeline, by 您, and the photo joins the evidence.
    await e.view().locator('.yg-timeline__note', { hasText: note }).waitFor({ timeout: 15_000 })
    expect(await e.view().locator('.yg-cdetail__panel').count()).toBe(0)
    expect(await timelineNotes()).toEqual([`补充说明：${note}（另附证据 1 份）`])
    expect(await timelineStatuses()).toEqual(['已提交', '补充材料'])
    expect(await e.view().locator('.yg-timeline__item').last().locator('.yg-timeline__by').innerText()).toBe('您')
    expect(await badge()).toBe('已提交')
    // The fingerprint shows short (8 + … + 4); 显示完整 gives all 64 characters.
    const short = await e.view().locator('.yg-hash__value').allInnerTexts()
    expect(short).toHaveLength(1)
    expect(short[0]).toMatch(/^[0-9a-f]{8}…[0-9a-f]{4}$/)
    await e.view().locator('.yg-hash__btn', { hasText: '显示完整' }).click()
    await e.view().locator('.yg-hash__value--whole').waitFor()
    const hashes = await e.view().locator('.yg-hash__value').allInnerTexts()
    expect(hashes[0].startsWith(short[0].slice(0, 8)) && hashes[0].endsWith(short[0].slice(-4))).toBe(true)
    expect(await e.view().innerText()).toContain('证据（1）')
    await shot('e2e-ticket-info-added', '.yg-timeline')
    await shot('e2e-ticket-info-evidence', '.yg-cdetail__ev')

    // In the tables: the submit and one added event with the note; one evidence row whose fingerprint the page shows.
    const all = await events(ticket)
    expect(all).toHaveLength(2)
    expect(all[1]).toEqual({ status: 'submitted', note: `补充说明：${note}（另附证据 1 份）`, by_role: 'reporter' })
    const ev = await evidence(ticket)
    expect(ev).toHaveLength(1)
    expect(ev[0].mime).toMatch(/^image\//)
    expect(hashes[0]).toBe(ev[0].sha256)

    // A reload shows the same, once.
    await openTicket(ticket)
    expect((await timelineNotes()).filter((t) => t.includes(note))).toHaveLength(1)
    expect(await e.view().locator('.yg-cdetail__ev').count()).toBe(1)
  })

  it('when the reporter withdraws with a one-character reason, then the page asks for more and nothing changes; with a real reason, then it is withdrawn and the timeline says why', async () => {
    const ticket = await newTicket()
    await openTicket(ticket)
    expect(await e.view().innerText()).toMatch(/答复期限：\d{4}-\d{2}-\d{2} 前/)
    // While open, the timeline ends with what is due next.
    expect(await e.view().locator('.yg-timeline__next-line').innerText()).toMatch(/^待受理：(\d{4}-)?\d{2}-\d{2} 前 · 答复：(\d{4}-)?\d{2}-\d{2} 前$/)
    await button('撤回举报').click()
    // From the bottom of the page, 确认撤回 with nothing written: the reason box is in view and has the focus.
    await e.page.keyboard.press('End')
    await e.view().locator('.yg-cdetail__panel-buttons').scrollIntoViewIfNeeded()
    await button('确认撤回').click()
    await errorsAre(['请填写撤回原因'])
    await focusIsIn('#yg-field-reason', 'TEXTAREA')
    await panelArea().fill('撤')
    await button('确认撤回').click()
    await errorsAre(['撤回原因至少写 2 个字'])
    expect(await e.view().locator('.yg-cdetail__panel .yg-rform__counter').innerText()).toBe('已写 1 字，至少 2 字')
    await shot('e2e-ticket-withdraw-short', '.yg-cdetail__panel')
    await e.page.waitForTimeout(500)
    expect((await row(ticket)).status).toBe('submitted')
    expect(await events(ticket)).toHaveLength(1)

    const reason = '机构已经调整了上课时间，晚上八点前下课'
    await panelArea().fill(reason)
    await errorsAre([])
    await button('确认撤回').click()
    await toast('举报已撤回')
    await e.view().locator('.yg-cdetail__head .yg-cbadge', { hasText: '已撤回' }).waitFor({ timeout: 15_000 })
    expect(await timelineStatuses()).toEqual(['已提交', '已撤回'])
    expect(await timelineNotes()).toEqual([reason])
    expect(await e.view().locator('.yg-timeline__item').last().locator('.yg-timeline__by').innerText()).toBe('您')
    // Nothing is offered any more on a withdrawn ticket, and no deadline is shown.
    for (const words of ['补充材料', '撤回举报', '申请复核', '评价办理结果']) expect(await button(words).count()).toBe(0)
    expect(await e.view().innerText()).not.toContain('答复期限')
    expect(await e.view().locator('.yg-timeline__next').count()).toBe(0)
    await shot('e2e-ticket-withdrawn', '.yg-timeline')

    expect((await row(ticket)).status).toBe('withdrawn')
    expect(await events(ticket)).toEqual([
      { status: 'submitted', note: null, by_role: 'reporter' },
      { status: 'withdrawn', note: reason, by_role: 'reporter' },
    ])
    // The page said it cannot be undone: a second withdrawal through the API is refused.
    const again = await api('complaints', { action: 'withdraw', ticketNo: ticket, reason: '再撤一次试试' })
    expect(again.status).toBe(409)
    expect(await events(ticket)).toHaveLength(2)
  })

  it('when the department has answered, then 申请复核 is offered once; after asking it is gone, and a second request through the API is refused', async () => {
    const ticket = await newTicket()
    const answer = '经核查，该机构已调整晚班课程，20:30前下课。'
    await staffDoes(ticket, [['accept', null], ['start', null], ['reply', answer]])
    await openTicket(ticket)
    expect(await badge()).toBe('已答复')
    expect(await e.view().locator('.yg-cdetail__reply').innerText()).toBe(answer)
    expect(await button('申请复核').count()).toBe(1)
    // Closed for changes: no 补充材料 or 撤回 once answered.
    expect(await button('补充材料').count()).toBe(0)
    expect(await button('撤回举报').count()).toBe(0)
    await shot('e2e-ticket-replied', '.yg-cdetail__actions')

    await button('申请复核').click()
    await button('提交复核申请').click()
    await errorsAre(['请填写复核理由'])
    await shot('e2e-ticket-review-empty', '.yg-cdetail__panel')
    await e.page.waitForTimeout(500)
    expect((await row(ticket)).reviewed).toBe(false)

    const reason = '答复说已调整，但本周三晚上九点半机构仍在上课'
    await panelArea().fill(reason)
    await button('提交复核申请').click()
    await toast('复核申请已提交')
    await e.view().locator('.yg-cdetail__head .yg-cbadge', { hasText: '办理中' }).waitFor({ timeout: 15_000 })
    expect(await e.view().locator('.yg-cdetail__head').innerText()).toContain('已申请过复核')
    expect(await button('申请复核').count()).toBe(0)
    expect(await timelineNotes()).toEqual([answer, reason])
    expect(await timelineStatuses()).toEqual(['已提交', '已受理', '办理中', '已答复', '申请复核'])
    // Reopened by the review: no deadline is promised that nobody set.
    expect(await e.view().locator('.yg-timeline__next-line').innerText()).toBe('待复核答复')
    expect(await e.view().locator('.yg-timeline__item').last().locator('.yg-timeline__by').innerText()).toBe('您')
    await shot('e2e-ticket-reviewed', '.yg-timeline')

    const reviewed = await row(ticket)
    expect(reviewed.reviewed).toBe(true)
    expect(reviewed.status).toBe('in_progress')
    expect((await events(ticket)).filter((ev) => ev.by_role === 'reporter' && ev.status === 'in_progress')).toEqual([{ status: 'in_progress', note: reason, by_role: 'reporter' }])

    // The department answers the review, which closes the ticket: the review was used, so it is not offered again.
    const second = '复核后已对机构下达整改通知，并安排回访。'
    await staffDoes(ticket, [['answerReview', second]])
    await openTicket(ticket)
    expect(await badge()).toBe('已办结')
    expect(await e.view().locator('.yg-cdetail__reply').innerText()).toBe(second)
    expect(await e.view().locator('.yg-cdetail__head').innerText()).toContain('已申请过复核')
    expect(await button('申请复核').count()).toBe(0)
    expect(await timelineStatuses()).toEqual(['已提交', '已受理', '办理中', '已答复', '申请复核', '已办结'])
    await shot('e2e-ticket-replied-again', '.yg-cdetail__head')

    const before = await events(ticket)
    const again = await api('complaints', { action: 'review', ticketNo: ticket, reason: '还是不满意，再复核一次' })
    expect(again.status).toBe(409)
    expect(again.body.error.message).toBe('每件举报只能申请一次复核')
    expect((await row(ticket)).status).toBe('resolved')
    expect(await events(ticket)).toEqual(before)
  })

  it('when the reporter rates a resolved ticket, then the stars show on the page, the offer is gone and a second rating is refused', async () => {
    const ticket = await newTicket()
    await staffDoes(ticket, [['accept', null], ['start', null], ['reply', '已约谈机构负责人，责令调整上课时间。'], ['resolve', '机构已整改完毕']])
    await openTicket(ticket)
    expect(await badge()).toBe('已办结')
    await button('评价办理结果').click()
    await e.view().locator('.yg-cdetail__panel-buttons').scrollIntoViewIfNeeded()
    await button('提交评价').click()
    await errorsAre(['请选择 1 到 5 星'])
    await focusIsIn('#yg-field-rating')
    await shot('e2e-ticket-rate-empty', '.yg-cdetail__panel')
    await e.page.waitForTimeout(500)
    expect((await row(ticket)).rating).toBeNull()

    await e.view().locator('.yg-stars__star').nth(3).click()
    expect(await e.view().locator('.yg-stars__words').innerText()).toBe('4 星 · 满意')
    await errorsAre([])
    const comment = '处理及时，机构已经按时下课'
    await panelArea().fill(comment)
    await shot('e2e-ticket-rate-form', '.yg-cdetail__panel')
    await button('提交评价').click()
    await toast('感谢您的评价')

    await e.view().locator('.yg-cdetail__rated').waitFor({ timeout: 15_000 })
    expect((await e.view().locator('.yg-cdetail__rated').innerText()).replace(/\s+/g, ' ')).toBe('★★★★☆ 4 星 · 满意')
    expect(await button('评价办理结果').count()).toBe(0)
    expect((await timelineNotes()).at(-1)).toBe(`评价：4 星，${comment}`)
    expect((await timelineStatuses()).at(-1)).toBe('评价')
    await shot('e2e-ticket-rated', '.yg-cdetail__rated')

    const rated = await row(ticket)
    expect(rated.rating).toBe(4)
    expect(rated.rating_comment).toBe(comment)
    const before = await events(ticket)
    expect(before.filter((ev) => ev.note?.startsWith('评价：'))).toHaveLength(1)

    // A second rating, sent straight to the API, is refused and changes nothing.
    const again = await api('complaints', { action: 'rate', ticketNo: ticket, rating: 1, comment: '改个差评' })
    expect(again.status).toBe(409)
    expect(again.body.error.message).toBe('这件举报已经评价过了')
    expect((await row(ticket)).rating).toBe(4)
    expect(await events(ticket)).toEqual(before)

    // Opened again, the rating is still there and not offered.
    await openTicket(ticket)
    expect((await e.view().locator('.yg-cdetail__rated').innerText()).replace(/\s+/g, ' ')).toBe('★★★★☆ 4 星 · 满意')
    expect(await button('评价办理结果').count()).toBe(0)
  })
})

/** A small real photo drawn by the browser itself. */
async function makePhoto(e: E2E, dir: string): Promise<string> {
  await e.page.goto(`${e.app.url}/healthz`)
  const url = await e.page.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = 64
    c.height = 48
    const g = c.getContext('2d')!
    g.fillStyle = '#1a7f37'
    g.fillRect(0, 0, 64, 48)
    g.fillStyle = '#ffffff'
    g.fillRect(10, 10, 24, 14)
    return c.toDataURL('image/jpeg', 0.9)
  })
  const file = path.join(dir, 'timetable.jpg')
  fs.writeFileSync(file, Buffer.from(url.split(',')[1], 'base64'))
  return file
}
