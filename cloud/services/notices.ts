// Published notices: written once per (title, date) by whatever names them (the sample, a list import, a case), and
// read one at a time by the public page that shows what a status change, a batch or a case rests on.
import { sql, type Kysely } from 'kysely'
import { AppError } from '../../src/domain/errors'
import { NoticeIdSchema, type Notice } from '../../src/domain/notices'
import type { Database, NoticeTable } from '../store/schema'
import type { Selectable } from 'kysely'
import { parseInput } from './validate'

export interface NoticeInput {
  title: string
  issuer?: string
  /** YYYY-MM-DD */
  date: string
  docNo?: string
  url?: string
}

const UUID = /^[0-9a-f-]{36}$/
const CHUNK = 500

export const noticeKey = (n: { title: string; date: string }) => `${n.date}\u0001${n.title}`

/**
 * The id of each notice, inserting those not yet known. A later mention may add what an earlier one lacked (issuer,
 * document number, link); it never erases them.
 */
export async function ensureNotices(db: Kysely<Database>, notices: NoticeInput[]): Promise<Map<string, string>> {
  const unique = new Map<string, NoticeInput>()
  for (const n of notices) if (!unique.has(noticeKey(n))) unique.set(noticeKey(n), n)
  const ids = new Map<string, string>()
  const all = [...unique.values()]
  for (let i = 0; i < all.length; i += CHUNK) {
    const rows = await db
      .insertInto('notices')
      .values(all.slice(i, i + CHUNK).map((n) => ({ title: n.title, issuer: n.issuer ?? '', date: n.date, doc_no: n.docNo ?? null, url: n.url ?? null })))
      .onConflict((oc) =>
        oc.columns(['title', 'date']).doUpdateSet({
          issuer: sql<string>`coalesce(nullif(excluded.issuer, ''), notices.issuer)`,
          doc_no: sql<string | null>`coalesce(excluded.doc_no, notices.doc_no)`,
          url: sql<string | null>`coalesce(excluded.url, notices.url)`,
        }),
      )
      .returning(['id', 'title', 'date'])
      .execute()
    for (const r of rows) ids.set(noticeKey(r), r.id)
  }
  return ids
}

/** A notice as the workbench forms give it (src/domain/staffRecords.ts NoticeSchema): blank optional fields are absent. */
export function noticeFromFields(n: { title: string; issuer?: string; date: string; docNo?: string; url?: string }): NoticeInput {
  return { title: n.title, date: n.date, ...(n.issuer ? { issuer: n.issuer } : {}), ...(n.docNo ? { docNo: n.docNo } : {}), ...(n.url ? { url: n.url } : {}) }
}

export async function ensureNotice(db: Kysely<Database>, notice: NoticeInput): Promise<string> {
  return (await ensureNotices(db, [notice])).get(noticeKey(notice))!
}

/** The public shape of a notice, field by field. */
export function noticeRowToNotice(r: Selectable<NoticeTable>): Notice {
  return {
    id: r.id,
    title: r.title,
    issuer: r.issuer,
    date: r.date,
    ...(r.doc_no ? { docNo: r.doc_no } : {}),
    ...(r.url ? { url: r.url } : {}),
  }
}

export async function notice(db: Kysely<Database>, input: unknown): Promise<Notice> {
  const { id } = parseInput(NoticeIdSchema, input)
  const row = UUID.test(id) ? await db.selectFrom('notices').selectAll().where('id', '=', id).executeTakeFirst() : undefined
  if (!row) throw new AppError('not_found', '没有找到这份公告，链接可能有误')
  return noticeRowToNotice(row)
}
