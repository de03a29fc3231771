// A gateway for the fuzz (test/api/fuzz.test.ts and `npm run fuzz`): sample data, logged-in callers, and what the
// generators need to know about the database (ids, tickets, evidence). Two profiles:
// - `bare`: nothing of WeChat configured and search answered by SQL (SEARCH_INDEX=false), so the features a
//   deployment may lack answer `unavailable` — exactly the targets in UNCONFIGURED;
// - `wechat`: a fake WeChat (login, content check, cloud storage) and the in-memory search index; nothing may
//   answer `unavailable` there.
import { openApi, type ApiClient } from './harness'
import { startFakeWechat, type FakeWechat } from './fakeWechat'
import type { DbKind } from './databases'
import { chromiumJpeg } from '../fixtures/media/build'
import { CALLERS, checkAnswer, targetName, type Caller, type FuzzCase, type FuzzContext, type RawRequest, type Target } from './fuzzInputs'

export type FuzzProfile = 'bare' | 'wechat'

/** Targets that answer `unavailable` (503) in a profile because the feature is not configured there. */
export const UNCONFIGURED: Record<FuzzProfile, readonly string[]> = {
  bare: ['auth.login', 'files.register'],
  wechat: [],
}

/** The gateways serve their index at /internal/search to callers holding this. */
export const SEARCH_SERVICE_SECRET = 'fuzz-search-service-secret-0123456789abcdef'

export interface FuzzGateway {
  kind: DbKind
  profile: FuzzProfile
  api: ApiClient
  ctx: FuzzContext
  /** Sends one generated case; returns the status and what is wrong with the answer (undefined: fine). */
  send(target: Target, c: FuzzCase): Promise<{ status: number; problem?: string }>
  sendRaw(r: RawRequest): Promise<{ status: number; problem?: string }>
  /** Sends a body to the search service's route (POST /internal/search) with its secret. */
  sendToSearchService(r: Omit<RawRequest, 'path'>): Promise<{ status: number; problem?: string }>
  close(): Promise<void>
}

export async function openFuzzGateway(kind: DbKind, profile: FuzzProfile): Promise<FuzzGateway> {
  const wx: FakeWechat | undefined = profile === 'wechat' ? await startFakeWechat() : undefined
  const config: Record<string, string> = { COMPLAINT_DAILY_LIMIT: '10000', UPLOAD_DAILY_LIMIT: '100000', SEARCH_SERVICE_SECRET }
  if (profile === 'bare') config.SEARCH_INDEX = 'false'
  if (wx) Object.assign(config, { WX_APPID: wx.appId, WX_SECRET: wx.secret, WX_API_BASE: wx.url, WX_CLOUD_ENV: wx.cloudEnv })
  const api = await openApi(kind, 'gateway', { config })
  const url = api.url!

  const tokens = new Map<Caller, string>()
  for (const caller of CALLERS) {
    if (caller === 'anonymous') continue
    tokens.set(caller, caller === 'forged' ? 'eyJhbGciOiJub25lIn0.forged.token' : await api.login(caller))
  }

  const data = async (fn: string, event: object, as?: Caller) => {
    const r = await api.call(fn, event, as ? tokens.get(as) : undefined)
    if (!r.body.ok) throw new Error(`fuzz setup: ${fn}.${(event as any).action} failed: ${JSON.stringify(r.body)}`)
    return r.body.data as any
  }
  const listed = (await data('institutions', { action: 'search', limit: 50 })).items as { id: string }[]
  const details = await Promise.all(listed.slice(0, 6).map((i) => data('institutions', { action: 'get', id: i.id })))
  const slugs = ((await data('content', { action: 'articles' })).items as { slug: string }[]).map((a) => a.slug)
  const caseIds = ((await data('content', { action: 'cases', limit: 20 })).items as { id: string }[]).map((c) => c.id)

  const upload = async () => {
    const form = new FormData()
    form.append('file', new Blob([chromiumJpeg()], { type: 'image/jpeg' }), 'photo.jpg')
    const res = await fetch(`${url}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${tokens.get('citizen')}` } })
    const body = (await res.json()) as any
    if (!body.ok) throw new Error(`fuzz setup: upload failed: ${JSON.stringify(body)}`)
    return body.data.fileId as string
  }
  const fileIds = [await upload(), await upload()]
  const submit = async (as: Caller, n: number) =>
    (
      await data(
        'complaints',
        {
          action: 'submit',
          requestId: `fuzz-setup-${as}-${n}`,
          category: 'unlicensed',
          institutionId: listed[n].id,
          description: '机构在居民楼里开班授课，没有看到任何办学许可证。',
          happenedOn: '2026-11-01',
          contact: n % 2 ? { anonymous: false, name: '林女士', phone: '13800000000' } : { anonymous: true },
          ...(n === 0 ? { evidence: [fileIds[0]] } : {}),
        },
        as,
      )
    ).ticketNo as string
  const ticketNos = [await submit('citizen', 0), await submit('citizen', 1), await submit('citizen2', 2)]

  const cloudFileIds: string[] = []
  if (wx) {
    for (let n = 0; n < 3; n++) {
      const id = wx.cloudFileId(`evidence/fuzz${String(n).padStart(20, '0')}.jpg`)
      wx.cloudFiles.set(id, chromiumJpeg())
      cloudFileIds.push(id)
    }
    cloudFileIds.push(wx.cloudFileId('evidence/0123456789abcdef0123.jpg'))
  }

  const ctx: FuzzContext = {
    institutionIds: listed.map((i) => i.id).slice(0, 10),
    usccs: details.map((d) => d.uscc),
    licenseNos: details.map((d) => d.licenseNo),
    slugs,
    caseIds,
    ticketNos,
    fileIds,
    cloudFileIds,
  }

  const unconfigured = new Set(UNCONFIGURED[profile])
  return {
    kind,
    profile,
    api,
    ctx,
    async send(target, c) {
      const token = tokens.get(c.caller)
      const res = await fetch(`${url}/api/${target.fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: c.body,
      })
      const text = await res.text()
      return { status: res.status, problem: checkAnswer(res.status, text, unconfigured.has(targetName(target))) }
    },
    async sendRaw(r) {
      const res = await fetch(`${url}${r.path}`, {
        method: r.method,
        headers: r.contentType !== undefined ? { 'content-type': r.contentType } : {},
        body: r.method === 'GET' ? undefined : r.body,
      })
      const text = await res.text()
      // Any function may be asked here, so `unavailable` is allowed only as for the function's own targets.
      const name = /^\/api\/([^/]+)/.exec(r.path)?.[1] ?? ''
      return { status: res.status, problem: checkAnswer(res.status, text, [...unconfigured].some((t) => t.startsWith(`${name}.`))) }
    },
    async sendToSearchService(r) {
      const res = await fetch(`${url}/internal/search`, {
        method: r.method,
        headers: { authorization: `Bearer ${SEARCH_SERVICE_SECRET}`, ...(r.contentType !== undefined ? { 'content-type': r.contentType } : {}) },
        body: r.method === 'GET' ? undefined : r.body,
      })
      // Without an index (the bare profile) the service is unconfigured: it answers `unavailable`.
      return { status: res.status, problem: checkAnswer(res.status, await res.text(), profile === 'bare') }
    },
    async close() {
      await api.close()
      await wx?.close()
    },
  }
}
