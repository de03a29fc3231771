// A stand-in for WeChat's servers, which this machine cannot reach. It follows the documented contracts of
// auth.code2Session: GET /sns/jscode2session?appid&secret&js_code&grant_type=authorization_code →
// { openid, session_key, unionid? } or { errcode, errmsg } (40029 invalid code, 40163 code been used, 45011 too frequent);
// the access token, subscribe messages, msgSecCheck v2; and cloud storage: POST /tcb/batchdownloadfile
// { env, file_list: [{ fileid, max_age }] } → { errcode, errmsg, file_list: [{ fileid, download_url, status, errmsg }] }
// and POST /tcb/batchdeletefile { env, fileid_list } → { errcode, errmsg, delete_list: [{ fileid, status, errmsg }] },
// POST /tcb/uploadfile { env, path } → { url, token, authorization, file_id, cos_file_id } and the multipart POST to
// that url (key, Signature, x-cos-security-token, x-cos-meta-fileid, then the file last) → 204.
import busboy from 'busboy'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SentMessage {
  touser: string
  template_id: string
  page: string
  data: Record<string, { value: string }>
  miniprogram_state?: string
}

export interface FakeWechat {
  /** Subscribe messages received, in order. */
  sent: SentMessage[]
  /** The errcode the next sends answer with (0: ok). Cleared by setting 0. */
  failWith(errcode: number): void
  url: string
  appId: string
  secret: string
  /** Issue a fresh code for a user, as wx.login would; each code works once. */
  codeFor(openid: string): string
  requests: URL[]
  /** Cloud storage of environment `cloudEnv`: fileID → bytes, as wx.cloud.uploadFile would leave them. */
  cloudEnv: string
  cloudFiles: Map<string, Buffer>
  /** A fileID as wx.cloud.uploadFile answers it, for a cloudPath. */
  cloudFileId(cloudPath: string): string
  /** While on, uploads to cloud storage (the COS POST) are refused with 403, as an expired signature would be. */
  refuseUploads(on: boolean): void
  close(): Promise<void>
}

