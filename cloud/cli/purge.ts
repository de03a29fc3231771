// `npm run purge`: removes reporters' contact details from tickets closed longer than CONTACT_RETENTION_DAYS, and
// the daily-limit counts of days gone by.
// Meant for a daily scheduled run (cron, or a timer-triggered cloud function).
import { purgeClosedContacts } from '../services/complaints/purge'
import { pruneDailyCounts } from '../services/dailyLimits'
import { withDatabase } from './withDatabase'

withDatabase('清理失败', async ({ db, config }) => {
  const n = await purgeClosedContacts(db, config.contactRetentionDays)
  console.log(`已删除 ${n} 件已结束举报中的联系方式（保存期限 ${config.contactRetentionDays} 天）`)
  console.log(`已清理 ${await pruneDailyCounts(db)} 条过期的每日次数记录`)
})
