// `npm run migrate`: brings the configured database (PGlite in DATA_DIR, or DATABASE_URL) to the latest schema.
import { readConfig } from '../../config'
import { openDatabase } from '../db'
import { migrateToLatest } from '../migrate'

async function main() {
  const config = readConfig()
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    const applied = await migrateToLatest(handle.db)
    console.log(applied.length ? `已执行迁移：${applied.join('、')}` : '数据库结构已是最新')
  } finally {
    await handle.close()
  }
}

main().catch((e) => {
  console.error(`迁移失败：${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
