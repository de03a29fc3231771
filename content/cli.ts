// `npm run content`: loads content/articles/*.md and the holiday calendar (content/calendar/*.yaml) into the
// configured database (npm start does this too).
// Repeatable: unchanged files are skipped, changed ones update, removed ones go offline; nothing duplicates.
import { readConfig } from '../cloud/config'
import { openDatabase } from '../cloud/store/db'
import { migrateToLatest } from '../cloud/store/migrate'
import { loadArticles } from '../cloud/services/content/articleLoader'
import { describeCalendar, loadCalendar } from '../cloud/services/complaints/holidayCalendar'

async function main() {
  const config = readConfig()
  const handle = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrateToLatest(handle.db)
    const r = await loadArticles(handle.db, config.articlesDir)
    const years = await loadCalendar(handle.db, config.calendarDir)
    console.log(`办理时限日历：${describeCalendar(years) || '无'}`)
    console.log(`文章：新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}，下线 ${r.removed}`)
  } finally {
    await handle.close()
  }
}

main().catch((e) => {
  console.error(`载入内容失败：${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
