// Markdown → the small block tree the mini-program renders with its own components (src/domain/content.ts).
// Nothing here ever becomes HTML: raw HTML in a file stays literal text (markdown-it with html: false), and a link
// survives only as an in-app route from a short whitelist, so `javascript:` or outside URLs come out as plain text.
import MarkdownIt from 'markdown-it'
import type { Block, InlineRun } from '../../../src/domain/content'

type Token = ReturnType<MarkdownIt['parse']>[number]

const md = new MarkdownIt({ html: false, linkify: false, typographer: false })

/** In-app routes an article may link to. */
const ROUTES = [/^\/articles\/[a-z0-9]+(-[a-z0-9]+)*$/, /^\/institutions\/[0-9A-Za-z-]{1,36}$/, /^\/search(\?q=[^&#\s]{1,50})?$/, /^\/report$/, /^\/tools\/prepaid$/]

export function isAppRoute(href: string): boolean {
  return ROUTES.some((r) => r.test(href))
}

function inline(tokens: Token[] | null): InlineRun[] {
  const runs: InlineRun[] = []
  let strong = 0
  let em = 0
  let link: string | undefined
  const push = (text: string, extra: Partial<InlineRun> = {}) => {
    if (!text) return
    const run: InlineRun = { text }
    if (strong) run.strong = true
    if (em) run.em = true
    if (link) run.link = link
    Object.assign(run, extra)
    const prev = runs[runs.length - 1]
    // Merge neighbours with the same marks, so the client renders few pieces.
    if (prev && prev.strong === run.strong && prev.em === run.em && prev.link === run.link && !prev.code && !run.code) prev.text += run.text
    else runs.push(run)
  }
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'text':
        push(t.content)
        break
      case 'softbreak':
      case 'hardbreak':
        push('\n')
        break
      case 'code_inline':
        push(t.content, { code: true })
        break
      case 'strong_open':
        strong++
        break
      case 'strong_close':
        strong--
        break
      case 'em_open':
        em++
        break
      case 'em_close':
        em--
        break
      case 'link_open': {
        const href = t.attrGet('href') ?? ''
        link = isAppRoute(href) ? href : undefined
        break
      }
      case 'link_close':
        link = undefined
        break
      case 'image':
        push(t.content) // the alt text; articles carry no images
        break
      default:
        if (t.content) push(t.content)
    }
  }
  return runs
}

export function markdownToBlocks(source: string): Block[] {
  const tokens = md.parse(source, {})
  const blocks: Block[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]
    if (t.type === 'heading_open') {
      const n = Number(t.tag.slice(1))
      blocks.push({ type: 'heading', level: (n <= 2 ? 2 : n >= 4 ? 4 : 3) as 2 | 3 | 4, runs: inline(tokens[i + 1].children) })
      i += 2
    } else if (t.type === 'paragraph_open' && !t.hidden) {
      blocks.push({ type: 'paragraph', runs: inline(tokens[i + 1].children) })
      i += 2
    } else if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
      const close = t.type.replace('_open', '_close')
      const items: InlineRun[][] = []
      let depth = 0
      for (i++; i < tokens.length; i++) {
        const u = tokens[i]
        if (u.type === t.type) depth++
        if (u.type === close) {
          if (depth === 0) break
          depth--
        }
        // Each item is its text; a nested list's items follow as items of their own.
        if (u.type === 'list_item_open') items.push([])
        if (u.type === 'inline' && items.length) items[items.length - 1].push(...(items[items.length - 1].length ? [{ text: '\n' }] : []), ...inline(u.children))
      }
      blocks.push({ type: 'list', ordered: t.type === 'ordered_list_open', items: items.filter((it) => it.length) })
    } else if (t.type === 'blockquote_open') {
      const runs: InlineRun[] = []
      for (i++; i < tokens.length && tokens[i].type !== 'blockquote_close'; i++) {
        if (tokens[i].type === 'inline') runs.push(...(runs.length ? [{ text: '\n' }] : []), ...inline(tokens[i].children))
      }
      blocks.push({ type: 'quote', runs })
    } else if (t.type === 'table_open') {
      const head: InlineRun[][] = []
      const rows: InlineRun[][][] = []
      let inHead = false
      for (i++; i < tokens.length && tokens[i].type !== 'table_close'; i++) {
        const u = tokens[i]
        if (u.type === 'thead_open') inHead = true
        else if (u.type === 'thead_close') inHead = false
        else if (u.type === 'tr_open' && !inHead) rows.push([])
        else if (u.type === 'inline') (inHead ? head : rows[rows.length - 1]).push(inline(u.children))
      }
      blocks.push({ type: 'table', head, rows })
    } else if (t.type === 'hr') {
      blocks.push({ type: 'rule' })
    } else if (t.type === 'fence' || t.type === 'code_block') {
      blocks.push({ type: 'paragraph', runs: [{ text: t.content.replace(/\n$/, ''), code: true }] })
    }
  }
  return blocks
}

/** Every link target written in the source, allowed or not (for the content checks). */
export function linkTargets(source: string): string[] {
  return md
    .parse(source, {})
    .flatMap((t) => t.children ?? [])
    .filter((t) => t.type === 'link_open')
    .map((t) => t.attrGet('href') ?? '')
}
