// Loads content/articles/*.md into the database. Repeatable: unchanged files (same hash) are skipped, changed ones
// update in place, and an article whose file is gone is removed — so the table always mirrors the folder.
import fs from 'node:fs'
import path from 'node:path'
import crypto from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../store/schema'
import { parseArticleFile, type ParsedArticle } from './articleFile'

export function readArticleDir(dir: string): { file: string; source: string; article: ParsedArticle }[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((file) => {
      const source = fs.readFileSync(path.join(dir, file), 'utf8')
      return { file, source, article: parseArticleFile(source, file) }
    })
}

export async function loadArticles(db: Kysely<Database>, dir: string): Promise<{ created: number; updated: number; unchanged: number; removed: number }> {
  const files = readArticleDir(dir)
  return db.transaction().execute(async (trx) => {
    const existing = new Map((await trx.selectFrom('articles').select(['slug', 'content_hash']).execute()).map((r) => [r.slug, r.content_hash]))
    const counts = { created: 0, updated: 0, unchanged: 0, removed: 0 }
    for (const { source, article: a } of files) {
      const hash = crypto.createHash('sha256').update(source).digest('hex')
      const known = existing.get(a.slug)
      existing.delete(a.slug)
      if (known === hash) {
        counts.unchanged++
        continue
      }
      const row = {
        title: a.title,
        topic: a.topic,
        summary: a.summary,
        sources: JSON.stringify(a.sources),
        updated: a.updated,
        blocks: JSON.stringify(a.blocks),
        search_text: `${a.title}\n${a.summary}\n${a.text}`.toLowerCase(),
        content_hash: hash,
      }
      await trx
        .insertInto('articles')
        .values({ slug: a.slug, ...row })
        .onConflict((oc) => oc.column('slug').doUpdateSet({ ...row, loaded_at: new Date() }))
        .execute()
      if (known === undefined) counts.created++
      else counts.updated++
    }
    if (existing.size) {
      await trx.deleteFrom('articles').where('slug', 'in', [...existing.keys()]).execute()
      counts.removed = existing.size
    }
    return counts
  })
}
