// `npm run migrate`: brings the configured database (PGlite in DATA_DIR, or DATABASE_URL) to the latest schema.
import { withDatabase } from './withDatabase'

withDatabase('迁移失败', async ({ applied }) => {
  console.log(applied.length ? `已执行迁移：${applied.join('、')}` : '数据库结构已是最新')
})
