// `npm run content`: loads content/articles/*.md and the holiday calendar (content/calendar/*.yaml) into the
// configured database (npm start does this too).
// Repeatable: unchanged files are skipped, changed ones update, removed ones go offline; nothing duplicates.
import { loadArticles } from '../services/content/articleLoader'
import { describeCalendar, loadCalendar } from '../services/complaints/holidayCalendar'
import { withDatabase } from './withDatabase'

withDatabase('载入内容失败', async ({ db, config }) => {
  const r = await loadArticles(db, config.articlesDir)
  const years = await loadCalendar(db, config.calendarDir)
  console.log(`办理时限日历：${describeCalendar(years) || '无'}`)
  console.log(`文章：新增 ${r.created}，更新 ${r.updated}，未变 ${r.unchanged}，下线 ${r.removed}`)
})
