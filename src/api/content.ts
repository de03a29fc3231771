import type { Page } from '@/domain/api'
import type { InstitutionStatus } from '@/domain/catalog'
import type { Article, ArticleSummary, ArticleTopic, OpenFigures, ViolationCase, ViolationType } from '@/domain/content'
import type { District } from '@/domain/catalog'
import type { Notice } from '@/domain/notices'
import { callFunction, type Result } from './transport'

export const CASES_PAGE_SIZE = 20

export interface ArticleQuery {
  topic?: ArticleTopic
  /** Searched in title and summary; at most 50 characters. */
  q?: string
}

export interface CaseQuery {
  district?: District
  type?: ViolationType
  year?: number
  institutionId?: string
  cursor?: string
}

/** A case as its own page shows it: with the registry entry it names, when there is one. */
export type CaseDetail = ViolationCase & { institution?: { id: string; name: string; status: InstitutionStatus } }

export function articles(query: ArticleQuery = {}): Promise<Result<{ items: ArticleSummary[]; total: number }>> {
  return callFunction('content', 'articles', query)
}

export function article(slug: string): Promise<Result<Article>> {
  return callFunction('content', 'article', { slug })
}

export function cases(query: CaseQuery = {}): Promise<Result<Page<ViolationCase>>> {
  return callFunction('content', 'cases', { limit: CASES_PAGE_SIZE, ...query })
}

export function caseDetail(id: string): Promise<Result<CaseDetail>> {
  return callFunction('content', 'case', { id })
}

export function stats(): Promise<Result<OpenFigures>> {
  return callFunction('content', 'stats')
}

export function notice(id: string): Promise<Result<Notice>> {
  return callFunction('content', 'notice', { id })
}
