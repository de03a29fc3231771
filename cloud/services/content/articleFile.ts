// One article file: YAML front matter between --- lines, then Markdown. Checked strictly: a bad file stops the load
// (and the content test) with its name and what is wrong, instead of publishing half an article.
import { parse as parseYaml } from 'yaml'
import * as v from 'valibot'
import { ARTICLE_TOPICS, type Block } from '../../../src/domain/content'
import { markdownToBlocks } from './markdown'
import { isCalendarDate } from '../../../src/domain/calendarDate'

export const FrontMatterSchema = v.strictObject({
  slug: v.pipe(v.string(), v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'slug 只能是小写字母、数字和连字符')),
  title: v.pipe(v.string(), v.minLength(2, '缺少标题'), v.maxLength(30, '标题不超过30个字')),
  topic: v.picklist(ARTICLE_TOPICS, '未知的主题'),
  summary: v.pipe(v.string(), v.minLength(5, '缺少摘要'), v.maxLength(80, '摘要不超过80个字')),
  sources: v.pipe(v.array(v.pipe(v.string(), v.minLength(4))), v.minLength(1, '至少注明一个依据文件')),
  updated: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'updated 应为 YYYY-MM-DD'), v.check(isCalendarDate, 'updated 不是真实存在的日期')),
})

export type FrontMatter = v.InferOutput<typeof FrontMatterSchema>

export interface ParsedArticle extends FrontMatter {
  body: string
  blocks: Block[]
  /** Plain text of the body, for search and length checks. */
  text: string
}

export class ArticleFileError extends Error {}

export function parseArticleFile(source: string, fileName: string): ParsedArticle {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source.replace(/^\uFEFF/, ''))
  if (!m) throw new ArticleFileError(`${fileName}: 缺少 --- 包围的文件头`)
  let meta: unknown
  try {
    // YAML would read an unquoted 2026-11-20 as a Date; keep scalars as written.
    meta = parseYaml(m[1], { schema: 'failsafe' })
  } catch (e) {
    throw new ArticleFileError(`${fileName}: 文件头不是有效的 YAML（${(e as Error).message}）`)
  }
  const checked = v.safeParse(FrontMatterSchema, meta)
  if (!checked.success) {
    const issue = checked.issues[0]
    const at = issue.path?.map((p) => String(p.key)).join('.') ?? ''
    throw new ArticleFileError(`${fileName}: ${at ? `${at}：` : ''}${issue.message}`)
  }
  if (`${checked.output.slug}.md` !== fileName) throw new ArticleFileError(`${fileName}: 文件名应与 slug 一致（${checked.output.slug}.md）`)
  const blocks = markdownToBlocks(m[2])
  return { ...checked.output, body: m[2], blocks, text: blocksText(blocks) }
}

export function blocksText(blocks: Block[]): string {
  const runs = (rs: { text: string }[]) => rs.map((r) => r.text).join('')
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'heading':
        case 'paragraph':
        case 'quote':
          return runs(b.runs)
        case 'list':
          return b.items.map(runs).join('\n')
        case 'table':
          return [b.head, ...b.rows].map((row) => row.map(runs).join(' ')).join('\n')
        case 'rule':
          return ''
      }
    })
    .join('\n')
}
