// Every path the app navigates to, in one place.
const q = encodeURIComponent

export const ROUTES = {
  search: '/pages/index/index',
  explore: '/pages/explore/index',
  report: '/pages/report/index',
  mine: '/pages/mine/index',
  institution: (id: string) => `/pages/institution/index?id=${q(id)}`,
  verify: '/packages/verify/index',
  article: (slug: string) => `/packages/read/article?slug=${q(slug)}`,
  case: (id: string) => `/packages/read/case?id=${q(id)}`,
  /** A published notice: title, issuer, date, document number, official link. */
  notice: (id: string) => `/packages/read/notice?id=${q(id)}`,
  /** The fee checker; opened from an institution's page it carries the institution into a report. */
  prepaid: (institution?: { id: string; name: string }) =>
    institution ? `/packages/read/prepaid?id=${q(institution.id)}&name=${q(institution.name)}` : '/packages/read/prepaid',
  stats: '/packages/read/stats',
} as const

/** Tab pages are reached with switchTab, which takes no query. */
export const TAB_ROUTES: readonly string[] = [ROUTES.search, ROUTES.explore, ROUTES.report, ROUTES.mine]

/** The workbench's management pages (packages/manage). */
export const MANAGE_ROUTES = {
  /** From a ticket, its fields filled in; without one, from scratch. */
  publishCase: (ticketNo?: string) => (ticketNo ? `/packages/manage/case?ticketNo=${q(ticketNo)}` : '/packages/manage/case'),
  institutionStatus: (id?: string) => (id ? `/packages/manage/institution?id=${q(id)}` : '/packages/manage/institution'),
  importInstitutions: '/packages/manage/import',
  supervisors: '/packages/manage/supervisors',
  campaigns: '/packages/manage/campaigns',
  stats: '/packages/manage/stats',
  audit: '/packages/manage/audit',
} as const

/** The report flow (packages/report): the form, the receipt after a confirmed submit, 我的举报 and one ticket. */
export const REPORT_ROUTES = {
  flow: '/packages/report/index',
  receipt: (r: { ticketNo: string; department: string; dueAt: string; similarOpen: number }) =>
    `/packages/report/receipt?ticketNo=${q(r.ticketNo)}&department=${q(r.department)}&dueAt=${q(r.dueAt)}&similarOpen=${r.similarOpen}`,
  mine: '/packages/report/mine',
  detail: (ticketNo: string) => `/packages/report/detail?ticketNo=${q(ticketNo)}`,
} as const

/** The department workbench (packages/staff): the inbox (on a wide screen with the ticket beside it) and one ticket. */
export const STAFF_ROUTES = {
  desk: '/packages/staff/index',
  ticket: (ticketNo: string) => `/packages/staff/ticket?ticketNo=${q(ticketNo)}`,
} as const

/** The supervisor's pages (packages/supervise): the home (campaigns, round, queue, 我的巡查) and the visit form. */
export const SUPERVISE_ROUTES = {
  home: '/packages/supervise/index',
  /** From the round (the site known, so the distance shows at once), a queued record to fix, or blank. */
  observe: (from?: { institution?: { id: string; name: string; lat?: number; lng?: number }; requestId?: string; campaignId?: string }) => {
    const params: string[] = []
    const i = from?.institution
    if (i) params.push(`id=${q(i.id)}`, `name=${q(i.name)}`, ...(i.lat !== undefined && i.lng !== undefined ? [`lat=${i.lat}`, `lng=${i.lng}`] : []))
    if (from?.requestId) params.push(`requestId=${q(from.requestId)}`)
    if (from?.campaignId) params.push(`campaignId=${q(from.campaignId)}`)
    return `/packages/supervise/observe${params.length ? `?${params.join('&')}` : ''}`
  },
} as const
