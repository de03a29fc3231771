import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { submitComplaint } from '../../cloud/services/complaints/submit'
import { readReferenceData } from '../../cloud/services/complaints/referenceData'
import { loadCalendar } from '../../cloud/services/complaints/holidayCalendar'
import { findAccountByDevName, accountRowToAccount } from '../../cloud/store/accountRepo'
import { passThroughChecker } from '../../cloud/platform/contentCheck'
import { openApi, type ApiClient } from '../support/harness'

const kinds = ['pglite', 'postgres'] as const

describe.each(kinds)('deadlines from the holiday calendar on %s', (kind) => {
  let api: ApiClient
  beforeAll(async () => {
    api = await openApi(kind, 'main')
  })
  afterAll(async () => api?.close())

  const rows = async () => (await api.env.db.selectFrom('holidays').select(['date', 'kind']).orderBy('date').execute()).map((r) => `${r.date} ${r.kind}`)

  it('when a report is submitted on 2026-09-30, then its deadlines skip National Day and count the make-up Saturday', async () => {
    const citizen = accountRowToAccount((await findAccountByDevName(api.env.db, 'citizen'))!)
    const receipt = await submitComplaint(
      api.env.db,
      { reference: () => readReferenceData(api.env.db), checker: passThroughChecker, acceptDays: 2, replyDays: 15, dailyLimit: 10, now: new Date('2026-09-30T02:00:00Z') },
      citizen,
      { requestId: 'calendar-0930-abcdef', category: 'safety', description: '培训点设在地下室，没有第二个出口，消防通道堆满杂物。', happenedOn: '2026-09-29', place: { name: '某某美术', address: '思明区莲前西路1号地下室' }, contact: { anonymous: true } },
    )
    expect(receipt.dueAt).toBe('2026-10-27')
    const row = await api.env.db.selectFrom('complaints').select(['accept_due', 'reply_due']).where('ticket_no', '=', receipt.ticketNo).executeTakeFirstOrThrow()
    expect(String(row.accept_due)).toBe('2026-10-09')
  })

  it('when the calendar is loaded again, then nothing doubles; when a file is bad, then nothing changes', async () => {
    const before = await rows()
    expect(before.length).toBe(33 + 6 + 6)
    await loadCalendar(api.env.db, api.env.config.calendarDir)
    expect(await rows()).toEqual(before)

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yg-cal-'))
    fs.copyFileSync(path.join(api.env.config.calendarDir, '2026.yaml'), path.join(dir, '2026.yaml'))
    fs.writeFileSync(path.join(dir, '2027.yaml'), 'year: 2027\nsource: 坏文件测试\nprovisional: false\nfestivals:\n  - name: 元旦\n    off: [2027-01-01, 2027-02-30]\n')
    await expect(loadCalendar(api.env.db, dir)).rejects.toThrow(/2027.yaml：元旦：放假起止日期不对/)
    expect(await rows()).toEqual(before)
  })
})
