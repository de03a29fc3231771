// Links inside articles are app routes written by our writers (never raw URLs). Anything not on this list is shown
// as plain text, so a typo or an outside address can never send a reader somewhere unexpected.
import { ROUTES } from './routes'

export type LinkTarget =
  | { kind: 'tab'; url: string }
  | { kind: 'page'; url: string }
  /** An 18-character code: verified first, then its detail page opened. */
  | { kind: 'uscc'; code: string }

const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/
const USCC = /^[0-9A-HJ-NP-RTUWXY]{18}$/
const ID = /^[A-Za-z0-9_-]{1,64}$/

export function resolveLink(link: string | undefined): LinkTarget | null {
  if (!link) return null
  const path = link.trim().replace(/[?#].*$/, '').replace(/\/+$/, '')
  if (path === '/search') return { kind: 'tab', url: ROUTES.search }
  if (path === '/report') return { kind: 'tab', url: ROUTES.report }
  if (path === '/explore' || path === '/articles') return { kind: 'tab', url: ROUTES.explore }
  if (path === '/tools/prepaid') return { kind: 'page', url: ROUTES.prepaid() }
  if (path === '/stats') return { kind: 'page', url: ROUTES.stats }
  const article = /^\/articles\/([^/]+)$/.exec(path)
  if (article) return SLUG.test(article[1]) ? { kind: 'page', url: ROUTES.article(article[1]) } : null
  const inst = /^\/institutions\/([^/]+)$/.exec(path)
  if (inst) {
    const value = decodeURIComponentSafe(inst[1])
    if (USCC.test(value.toUpperCase())) return { kind: 'uscc', code: value.toUpperCase() }
    return ID.test(value) ? { kind: 'page', url: ROUTES.institution(value) } : null
  }
  return null
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
