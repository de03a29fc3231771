// `npm run seed [-- --institutions N] [--replace]`: loads the fictional sample data (907 by default).
// --replace clears the institution tables first (sample data only: it refuses to run when DATABASE_URL is set
// unless --i-know-this-is-not-production is given too).
import { sql } from 'kysely'
import { ensureDemoAccounts } from '../services/demoAccounts'
import { isEmpty, loadSample, loadSampleCases } from '../services/sampleData'
import { generateCases } from '../../content/sample/cases'
import { generateSample } from '../../content/sample/generate'
import { fail, readArgs } from './args'
import { withDatabase } from './withDatabase'

const { flags } = readArgs(process.argv.slice(2))
const n = flags.institutions === undefined ? 907 : Number(flags.institutions)
if (!Number.isInteger(n) || n < 1 || n > 1_000_000) fail('--institutions 应为 1 到 1000000 的整数')

withDatabase(
  '载入失败',
  async ({ db }) => {
    if (!(await isEmpty(db))) {
      if (!flags.replace) fail('数据库中已有机构数据。如需替换为示例数据，请加 --replace。')
      // TRUNCATE, not DELETE: the history is insert-only row by row; wiping a sample database is not editing history.
      await sql`TRUNCATE violation_cases, institution_status_history, institution_sites, institutions, batches, notices`.execute(db)
    }
    const t = Date.now()
    const data = generateSample({ institutions: n })
    const generated = Date.now()
    await ensureDemoAccounts(db)
    const { writeMs, checksMs } = await loadSample(db, data)
    await loadSampleCases(db, generateCases(data))
    const s = (ms: number) => (ms / 1000).toFixed(1)
    console.log(`已载入 ${n} 家示例机构，用时 ${s(Date.now() - t)} 秒（生成 ${s(generated - t)} 秒，写入 ${s(writeMs)} 秒，建索引、查外键与统计 ${s(checksMs)} 秒）`)
  },
  (config) => {
    if (flags.replace && config.databaseUrl && !flags['i-know-this-is-not-production']) fail('拒绝在 DATABASE_URL 指向的数据库上清空数据。')
  },
)