export async function startFakeWechat(appId = 'wx-test-app', secret = 'wx-test-secret'): Promise<FakeWechat> {
  const codes = new Map<string, string>()
  const used = new Set<string>()
  const requests: URL[] = []
  const sent: SentMessage[] = []
  let sendErr = 0
  let tokens = 0
  const live = new Set<string>()
  let n = 0
  const cloudEnv = 'yg-test-1a2b3c'
  const cloudFiles = new Map<string, Buffer>()
  const slots = new Map<string, { path: string; token: string; cosFileId: string; fileId: string }>()
  let slotN = 0
  let uploadsRefused = false
  const fileIdFor = (cloudPath: string) => `cloud://${cloudEnv}.7967-${cloudEnv}-1300000000/${cloudPath}`
  const readJson = (req: http.IncomingMessage) =>
    new Promise<any>((resolve) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')))
        } catch {
          resolve(undefined)
        }
      })
    })
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    requests.push(url)
    const reply = (body: object) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    if (url.pathname === '/cgi-bin/token' && req.method === 'GET') {
      const p = url.searchParams
      if (p.get('grant_type') !== 'client_credential' || p.get('appid') !== appId || p.get('secret') !== secret) return reply({ errcode: 40013, errmsg: 'invalid appid' })
      const token = `token-${++tokens}`
      live.add(token)
      return reply({ access_token: token, expires_in: 7200 })
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        if (!live.has(url.searchParams.get('access_token') ?? '')) return reply({ errcode: 40001, errmsg: 'invalid credential' })
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SentMessage
        if (!body.touser || !body.template_id || !body.data) return reply({ errcode: 47003, errmsg: 'argument invalid' })
        if (sendErr) return reply({ errcode: sendErr, errmsg: 'fake failure' })
        sent.push(body)
        reply({ errcode: 0, errmsg: 'ok' })
      })
      return
    }
    if (url.pathname === '/wxa/msg_sec_check' && req.method === 'POST') {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        if (!live.has(url.searchParams.get('access_token') ?? '')) return reply({ errcode: 40001, errmsg: 'invalid credential' })
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { content?: string; version?: number; scene?: number; openid?: string }
        if (body.version !== 2 || !body.openid || !body.scene) return reply({ errcode: 47001, errmsg: 'data format error' })
        // The fake's whole moderation policy: one marker word is risky.
        const suggest = body.content?.includes('违禁示例词') ? 'risky' : 'pass'
        reply({ errcode: 0, errmsg: 'ok', result: { suggest, label: suggest === 'risky' ? 20001 : 100 } })
      })
      return
    }
    if (url.pathname === '/tcb/batchdownloadfile' && req.method === 'POST') {
      void readJson(req).then((body) => {
        if (!live.has(url.searchParams.get('access_token') ?? '')) return reply({ errcode: 40001, errmsg: 'invalid credential' })
        if (!body) return reply({ errcode: 47001, errmsg: 'data format error' })
        if (!body.env || !Array.isArray(body.file_list)) return reply({ errcode: 40101, errmsg: 'missing required parameter' })
        if (body.env !== cloudEnv) return reply({ errcode: -501000, errmsg: 'env not exist' })
        reply({
          errcode: 0,
          errmsg: 'ok',
          file_list: body.file_list.map((f: { fileid: string; max_age: number }) =>
            cloudFiles.has(f.fileid) && typeof f.max_age === 'number'
              ? { fileid: f.fileid, download_url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cos/${encodeURIComponent(f.fileid)}`, status: 0, errmsg: 'ok' }
              : { fileid: f.fileid, download_url: '', status: -503003, errmsg: 'STORAGE_FILE_NONEXIST' },
          ),
        })
      })
      return
    }
    if (url.pathname === '/tcb/batchdeletefile' && req.method === 'POST') {
      void readJson(req).then((body) => {
        if (!live.has(url.searchParams.get('access_token') ?? '')) return reply({ errcode: 40001, errmsg: 'invalid credential' })
        if (!body || body.env !== cloudEnv || !Array.isArray(body.fileid_list)) return reply({ errcode: 40101, errmsg: 'missing required parameter' })
        reply({
          errcode: 0,
          errmsg: 'ok',
          delete_list: body.fileid_list.map((fileid: string) =>
            cloudFiles.delete(fileid) ? { fileid, status: 0, errmsg: 'ok' } : { fileid, status: -503003, errmsg: 'STORAGE_FILE_NONEXIST' },
          ),
        })
      })
      return
    }
    if (url.pathname === '/tcb/uploadfile' && req.method === 'POST') {
      void readJson(req).then((body) => {
        if (!live.has(url.searchParams.get('access_token') ?? '')) return reply({ errcode: 40001, errmsg: 'invalid credential' })
        if (!body || body.env !== cloudEnv || typeof body.path !== 'string' || !body.path) return reply({ errcode: 40101, errmsg: 'missing required parameter' })
        const n = ++slotN
        const slot = { path: body.path, token: `cos-token-${n}`, cosFileId: `cos-file-${n}`, fileId: fileIdFor(body.path) }
        slots.set(`cos-auth-${n}`, slot)
        reply({ errcode: 0, errmsg: 'ok', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cos-upload`, token: slot.token, authorization: `cos-auth-${n}`, file_id: slot.fileId, cos_file_id: slot.cosFileId })
      })
      return
    }
    if (url.pathname === '/cos-upload' && req.method === 'POST') {
      const fields: Record<string, string> = {}
      const chunks: Buffer[] = []
      let fileSeen = false
      let fieldAfterFile = false
      const bb = busboy({ headers: req.headers })
      bb.on('field', (name, value) => {
        if (fileSeen) fieldAfterFile = true
        fields[name] = value
      })
      bb.on('file', (_name, stream) => {
        fileSeen = true
        stream.on('data', (c: Buffer) => chunks.push(c))
      })
      bb.on('close', () => {
        const slot = slots.get(fields.Signature ?? '')
        const denied = uploadsRefused || !slot || fields.key !== slot.path || fields['x-cos-security-token'] !== slot.token || fields['x-cos-meta-fileid'] !== slot.cosFileId || !fileSeen || fieldAfterFile
        if (denied) {
          res.writeHead(403, { 'content-type': 'application/xml' })
          return res.end('<Error><Code>AccessDenied</Code></Error>')
        }
        slots.delete(fields.Signature)
        cloudFiles.set(slot.fileId, Buffer.concat(chunks))
        res.writeHead(204)
        res.end()
      })
      req.pipe(bb)
      return
    }
    if (url.pathname.startsWith('/cos/') && req.method === 'GET') {
      const bytes = cloudFiles.get(decodeURIComponent(url.pathname.slice(5)))
      if (!bytes) {
        res.writeHead(404)
        return res.end()
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length })
      return res.end(bytes)
    }
    if (url.pathname !== '/sns/jscode2session' || req.method !== 'GET') {
      res.writeHead(404)
      return res.end()
    }
    const p = url.searchParams
    if (p.get('appid') !== appId || p.get('secret') !== secret) return reply({ errcode: 40013, errmsg: 'invalid appid' })
    if (p.get('grant_type') !== 'authorization_code') return reply({ errcode: 40002, errmsg: 'invalid grant_type' })
    const code = p.get('js_code') ?? ''
    if (used.has(code)) return reply({ errcode: 40163, errmsg: 'code been used' })
    const openid = codes.get(code)
    if (!openid) return reply({ errcode: 40029, errmsg: 'invalid code' })
    used.add(code)
    reply({ openid, session_key: 'fake-session-key' })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    appId,
    secret,
    requests,
    sent,
    failWith(errcode) {
      sendErr = errcode
    },
    codeFor(openid) {
      const code = `code-${++n}-${openid}`
      codes.set(code, openid)
      return code
    },
    cloudEnv,
    cloudFiles,
    cloudFileId: fileIdFor,
    refuseUploads(on) {
      uploadsRefused = on
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
