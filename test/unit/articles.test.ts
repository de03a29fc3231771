// Content checks that fail the build: every article parses, carries its metadata and sources, reads at a
// parent's length, links only to places that exist, and carries no HTML.
import fs from 'node:fs'
import path from 'node:path'
import { readArticleDir } from '../../cloud/services/content/articleLoader'
import { linkTargets } from '../../cloud/services/content/markdown'

const dir = path.resolve(__dirname, '../../content/articles')
const files = readArticleDir(dir)
const slugs = new Set(files.map((f) => f.article.slug))
const cjk = (s: string) => (s.match(/\p{Script=Han}/gu) ?? []).length

describe('the articles in content/articles', () => {
  it('when the folder is read, then there are at least 10 articles covering the required topics', () => {
    expect(files.length).toBeGreaterThanOrEqual(10)
    const topics = new Set(files.map((f) => f.article.topic))
    for (const t of ['basics', 'checking', 'fees', 'contracts', 'safety', 'advertising', 'reporting', 'supervision', 'city']) expect(topics).toContain(t)
  })

  it.each(files.map((f) => [f.file, f] as const))('when %s is parsed, then it has title, summary, sources, a date and 500–1,500 characters', (_, f) => {
    const a = f.article
    expect(a.title.length).toBeGreaterThan(1)
    expect(a.summary.length).toBeGreaterThan(4)
    expect(a.sources.length).toBeGreaterThan(0)
    for (const s of a.sources) expect(s).toMatch(/《.+》/)
    expect(a.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(cjk(a.text)).toBeGreaterThanOrEqual(500)
    expect(cjk(a.text)).toBeLessThanOrEqual(1500)
  })

  it.each(files.map((f) => [f.file, f] as const))('when %s links somewhere, then every link is an in-app route that exists', (_, f) => {
    for (const href of linkTargets(f.source)) {
      const article = /^\/articles\/([a-z0-9-]+)$/.exec(href)
      if (article) expect(slugs).toContain(article[1])
      else expect(['/tools/prepaid', '/search', '/report']).toContain(href)
    }
  })

  it.each(files.map((f) => [f.file, f] as const))('when %s is read, then it carries no raw HTML', (_, f) => {
    expect(f.source).not.toMatch(/<\/?[a-z][a-z0-9]*[\s>/]/i)
  })

  it('when a file is added to the folder, then it is an .md file named after its slug', () => {
    for (const name of fs.readdirSync(dir)) expect(name).toMatch(/^[a-z0-9-]+\.md$/)
  })
})

// Claims checked against the official texts (issue 8, point 19): these guards keep the corrected wording from
// sliding back in an edit.
describe('what the articles claim', () => {
  const ACADEMIC = ['道德与法治', '语文', '历史', '地理', '数学', '外语', '物理', '化学', '生物']
  const bySlug = new Map(files.map((f) => [f.article.slug, f.source]))

  it('when the basics article defines academic training, then it names all nine national subjects and the notice behind them', () => {
    const text = bySlug.get('what-is-non-academic')!
    for (const subject of ACADEMIC) expect(text).toContain(subject)
    expect(text).toContain('教监管厅函〔2021〕3号')
  })

  it.each(files.map((f) => [f.file, f] as const))('when %s mentions a business licence, then the same paragraph accepts a non-profit registration too', (_, f) => {
    for (const para of f.source.split(/\n\s*\n/)) {
      if (para.includes('营业执照')) expect(para).toContain('民办非企业单位登记证书')
    }
  })

  it('when the reporting article states the 2 / 15 working-day targets, then it says they are this app’s practice, not law', () => {
    const text = bySlug.get('how-to-report')!
    expect(text).toMatch(/本平台的做法/)
  })

  it('when the penalties article speaks of serving teachers, then the heavier penalty is tied to academic training under order 53', () => {
    const text = bySlug.get('penalties')!
    expect(text).toContain('第十六条')
    expect(text).toMatch(/学科类/)
    expect(text).toContain('严禁中小学校和在职中小学教师有偿补课的规定')
  })

  it('when parents read about fees, then 12315, a formal invoice and the parents’ app are named somewhere', () => {
    const all = files.map((f) => f.source).join('\n')
    for (const must of ['12315', '正式发票', '校外培训家长端']) expect(all).toContain(must)
  })
})
