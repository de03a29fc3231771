// `npm run purge`: removes reporters' contact details from tickets closed longer than CONTACT_RETENTION_DAYS.
// Meant for a daily scheduled run (cron, or a timer-triggered cloud function).
import { readConfig } from '../../config'
import { openDatabase } from '../db'
import { migrateToLatest } from '../migrate'
import { purgeClosedContacts } from '../../services/complaints/purge'

async function main() {
  const config = readConfig()
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateToLatest(handle.db)
    const n = await purgeClosedContacts(handle.db, config.contactRetentionDays)
    console.log(`已删除 ${n} 件已结束举报中的联系方式（保存期限 ${config.contactRetentionDays} 天）`)
  } finally {
    await handle.close()
  }
}

main().catch((e) => {
  console.error(`清理失败：${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
