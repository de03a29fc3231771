// Asks a gateway's in-memory index for a search page (POST /internal/search), for a process that holds no index of its
// own: a cloud-function instance, which answers from SQL alone otherwise (issue 12, point 6: at a million institutions
// the SQL path misses 50 ms on four shapes, the index meets it on every one). The service's answer is the page the
// function would have built from the index, highlights included, so the instance needs neither the index nor pinyin.
//
// Never a reason for a search to fail: whatever goes wrong (refused, timed out, not serving yet, a non-JSON answer),
// the caller answers from SQL. After a failure the service is left alone for a short pause, so a service that is down
// costs the next searches nothing instead of a connection attempt or a timeout each.
import http from 'node:http'
import https from 'node:https'
import type { InstitutionListItem, Page } from '../../src/domain/api'
import { CATEGORIES, DISTRICTS, INSTITUTION_STATUSES } from '../../src/domain/catalog'

export interface SearchService {
  /** The page, or undefined: answer from SQL. `input` is the search's validated input. */
  search(input: Record<string, unknown>): Promise<Page<InstitutionListItem> | undefined>
}

export interface SearchServiceOptions {
  url: string
  secret: string
  timeoutMs: number
  /** How long after a failure the service is not asked (ms). */
  pauseMs?: number
  log?: (line: string) => void
}

const PAUSE_MS = 2000
/** A page of 50 list items is ~20 KB; anything far larger is not an answer of ours. */
const MAX_ANSWER_BYTES = 1024 * 1024

/** `stale`: the request went out on a kept-alive socket the service had closed meanwhile (as it does after its
 *  keep-alive timeout, which a function instance frozen between calls does not see happen): worth one retry. */
type Outcome = { page: Page<InstitutionListItem> } | { failed: string; stale?: boolean }

export function searchService(opts: SearchServiceOptions): SearchService {
  const target = new URL(`${opts.url}/internal/search`)
  const client = target.protocol === 'https:' ? https : http
  // Kept-alive connections: a call is then one request on an open socket, not a handshake per search.
  const agent = new client.Agent({ keepAlive: true, maxSockets: 64 })
  const pauseMs = opts.pauseMs ?? PAUSE_MS
  let pausedUntil = 0

  function ask(input: Record<string, unknown>): Promise<Outcome> {
    const body = Buffer.from(JSON.stringify(input))
    return new Promise((resolve) => {
      let settled = false
      const done = (o: Outcome) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        resolve(o)
      }
      const req = client.request(
        target,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${opts.secret}` },
        },
        (res) => {
          const chunks: Buffer[] = []
          let size = 0
          res.on('data', (c: Buffer) => {
            size += c.length
            if (size > MAX_ANSWER_BYTES) {
              req.destroy()
              done({ failed: 'answer too large' })
            } else chunks.push(c)
          })
          res.on('error', (e) => done({ failed: e.message }))
          res.on('end', () => {
            if (res.statusCode !== 200) return done({ failed: `HTTP ${res.statusCode}` })
            const page = pageOf(Buffer.concat(chunks))
            done(page ? { page } : { failed: 'not a page' })
          })
        },
      )
      const timer = setTimeout(() => {
        req.destroy()
        done({ failed: `no answer in ${opts.timeoutMs} ms` })
      }, opts.timeoutMs)
      req.on('error', (e: NodeJS.ErrnoException) => done({ failed: e.message, stale: req.reusedSocket && e.code === 'ECONNRESET' }))
      req.end(body)
    })
  }

  return {
    async search(input) {
      if (Date.now() < pausedUntil) return undefined
      let outcome = await ask(input)
      if ('stale' in outcome && outcome.stale) outcome = await ask(input)
      if ('page' in outcome) return outcome.page
      if (Date.now() >= pausedUntil) opts.log?.(`搜索服务未回答（${outcome.failed}），${pauseMs} ms 内由数据库直接回答`)
      pausedUntil = Date.now() + pauseMs
      return undefined
    },
  }
}

/** The envelope's page rebuilt from the fields a list page has (a public answer is built from a whitelist, here too:
 *  whatever else the service sent is not passed on), or undefined when the bytes are not such a page. */
function pageOf(bytes: Buffer): Page<InstitutionListItem> | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(bytes.toString('utf8'))
  } catch {
    return undefined
  }
  const envelope = parsed as { ok?: unknown; data?: Record<string, unknown> } | null
  const data = envelope?.ok === true ? envelope.data : undefined
  if (!data || typeof data !== 'object' || !Array.isArray(data.items) || !Number.isInteger(data.total)) return undefined
  const items: InstitutionListItem[] = []
  for (const raw of data.items) {
    const item = listItemOf(raw)
    if (!item) return undefined
    items.push(item)
  }
  const page: Page<InstitutionListItem> = { items, total: data.total as number }
  if (data.totalCapped === true) page.totalCapped = true
  if (typeof data.nextCursor === 'string') page.nextCursor = data.nextCursor
  return page
}

const isRange = (r: unknown): r is [number, number] => Array.isArray(r) && r.length === 2 && r.every(Number.isInteger)
const isText = (v: unknown): v is string => typeof v === 'string'
const isOneOf = <T extends string>(list: readonly T[], v: unknown): v is T => (list as readonly unknown[]).includes(v)

function listItemOf(raw: unknown): InstitutionListItem | undefined {
  if (!raw || typeof raw !== 'object') return undefined
  const x = raw as Record<string, unknown>
  const { id, name, address, status, category, district } = x
  if (!isText(id) || !isText(name) || !isText(address)) return undefined
  if (!isOneOf(INSTITUTION_STATUSES, status) || !isOneOf(CATEGORIES, category) || !isOneOf(DISTRICTS, district)) return undefined
  const item: InstitutionListItem = { id, name, status, category, district, address }
  if (x.distanceM !== undefined) {
    if (typeof x.distanceM !== 'number' || !Number.isFinite(x.distanceM)) return undefined
    item.distanceM = x.distanceM
  }
  if (x.highlight !== undefined) {
    if (!Array.isArray(x.highlight) || !x.highlight.every(isRange)) return undefined
    item.highlight = x.highlight
  }
  return item
}
