// axe-core 4 on the H5 build, in the page as a user sees it: the checks every e2e suite can run on a page or state.
import fs from 'node:fs'
import type { Page } from 'playwright-core'

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical'

export interface Finding {
  id: string
  impact: Impact
  help: string
  nodes: { target: string[]; html: string; summary: string }[]
}

/** Runs axe on the document (Taro's title bar, the page on top, the tab bar); pages Taro keeps hidden underneath are left out. */
export async function axeFindings(page: Page, impacts: Impact[] = ['critical', 'serious']): Promise<Finding[]> {
  // A toast fades in and out over the page: measured mid-fade its text sits on a half-transparent box (a CI run once
  // saw 1.28:1 on "已保存，正在上传"). Judge the page once it has gone; one that stays is judged as it is.
  await page
    .locator('.taro__toast p')
    .last()
    .waitFor({ state: 'hidden', timeout: 5_000 })
    .catch(() => undefined)
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined')
  // Evaluated through the DevTools protocol, not added as an inline <script>: the app's CSP refuses inline scripts
  // (as it should), and the e2e suites fail on any CSP violation.
  if (!loaded) await page.evaluate(AXE_SOURCE)
  const raw = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe
    const context = { include: [document], exclude: [['.taro_page_shade']] }
    const result = await axe.run(context, { resultTypes: ['violations'] })
    return result.violations as { id: string; impact: Impact; help: string; nodes: { target: string[]; html: string; failureSummary?: string }[] }[]
  })
  return raw
    .filter((v) => impacts.includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String), html: n.html.slice(0, 200), summary: (n.failureSummary ?? '').split('\n').slice(0, 3).join(' ') })),
    }))
}

/** One line per node, readable in a failed assertion: rule, impact, where and what. */
export function describeFindings(findings: Finding[]): string[] {
  return findings.flatMap((f) => f.nodes.map((n) => `[${f.impact}] ${f.id} — ${f.help} @ ${n.target.join(' ')} :: ${n.html} :: ${n.summary}`))
}

/** Counts by impact, for reports (before and after). */
export function countByImpact(findings: Finding[]): Record<Impact, number> {
  const out: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 }
  for (const f of findings) out[f.impact] += f.nodes.length
  return out
}

/** jest: `await expectNoSeriousFindings(page, 'home · results')` lists every critical or serious node on failure. */
export async function expectNoSeriousFindings(page: Page, where: string): Promise<void> {
  const findings = await axeFindings(page)
  expect({ where, findings: describeFindings(findings) }).toEqual({ where, findings: [] })
}
