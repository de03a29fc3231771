import { markdownToBlocks } from '../../cloud/services/content/markdown'
import { parseArticleFile } from '../../cloud/services/content/articleFile'

const all = (blocks: ReturnType<typeof markdownToBlocks>) => JSON.stringify(blocks)

describe('Markdown to the safe block tree', () => {
  it('when an article carries a script tag, an onerror attribute and a javascript: link, then all come out as inert text', () => {
    const blocks = markdownToBlocks(
      ['<script>alert(1)</script>', '', '<img src=x onerror="alert(2)">', '', '[点我](javascript:alert(3)) 和 [外链](https://evil.example/)', ''].join('\n'),
    )
    const runs = blocks.flatMap((b) => ('runs' in b ? b.runs : []))
    expect(runs.every((r) => r.link === undefined)).toBe(true)
    expect(all(blocks)).toContain('<script>alert(1)</script>')
    expect(all(blocks)).toContain('onerror')
    // Nothing anywhere is typed as HTML: only our own block kinds exist.
    for (const b of blocks) expect(['heading', 'paragraph', 'list', 'quote', 'table', 'rule']).toContain(b.type)
  })

  it('when headings, lists, tables, emphasis and in-app links are written, then each becomes its block', () => {
    const blocks = markdownToBlocks(
      [
        '## 一次最多交多少',
        '',
        '不超过 **5000 元**，也不超过 *3 个月*。详见[预付费计算器](/tools/prepaid)。',
        '',
        '- 第一条',
        '- 第二条',
        '',
        '1. 先查',
        '2. 再交',
        '',
        '| 情形 | 是否合规 |',
        '|---|---|',
        '| ¥4,800，4 个月 | 超过 3 个月 |',
        '',
        '> 记得保存凭证',
        '',
        '---',
      ].join('\n'),
    )
    expect(blocks.map((b) => b.type)).toEqual(['heading', 'paragraph', 'list', 'list', 'table', 'quote', 'rule'])
    const p = blocks[1] as Extract<(typeof blocks)[number], { type: 'paragraph' }>
    expect(p.runs).toEqual([
      { text: '不超过 ' },
      { text: '5000 元', strong: true },
      { text: '，也不超过 ' },
      { text: '3 个月', em: true },
      { text: '。详见' },
      { text: '预付费计算器', link: '/tools/prepaid' },
      { text: '。' },
    ])
    expect(blocks[3]).toMatchObject({ type: 'list', ordered: true })
    expect(blocks[4]).toEqual({ type: 'table', head: [[{ text: '情形' }], [{ text: '是否合规' }]], rows: [[[{ text: '¥4,800，4 个月' }], [{ text: '超过 3 个月' }]]] })
  })

  it('when front matter is missing a source or names the wrong slug, then the file is refused with its name', () => {
    const ok = `---\nslug: a-b\ntitle: 标题\ntopic: fees\nsummary: 一句话摘要在这里\nsources:\n  - 《某文件》\nupdated: 2026-11-20\n---\n正文`
    expect(parseArticleFile(ok, 'a-b.md').title).toBe('标题')
    expect(() => parseArticleFile(ok.replace('  - 《某文件》\n', ''), 'a-b.md')).toThrow(/a-b\.md/)
    expect(() => parseArticleFile(ok, 'other.md')).toThrow(/文件名应与 slug 一致/)
    expect(() => parseArticleFile(ok.replace('topic: fees', 'topic: gossip'), 'a-b.md')).toThrow(/未知的主题/)
  })
})
