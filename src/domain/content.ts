// Shapes of the 政策与曝光 content: articles rendered from Markdown into a small, safe tree (never HTML), violation
// cases and open figures. Shared by the content function and the mini-program's renderer.
import type { Category, District } from './catalog'

export const ARTICLE_TOPICS = ['basics', 'checking', 'fees', 'contracts', 'safety', 'advertising', 'reporting', 'supervision', 'city'] as const
export type ArticleTopic = (typeof ARTICLE_TOPICS)[number]

export const ARTICLE_TOPIC_LABEL: Record<ArticleTopic, string> = {
  basics: '基础知识',
  checking: '核验机构',
  fees: '收费与预付',
  contracts: '合同与退费',
  safety: '安全与时间',
  advertising: '广告与变相培训',
  reporting: '举报与处理',
  supervision: '社会监督',
  city: '厦门做法',
}

/** The violation types of published cases and of complaints (DOMAIN.md "Complaint categories"). */
export const VIOLATION_TYPES = [
  'unlicensed',
  'disguised_academic',
  'prepaid_fees',
  'advertising',
  'late_hours',
  'staff',
  'refund',
  'safety',
  'scope',
  'competition',
  'other',
] as const
export type ViolationType = (typeof VIOLATION_TYPES)[number]

export const VIOLATION_LABEL: Record<ViolationType, string> = {
  unlicensed: '无证无照/未经审批开展培训',
  disguised_academic: '以非学科名义开展学科类培训',
  prepaid_fees: '超期/超额预收费、未进监管账户、培训贷',
  advertising: '违规广告/虚假宣传',
  late_hours: '超时培训',
  staff: '从业人员资质不合规/在职教师有偿培训',
  refund: '退费难/机构停业跑路',
  safety: '消防与场所安全隐患',
  scope: '超范围/超场所培训',
  competition: '违规组织竞赛',
  other: '其他',
}

/** Inline runs of text; marks nest as flags, links carry an app route (never a raw URL). */
export interface InlineRun {
  text: string
  strong?: boolean
  em?: boolean
  code?: boolean
  /** An in-app route: /articles/<slug>, /institutions/<id>, /search, /report, /tools/prepaid. */
  link?: string
}

export type Block =
  | { type: 'heading'; level: 2 | 3 | 4; runs: InlineRun[] }
  | { type: 'paragraph'; runs: InlineRun[] }
  | { type: 'list'; ordered: boolean; items: InlineRun[][] }
  | { type: 'quote'; runs: InlineRun[] }
  | { type: 'table'; head: InlineRun[][]; rows: InlineRun[][][] }
  | { type: 'rule' }

export interface ArticleSummary {
  slug: string
  title: string
  topic: ArticleTopic
  summary: string
  updated: string
}

export interface Article extends ArticleSummary {
  sources: string[]
  blocks: Block[]
}

export interface ViolationCase {
  id: string
  date: string
  entityName: string
  /** Set when the entity is an institution in the registry. */
  institutionId?: string
  district: District
  category?: Category
  type: ViolationType
  facts: string
  outcome: string
  department: string
  /** The 原始通报's title. */
  notice: string
  /** Opens the notice's own page (content.notice). */
  noticeId?: string
}

/** One case as content.case answers it: the case and, when linked, the institution's name and status now. */
export type CaseDetail = ViolationCase & { institution?: { id: string; name: string; status: string } }

export interface OpenFigures {
  asOf: string
  approvedByCategory: Record<Category, number>
  approvedByDistrict: Record<District, number>
  batches: { no: number; date: string; count: number }[]
  casesByType: Record<ViolationType, number>
  /** YYYY-MM → number of cases published that month. */
  casesByMonth: { month: string; count: number }[]
  complaints: { received: number; repliedOnTime: number; medianDaysToReply: number | null }
  /** Supervisors' visits per month (China time) and district: the last 12 months, oldest first, every month and
   *  district present (0 when none). Counts only: the public never sees an observation itself. */
  visitsByMonth: { month: string; byDistrict: Record<District, number> }[]
}

/** The `count` months ending with the month of `today` (YYYY-MM-DD), oldest first, as YYYY-MM. */
export function lastMonths(today: string, count: number): string[] {
  const [y, m] = today.split('-').map(Number)
  return Array.from({ length: count }, (_, k) => {
    const n = y * 12 + (m - 1) - (count - 1 - k)
    return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`
  })
}
