// Use cases of the 政策与曝光 tab: articles, the case board, one case, and the open figures.
import type { Calendar } from '../../../src/domain/workingDays'
import { handlingFigures, visitFigures } from '../handlingFigures'
import type { Kysely } from 'kysely'
import type { Page } from '../../../src/domain/api'
import { CATEGORIES, DISTRICTS } from '../../../src/domain/catalog'
import { VIOLATION_TYPES, type Article, type CaseDetail, type ArticleSummary, type OpenFigures, type ViolationCase } from '../../../src/domain/content'
import { AppError } from '../../../src/domain/errors'
import { ArticlesQuerySchema, ArticleSlugSchema, CaseIdSchema, CasesQuerySchema } from '../../../src/domain/contentSchemas'
import { EmptySchema } from '../../../src/domain/schemas'
import type { Database } from '../../store/schema'
import { figures, findArticle, findCase, listArticles, listCases, type CaseRow } from '../../store/contentRepo'
import { parseInput } from '../validate'
import { pageOf, readCursor } from '../paging'
import { chinaDate } from '../../../src/domain/chinaDate'

const UUID = /^[0-9a-f-]{36}$/

export async function articles(db: Kysely<Database>, input: unknown): Promise<{ items: ArticleSummary[]; total: number }> {
  const i = parseInput(ArticlesQuerySchema, input)
  const rows = await listArticles(db, { topic: i.topic, q: i.q?.trim() || undefined })
  const items = rows.map((r) => ({ slug: r.slug, title: r.title, topic: r.topic, summary: r.summary, updated: r.updated }))
  return { items, total: items.length }
}

export async function article(db: Kysely<Database>, input: unknown): Promise<Article> {
  const { slug } = parseInput(ArticleSlugSchema, input)
  const r = await findArticle(db, slug)
  if (!r) throw new AppError('not_found', '没有找到这篇文章，可能已更新或下线')
  return { slug: r.slug, title: r.title, topic: r.topic, summary: r.summary, updated: r.updated, sources: r.sources, blocks: r.blocks }
}

/** The public shape of a case, field by field. */
export function caseRowToCase(r: CaseRow): ViolationCase {
  return {
    id: r.id,
    date: r.date,
    entityName: r.entity_name,
    ...(r.institution_id ? { institutionId: r.institution_id } : {}),
    district: r.district,
    ...(r.category ? { category: r.category } : {}),
    type: r.type,
    facts: r.facts,
    outcome: r.outcome,
    department: r.department,
    notice: r.notice,
    ...(r.notice_id ? { noticeId: r.notice_id } : {}),
  }
}

export async function cases(db: Kysely<Database>, input: unknown): Promise<Page<ViolationCase>> {
  const i = parseInput(CasesQuerySchema, input)
  const offset = readCursor(i.cursor)
  if (i.institutionId !== undefined && !UUID.test(i.institutionId)) return { items: [], total: 0 }
  const limit = i.limit ?? 20
  const { rows, total } = await listCases(db, { district: i.district, type: i.type, year: i.year, institutionId: i.institutionId, offset, limit })
  return pageOf(rows.map(caseRowToCase), total, offset)
}

export async function oneCase(db: Kysely<Database>, input: unknown): Promise<CaseDetail> {
  const { id } = parseInput(CaseIdSchema, input)
  const r = UUID.test(id) ? await findCase(db, id) : undefined
  if (!r) throw new AppError('not_found', '没有找到这条违规案例')
  return publicCase(r)
}

/** What content.case answers for a case row and its institution's name and status (staff.publishCase previews it). */
export function publicCase(r: CaseRow & { institution_name: string | null; institution_status: string | null }): CaseDetail {
  const out = caseRowToCase(r)
  return r.institution_id && r.institution_name && r.institution_status
    ? { ...out, institution: { id: r.institution_id, name: r.institution_name, status: r.institution_status } }
    : out
}

/** The city's handling figures cover the reports of the last year, counted as the workbench counts them. */
export const PUBLIC_FIGURES_DAYS = 365

export async function stats(db: Kysely<Database>, input: unknown, calendar: Calendar, today = new Date()): Promise<OpenFigures> {
  parseInput(EmptySchema, input)
  const [f, handled, visits] = await Promise.all([figures(db), handlingFigures(db, calendar, { days: PUBLIC_FIGURES_DAYS, today: chinaDate(today) }), visitFigures(db, chinaDate(today))])
  const zeroed = <K extends string>(keys: readonly K[], rows: { key: K; n: number }[]) =>
    Object.fromEntries(keys.map((k) => [k, Number(rows.find((r) => r.key === k)?.n ?? 0)])) as Record<K, number>
  return {
    asOf: chinaDate(today),
    approvedByCategory: zeroed(CATEGORIES, f.byCategory.map((r) => ({ key: r.category, n: r.n }))),
    approvedByDistrict: zeroed(DISTRICTS, f.byDistrict.map((r) => ({ key: r.district, n: r.n }))),
    batches: f.batches.map((b) => ({ no: b.no, date: b.date, count: Number(b.n) })),
    casesByType: zeroed(VIOLATION_TYPES, f.byType.map((r) => ({ key: r.type, n: r.n }))),
    casesByMonth: f.byMonth.map((m) => ({ month: m.month, count: Number(m.n) })),
    complaints: { received: handled.total.received, repliedOnTime: handled.total.repliedOnTime, medianDaysToReply: handled.total.medianReplyDays },
    visitsByMonth: visits,
  }
}
