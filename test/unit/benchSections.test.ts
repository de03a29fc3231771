// The Budgets table at the top of bench/RESULTS.md carries a row for each section a bench writes alone, so a failing
// budget further down cannot hide behind a top table of passes.
import { spliceSection, withSectionBudgets } from '../../bench/sections'

const top = ['# Benchmark results', '', '## Budgets', '', '| Budget | Target | Result | Verdict |', '|---|---|---|---|', '| Search p99, PGlite | ≤ 25 ms | 12 ms | PASS |', '', '## 1. Search', ''].join('\n')
const section = (name: string, title: string, verdicts: string[]) =>
  [`<!-- ${name}:start -->`, `## ${title}`, '', 'Run 2026-12-02 14:29 UTC on 2 CPUs.', '', '| action | p99 | budget |', '|---|---:|---|', ...verdicts.map((v, k) => `| a${k} | ${k} | ${v} |`), '', `<!-- ${name}:end -->`, ''].join('\n')

describe('withSectionBudgets', () => {
  it('when sections judge their rows, then the top table says how many pass in each, and fails where one fails', () => {
    let md = spliceSection(top, 'inbox', section('inbox', '7. The workbench (issue 9)', ['PASS (≤ 50 ms)', '**FAIL** (≤ 100 ms)']))
    md = spliceSection(md, 'observations', section('observations', '8. Supervisors', ['PASS', 'PASS']))
    md = spliceSection(md, 'notes', '<!-- notes:start -->\n## 13. Notes\n\nNo budgets here.\n<!-- notes:end -->\n')
    const out = withSectionBudgets(md)
    const rows = out.split('\n').filter((l) => l.startsWith('| §'))
    expect(rows).toEqual([
      '| §7. The workbench (issue 9) | each row\'s budget, judged in the section (run 2026-12-02) | 1 of 2 rows pass | **FAIL** |',
      '| §8. Supervisors | each row\'s budget, judged in the section (run 2026-12-02) | 2 of 2 rows pass | PASS |',
    ])
    // In the table, after its own rows.
    const lines = out.split('\n')
    expect(lines.indexOf(rows[0])).toBe(lines.indexOf('| Search p99, PGlite | ≤ 25 ms | 12 ms | PASS |') + 1)
  })

  it('when the table is written again, then the section rows are replaced, not added twice', () => {
    const md = spliceSection(top, 'inbox', section('inbox', '7. The workbench (issue 9)', ['PASS']))
    const once = withSectionBudgets(md)
    expect(withSectionBudgets(once)).toBe(once)
    const changed = withSectionBudgets(spliceSection(once, 'inbox', section('inbox', '7. The workbench (issue 9)', ['**FAIL**'])))
    expect(changed.split('\n').filter((l) => l.startsWith('| §'))).toEqual(['| §7. The workbench (issue 9) | each row\'s budget, judged in the section (run 2026-12-02) | 0 of 1 rows pass | **FAIL** |'])
  })
})
