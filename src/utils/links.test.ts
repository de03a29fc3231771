import { resolveLink } from './links'

describe('links inside articles go only to places in the app', () => {
  test('when a link names another article, then it opens the article page', () => {
    expect(resolveLink('/articles/prepaid-fees')).toEqual({ kind: 'page', url: '/packages/read/article?slug=prepaid-fees' })
  })
  test('when a link names the search or report tab, then the tab is switched to', () => {
    expect(resolveLink('/search')).toEqual({ kind: 'tab', url: '/pages/index/index' })
    expect(resolveLink('/report')).toEqual({ kind: 'tab', url: '/pages/report/index' })
  })
  test('when a link names the fee checker, then it opens the checker', () => {
    expect(resolveLink('/tools/prepaid')).toEqual({ kind: 'page', url: '/packages/read/prepaid' })
  })
  test('when a link carries an 18-character code, then it is verified first; an id opens the detail page', () => {
    expect(resolveLink('/institutions/91440300708461136t')).toEqual({ kind: 'uscc', code: '91440300708461136T' })
    expect(resolveLink('/institutions/5b0e8f1c-2a8e-4c55-9d4b-0f4f3b1f7a10')).toEqual({
      kind: 'page',
      url: '/pages/institution/index?id=5b0e8f1c-2a8e-4c55-9d4b-0f4f3b1f7a10',
    })
  })
  test('when a link is an outside address or unknown, then it is not a link at all', () => {
    for (const link of ['https://example.com', 'javascript:alert(1)', '/admin', '/articles/../x', '/articles/Bad Slug', '', undefined]) {
      expect(resolveLink(link)).toBeNull()
    }
  })
})
