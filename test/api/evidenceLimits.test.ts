// One rule for a report's evidence (src/domain/media.ts: at most MAX_PHOTOS photos and MAX_VIDEOS videos), the same
// whether the files come with the report or are added later with addInfo, counting what the ticket already has.
import crypto from 'node:crypto'
import { MATRIX, openApi, type ApiClient } from '../support/harness'
import { MAX_PHOTOS, MAX_VIDEOS, evidenceLimitProblem } from '../../src/domain/media'

describe('the evidence rule (src/domain/media.ts)', () => {
  it('when a report holds at most the photos and videos allowed, then there is no problem; one more of either is refused', () => {
    const photos = (n: number) => Array.from({ length: n }, () => 'image/jpeg')
    const videos = (n: number) => Array.from({ length: n }, () => 'video/mp4')
    expect(evidenceLimitProblem([], [...photos(MAX_PHOTOS), ...videos(MAX_VIDEOS)])).toBeUndefined()
    expect(evidenceLimitProblem([], videos(MAX_VIDEOS + 1))).toBe(`每件举报最多附${MAX_VIDEOS}段视频`)
    expect(evidenceLimitProblem([], photos(MAX_PHOTOS + 1))).toBe(`每件举报最多附${MAX_PHOTOS}张照片`)
    expect(evidenceLimitProblem(videos(1), videos(1))).toBe(`每件举报最多附${MAX_VIDEOS}段视频（这件举报已有0张照片、1段视频）`)
    expect(evidenceLimitProblem(photos(MAX_PHOTOS - 1), ['image/png', 'image/webp'])).toMatch(/最多附9张照片（这件举报已有8张照片/)
    expect(evidenceLimitProblem(photos(5), [...photos(4), ...videos(1)])).toBeUndefined()
  })
})

describe.each(MATRIX)('evidence limits on submit and addInfo on %s through %s', (kind, via) => {
  let api: ApiClient
  let token: string
  let accountId: string
  beforeAll(async () => {
    api = await openApi(kind, via, { sample: false, config: { COMPLAINT_DAILY_LIMIT: '1000' } })
    token = await api.login('citizen')
    accountId = ((await api.call('auth', { action: 'me' }, token)).body as any).data.id
  })
  afterAll(async () => api?.close())

  /** Uploaded evidence of the citizen's, as POST /files would have recorded it. */
  const files = async (mime: 'image/jpeg' | 'video/mp4', n: number): Promise<string[]> => {
    if (n === 0) return []
    const rows = await api.env.db
      .insertInto('files')
      .values(Array.from({ length: n }, () => ({ sha256: crypto.randomBytes(32).toString('hex'), size: 1000, mime, owner_account_id: accountId })))
      .returning('id')
      .execute()
    return rows.map((r) => r.id)
  }
  const submit = (evidence: string[]) =>
    api.call(
      'complaints',
      {
        action: 'submit',
        requestId: `ev-${crypto.randomBytes(6).toString('hex')}`,
        category: 'safety',
        place: { name: '无证美术工作室', address: '思明区湖滨南路100号', district: 'siming' },
        description: '消防通道被杂物堵住了，很危险。',
        happenedOn: '2026-11-20',
        contact: { anonymous: true },
        evidence,
      },
      token,
    )
  const ticketWith = async (photos: number, videos: number): Promise<string> => {
    const r = await submit([...(await files('image/jpeg', photos)), ...(await files('video/mp4', videos))])
    expect(r.status).toBe(200)
    return (r.body as any).data.ticketNo
  }
  const addInfo = (ticketNo: string, evidence: string[]) => api.call('complaints', { action: 'addInfo', ticketNo, evidence }, token)
  const attached = async (ticketNo: string) => {
    const r = await api.env.db
      .selectFrom('complaint_evidence as e')
      .innerJoin('complaints as c', 'c.id', 'e.complaint_id')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('c.ticket_no', '=', ticketNo)
      .executeTakeFirstOrThrow()
    return Number(r.n)
  }
  const refused = (r: { status: number; body: any }, message: RegExp) => {
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('invalid_input')
    expect(r.body.error.fields.evidence).toMatch(message)
  }

  it('when a report comes with two videos or ten photos, then it is refused naming the evidence', async () => {
    refused(await submit(await files('video/mp4', 2)), /最多附1段视频/)
    refused(await submit(await files('image/jpeg', 10)), /最多附9张照片/)
  })

  it('when a second video is added to a report that has one, then it is refused and nothing is added', async () => {
    const ticketNo = await ticketWith(2, 1)
    refused(await addInfo(ticketNo, await files('video/mp4', 1)), /最多附1段视频（这件举报已有2张照片、1段视频）/)
    expect(await attached(ticketNo)).toBe(3)
  })

  it('when videos are added to a report without one, then one is accepted and the next refused, alone or two at once', async () => {
    const ticketNo = await ticketWith(0, 0)
    refused(await addInfo(ticketNo, await files('video/mp4', 2)), /最多附1段视频/)
    expect((await addInfo(ticketNo, await files('video/mp4', 1))).status).toBe(200)
    refused(await addInfo(ticketNo, await files('video/mp4', 1)), /最多附1段视频/)
    expect(await attached(ticketNo)).toBe(1)
  })

  it('when photos are added past nine, then they are refused even though fewer than ten files are attached', async () => {
    const ticketNo = await ticketWith(8, 0)
    refused(await addInfo(ticketNo, await files('image/jpeg', 2)), /最多附9张照片（这件举报已有8张照片、0段视频）/)
    expect((await addInfo(ticketNo, await files('image/jpeg', 1))).status).toBe(200)
    refused(await addInfo(ticketNo, await files('image/jpeg', 1)), /最多附9张照片/)
    expect(await attached(ticketNo)).toBe(9)
  })

  it('when twenty additions of one video each arrive at once, then exactly one is attached', async () => {
    const ticketNo = await ticketWith(3, 0)
    const videos = await files('video/mp4', 20)
    const answers = await Promise.all(videos.map((v) => addInfo(ticketNo, [v])))
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
    for (const a of answers.filter((x) => x.status !== 200)) refused(a, /最多附1段视频/)
    expect(await attached(ticketNo)).toBe(4)
  })

  it('when a report with five photos gets four photos and a video, then all ten are attached; a file already attached is not counted twice', async () => {
    const ticketNo = await ticketWith(5, 0)
    const more = [...(await files('image/jpeg', 4)), ...(await files('video/mp4', 1))]
    expect((await addInfo(ticketNo, more)).status).toBe(200)
    expect(await attached(ticketNo)).toBe(10)
    expect((await addInfo(ticketNo, more.slice(0, 1))).status).toBe(200)
    expect(await attached(ticketNo)).toBe(10)
  })
})
