// RESULTS.md sections that a bench writes alone (`--only NAME`), between `<!-- NAME:start -->` and `<!-- NAME:end -->`,
// so the sections other benches or people wrote stay as they are.

/** Puts `section` in place of the marked one, or, the first time, just before the fuzz section, which stays last
 *  (`npm run fuzz` rewrites everything from its heading on). */
export function spliceSection(markdown: string, name: string, section: string): string {
  const open = `<!-- ${name}:start -->`
  const close = `<!-- ${name}:end -->`
  const start = markdown.indexOf(open)
  const end = markdown.indexOf(close)
  if (start >= 0 && end > start) return markdown.slice(0, start) + section.trimEnd() + markdown.slice(end + close.length)
  const fuzz = markdown.indexOf('\n## 6. Fuzz')
  if (fuzz >= 0) return markdown.slice(0, fuzz).trimEnd() + '\n\n' + section + markdown.slice(fuzz)
  return markdown.trimEnd() + '\n\n' + section
}

/** A row the Budgets table at the top gets for each section a bench writes alone; recognised by its first cell. */
const SECTION_ROW = /^\| §/

/**
 * The Budgets table at the top, with one row per section a bench writes alone: how many of the section's budget rows
 * pass (each section judges its own rows, PASS or **FAIL**). Read from the sections as written, so a section measured
 * alone (`--only NAME`) shows up at the top too; the rows are replaced each time.
 */
export function withSectionBudgets(markdown: string): string {
  const rows: string[] = []
  for (const m of markdown.matchAll(/<!-- ([\w-]+):start -->([\s\S]*?)<!-- \1:end -->/g)) {
    const body = m[2]
    const heading = /^## (.+)$/m.exec(body)?.[1]
    if (!heading) continue
    const pass = (body.match(/\| PASS( \(|\s*\|)/g) ?? []).length
    const fail = (body.match(/\| \*\*FAIL\*\*/g) ?? []).length
    if (pass + fail === 0) continue
    const when = /^Run (\d{4}-\d{2}-\d{2})/m.exec(body)?.[1] ?? ''
    rows.push(`| §${heading} | each row's budget, judged in the section${when ? ` (run ${when})` : ''} | ${pass} of ${pass + fail} rows pass | ${fail ? '**FAIL**' : 'PASS'} |`)
  }
  const lines = markdown.split('\n')
  const top = lines.indexOf('## Budgets')
  if (top < 0) return markdown
  const kept = lines.filter((l, k) => !(k > top && SECTION_ROW.test(l)))
  let end = kept.indexOf('|---|---|---|---|', top)
  if (end < 0) return markdown
  while (kept[end + 1]?.startsWith('|')) end++
  kept.splice(end + 1, 0, ...rows)
  return kept.join('\n')
}
