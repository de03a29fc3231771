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
