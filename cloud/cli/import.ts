// `npm run import -- FILE.csv|FILE.xlsx --batch N --notice "…" [--date YYYY-MM-DD] [--issuer "…"] [--doc-no "…"] [--url https://…]`
// Imports a published white/black list. Every row is checked first; any problem is reported by row and nothing is written.
import fs from 'node:fs'
import path from 'node:path'
import { describeImportProblem, parseInstitutionList, type ImportProblem } from '../services/institutionImport/parse'
import { applyInstitutionImport } from '../services/institutionImport/apply'
import { chinaDate } from '../../src/domain/chinaDate'
import { fail, readArgs } from './args'
import { withDatabase } from './withDatabase'

const USAGE = '用法：npm run import -- 名单.csv|名单.xlsx --batch 批次 --notice "公告名称" [--date YYYY-MM-DD] [--issuer 发布机关] [--doc-no 文号] [--url 公告链接]（列说明见 docs/import-format.md）'

withDatabase(
  '导入失败',
  async ({ db }, { parsed, batch, notice, date, extra }) => {
    const outcome = await applyInstitutionImport(db, parsed.rows, { batch, notice, date, source: 'cli', ...extra })
    if (!outcome.ok) report(outcome.problems)
    const s = outcome.summary
    console.log(`导入完成：共 ${parsed.rows.length} 行，新增 ${s.created} 家，变更状态 ${s.statusChanged} 家，更新信息 ${s.updated} 家，无变化 ${s.unchanged} 家。`)
  },
  async () => {
    const { positional, flags } = readArgs(process.argv.slice(2))
    const file = positional[0]
    if (!file) fail(USAGE)
    if (!fs.existsSync(file)) fail(`找不到文件：${file}`)
    const notice = flags.notice
    if (typeof notice !== 'string') fail(`请用 --notice 注明名单出自哪份公告。\n${USAGE}`)
    const batch = flags.batch === undefined ? undefined : Number(flags.batch)
    const date = typeof flags.date === 'string' ? flags.date : chinaDate()
    const extra = {
      ...(typeof flags.issuer === 'string' ? { issuer: flags.issuer } : {}),
      ...(typeof flags['doc-no'] === 'string' ? { docNo: flags['doc-no'] } : {}),
      ...(typeof flags.url === 'string' ? { url: flags.url } : {}),
    }
    const parsed = await parseInstitutionList(new Uint8Array(fs.readFileSync(file)), path.basename(file))
    if (!parsed.ok) report(parsed.problems)
    return { parsed, batch, notice, date, extra }
  },
)

function report(problems: ImportProblem[]): never {
  console.error(`名单有 ${problems.length} 处问题，未导入任何数据：`)
  for (const p of problems) console.error(`  ${describeImportProblem(p)}`)
  process.exit(1)
}
