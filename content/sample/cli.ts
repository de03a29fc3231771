// `npm run seed [-- --institutions N] [--replace]`: loads the fictional sample data (907 by default).
// --replace clears the institution tables first (sample data only: it refuses to run when DATABASE_URL is set
// unless --i-know-this-is-not-production is given too).
import { sql } from 'kysely'
import { readConfig } from '../../cloud/config'
import { openDatabase } from '../../cloud/store/db'
import { migrateToLatest } from '../../cloud/store/migrate'
import { ensureDemoAccounts } from '../../cloud/services/demoAccounts'
import { isEmpty, loadSample, loadSampleCases } from '../../cloud/services/sampleData'
import { generateCases } from './cases'
import { fail, readArgs } from '../../cloud/store/cli/args'
import { generateSample } from './generate'

async function main() {
  const { flags } = readArgs(process.argv.slice(2))
  const n = flags.institutions === undefined ? 907 : Number(flags.institutions)
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) fail('--institutions 应为 1 到 1000000 的整数')
  const config = readConfig()
  if (flags.replace && config.databaseUrl && !flags['i-know-this-is-not-production']) fail('拒绝在 DATABASE_URL 指向的数据库上清空数据。')
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateToLatest(handle.db)
    if (!(await isEmpty(handle.db))) {
      if (!flags.replace) fail('数据库中已有机构数据。如需替换为示例数据，请加 --replace。')
      // TRUNCATE, not DELETE: the history is insert-only row by row; wiping a sample database is not editing history.
      await sql`TRUNCATE violation_cases, institution_status_history, institution_sites, institutions, batches, notices`.execute(handle.db)
    }
    const t = Date.now()
    const data = generateSample({ institutions: n })
    await ensureDemoAccounts(handle.db)
    await loadSample(handle.db, data)
    await loadSampleCases(handle.db, generateCases(data))
    console.log(`已载入 ${n} 家示例机构，用时 ${((Date.now() - t) / 1000).toFixed(1)} 秒`)
  } finally {
    await handle.close()
  }
}

main().catch((e) => {
  console.error(`载入失败：${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
