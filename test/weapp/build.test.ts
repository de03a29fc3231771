import { execSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { measurePackages } from './sizes'

const ROOT = path.resolve(__dirname, '../..')
const DIST = path.join(ROOT, 'dist')
const KIB = 1024
const MAIN_BUDGET = 600 * KIB
/** WeChat's own ceiling for one subpackage. */
const SUBPACKAGE_LIMIT = 2048 * KIB

interface AppJson {
  pages: string[]
  subPackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[] }
  requiredPrivateInfos?: string[]
  permission?: Record<string, { desc: string }>
  __usePrivacyCheck__?: boolean
}

let app: AppJson

beforeAll(() => {
  // Build only when there is no build: the test command may already have built dist/ (and building takes ~20 s).
  if (!existsSync(path.join(DIST, 'app.json'))) {
    execSync('npm run build:weapp', { cwd: ROOT, stdio: 'inherit', timeout: 300_000 })
  }
  app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as AppJson
}, 320_000)

function pageFiles(page: string): string[] {
  return ['.js', '.json', '.wxml', '.wxss'].map((ext) => path.join(DIST, `${page}${ext}`))
}

function pngSize(file: string): { width: number; height: number } {
  const buf = readFileSync(file)
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) }
}

describe('the production weapp build in dist/', () => {
  test('every main-package page listed in app.json has its js, json, wxml and wxss', () => {
    expect(app.pages.length).toBeGreaterThan(0)
    for (const page of app.pages) {
      for (const file of pageFiles(page)) expect({ file, exists: existsSync(file) }).toEqual({ file, exists: true })
    }
  })

  test('every subpackage page has its js, json, wxml and wxss inside its root', () => {
    for (const sub of app.subPackages ?? []) {
      for (const page of sub.pages) {
        for (const file of pageFiles(`${sub.root}/${page}`)) expect({ file, exists: existsSync(file) }).toEqual({ file, exists: true })
      }
    }
  })

  test('the four tabs are in the main package and the detail page stays there, while verification is a subpackage', () => {
    expect(app.tabBar?.list.map((t) => t.text)).toEqual(['查机构', '政策与曝光', '我要举报', '我的'])
    for (const tab of app.tabBar?.list ?? []) expect(app.pages).toContain(tab.pagePath)
    expect(app.pages).toContain('pages/institution/index')
    const verify = (app.subPackages ?? []).find((s) => s.root === 'packages/verify')
    expect(verify?.pages).toContain('index')
  })

  test('reading (articles, cases, notices, open figures, the fee checker) is a subpackage, and its renderer stays out of the main package', () => {
    const read = (app.subPackages ?? []).find((s) => s.root === 'packages/read')
    expect(read?.pages.sort()).toEqual(['article', 'case', 'notice', 'prepaid', 'stats'])
    const mainFiles = execSync(`find . -path ./packages -prune -o -type f \\( -name '*.js' -o -name '*.wxss' \\) -print`, { cwd: DIST })
      .toString()
      .trim()
      .split('\n')
    for (const marker of ['yg-article__table', 'yg-bars__fill', 'yg-form__radio']) {
      expect({ marker, inMain: mainFiles.filter((f) => readFileSync(path.join(DIST, f), 'utf8').includes(marker)) }).toEqual({ marker, inMain: [] })
    }
  })

  test('every tab icon exists as an 81×81 PNG under WeChat’s 40 KB limit', () => {
    for (const tab of app.tabBar?.list ?? []) {
      for (const icon of [tab.iconPath, tab.selectedIconPath]) {
        expect(icon).toBeTruthy()
        const file = path.join(DIST, icon!)
        expect(existsSync(file)).toBe(true)
        expect(statSync(file).size).toBeLessThan(40 * KIB)
        expect(pngSize(file)).toEqual({ width: 81, height: 81 })
      }
    }
  })

  test('app.json declares the location it asks for, why, and opts in to the privacy check', () => {
    expect(app.requiredPrivateInfos).toContain('getLocation')
    // The report flow's map picker for a place the reporter is not at.
    expect(app.requiredPrivateInfos).toContain('chooseLocation')
    const desc = app.permission?.['scope.userLocation']?.desc ?? ''
    expect(desc.length).toBeGreaterThan(0)
    expect(desc.length).toBeLessThanOrEqual(30)
    expect(app.__usePrivacyCheck__).toBe(true)
  })

  test('the main package stays within 600 KiB and every subpackage within WeChat’s 2 MiB', () => {
    const sizes = measurePackages(DIST)
    const lines = [`main ${(sizes.main / KIB).toFixed(1)} KiB`].concat(
      Object.entries(sizes.subpackages).map(([root, bytes]) => `${root} ${(bytes / KIB).toFixed(1)} KiB`),
    )
    console.log(`weapp package sizes:\n  ${lines.join('\n  ')}`)
    expect(sizes.main).toBeLessThanOrEqual(MAIN_BUDGET)
    for (const bytes of Object.values(sizes.subpackages)) {
      expect(bytes).toBeGreaterThan(0)
      expect(bytes).toBeLessThanOrEqual(SUBPACKAGE_LIMIT)
    }
  })

  // \b: Taro.requestSubscribeMessage is a permission prompt, not a network call.
  test('no page reaches the network except through src/api (pages never call Taro.request or wx.cloud)', () => {
    const sources = execSync(`grep -rlE "Taro\\.request\\b|wx\\.cloud" src --include=*.ts --include=*.tsx || true`, { cwd: ROOT })
      .toString()
      .trim()
      .split('\n')
      .filter(Boolean)
    expect(sources.every((f) => f.startsWith('src/api/') || f.startsWith('src/domain/'))).toBe(true)
  })
})

/** The opening tags of `tag` in a WXML text, each as its attributes in order. */
function openingTags(wxml: string, tag: string): [string, string][][] {
  return [...wxml.matchAll(new RegExp(`<${tag}\\s([^>]*)>`, 'g'))].map((m) => [...m[1].matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]] as [string, string]))
}
/** The data field an attribute is bound to: `{{i.p6}}`, `{{i.p1||'none'}}` and `{{xs.b(i.p4,!1)}}` all read p6, p1, p4. */
const boundField = (value: string) => /\bi\.(p\d+)\b/.exec(value)?.[1]

describe('WeChat 读屏 in the weapp build: aria-role, aria-label and the states reach the WXML (config/plugins/weappAria.ts)', () => {
  let base: string
  beforeAll(() => {
    base = readFileSync(path.join(DIST, 'base.wxml'), 'utf8')
  })

  test('every view and text the base template renders with props binds aria-role, aria-label and the states; image binds a name, and input, textarea and button their label', () => {
    // pure-view and click-view (class and style only, perhaps a tap) serve only Views with no other props.
    const views = openingTags(base, 'view').filter((attrs) => attrs.some(([name]) => name === 'hover-class'))
    const texts = openingTags(base, 'text')
    expect(views.length).toBeGreaterThan(10)
    expect(texts.length).toBeGreaterThan(10)
    // The states our components set (src/components/a11y aria()) that WeChat's 读屏 reads; Text only ever needs a role,
    // a name, or to be hidden (a decorative mark).
    const viewStates = ['aria-role', 'aria-label', 'aria-checked', 'aria-selected', 'aria-disabled', 'aria-expanded', 'aria-hidden', 'aria-describedby']
    const textStates = ['aria-role', 'aria-label', 'aria-hidden']
    const missing = (attrs: [string, string][], needed: string[]) => needed.filter((n) => !attrs.some(([name]) => name === n))
    for (const attrs of views) expect(missing(attrs, viewStates)).toEqual([])
    for (const attrs of texts) expect(missing(attrs, textStates)).toEqual([])
    // Taro puts only the components the app uses in the template: today no <button> (our Button is a View).
    const needs: [string, string[], boolean][] = [
      ['image', ['aria-role', 'aria-label', 'aria-hidden'], true],
      ['input', ['aria-label', 'aria-describedby'], true],
      ['textarea', ['aria-label', 'aria-describedby'], true],
      ['scroll-view', ['aria-role', 'aria-label'], true],
      ['button', ['aria-role', 'aria-label', 'aria-disabled'], false],
    ]
    for (const [tag, needed, used] of needs) {
      const tags = openingTags(base, tag)
      if (used) expect({ tag, inTemplate: tags.length > 0 }).toEqual({ tag, inTemplate: true })
      for (const attrs of tags) expect({ tag, missing: missing(attrs, needed) }).toEqual({ tag, missing: [] })
    }
  })

  test('the template reads each aria attribute from the field the runtime writes it to: its place among the component’s attributes in name order', () => {
    // Taro's runtime shortens a prop to p<place> by sorting the component's attribute names (getComponentsAlias); the
    // template must bind aria-role to that same place, or WeChat would read another prop's value as the role.
    const views = openingTags(base, 'view').filter((attrs) => attrs.some(([name]) => name === 'hover-class'))
    for (const attrs of [...views, ...openingTags(base, 'text')]) {
      const bound = attrs.filter(([name, value]) => !/^(bind|catch)/.test(name) && boundField(value))
      const order = bound.map(([name]) => name).sort()
      for (const [name, value] of bound.filter(([n]) => n.startsWith('aria-'))) expect({ name, field: boundField(value) }).toEqual({ name, field: `p${order.indexOf(name)}` })
    }
  })

  test('the runtime learns the same attributes before the app starts: app.js merges config/plugins/weappAria.json into Taro’s components', () => {
    const app = readFileSync(path.join(DIST, 'app.js'), 'utf8')
    const attributes = JSON.parse(readFileSync(path.join(ROOT, 'config/plugins/weappAria.json'), 'utf8'))
    expect(app).toContain(JSON.stringify(attributes))
  })

  test('the main controls hand their role and name on: buttons, list rows, tabs, the verdict card and form fields carry ariaRole / ariaLabel in the built pages', () => {
    const js = (file: string) => readFileSync(path.join(DIST, file), 'utf8')
    const all = execSync(`find . -name '*.js'`, { cwd: DIST }).toString().trim().split('\n').map((f) => js(f)).join('\n')
    // Babel writes Chinese in the bundles as \u escapes; the patterns are regular expressions over that text.
    const u = (words: string) => [...words].map((ch) => (ch.charCodeAt(0) > 0x7f ? `\\\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch)).join('')
    const expected: [string, RegExp][] = [
      ['the shared Button (a View) is a button, named when its words are not enough', /className:\w+,ariaRole:"button",ariaLabel:\w+/],
      ['an institution in a result list is a link', /className:"yg-item",hoverClass:"yg-item--pressed",ariaRole:"link"/],
      ['the verdict card is a named region', new RegExp(`className:"yg-verdict yg-verdict--"\\.concat\\(\\w+\\),ariaRole:"region",ariaLabel:"${u('核验结果：')}"`)],
      ['the workbench’s status filters are tabs', /className:"yg-stabs__tab"[^}]*ariaRole:"tab"/],
      ['the home search box is named', new RegExp(`ariaLabel:"${u('搜索培训机构')}"`)],
    ]
    for (const [what, pattern] of expected) expect({ what, found: pattern.test(all) }).toEqual({ what, found: true })
  })
})


describe('关怀模式 text size in the weapp build (rpx does not follow a root size, so the type scale does)', () => {
  let sheets: { file: string; css: string }[]
  beforeAll(() => {
    const files = execSync(`find . -name '*.wxss'`, { cwd: DIST }).toString().trim().split('\n')
    sheets = files.map((file) => ({ file, css: readFileSync(path.join(DIST, file), 'utf8') }))
  })
  /** Each innermost rule of a stylesheet (inside @media too) as its selector and declarations. */
  const rules = (css: string) => [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ selector: m[1].trim(), body: m[2] }))

  test('the main package’s stylesheet sets the scale under .yg-care: text a quarter larger', () => {
    const main = sheets.filter((s) => !s.file.startsWith('./packages/'))
    const care = main.flatMap((s) => rules(s.css)).filter((r) => r.selector === '.yg-care' && /--yg-font-scale:\s*1\.25\b/.test(r.body))
    expect(care).toHaveLength(1)
  })

  test('every font size our own classes set in rpx is multiplied by the scale, in every package', () => {
    const fixed: string[] = []
    let scaled = 0
    for (const { file, css } of sheets) {
      for (const { selector, body } of rules(css)) {
        if (!selector.includes('.yg-')) continue
        for (const [, value] of body.matchAll(/font-size:\s*([^;}]+)/g)) {
          if (!value.includes('rpx')) continue
          if (/^calc\([\d.]+rpx\s*\*\s*var\(--yg-font-scale,\s*1\)\)$/.test(value.trim())) scaled++
          else fixed.push(`${file}: ${selector} { font-size: ${value} }`)
        }
      }
    }
    expect(fixed).toEqual([])
    expect(scaled).toBeGreaterThan(100)
  })

  test('taro-ui’s own fixed sizes are overridden where we use its styles: buttons and the loading words', () => {
    const all = sheets.flatMap((s) => rules(s.css))
    const sizeOf = (selector: string) => all.filter((r) => r.selector === selector).map((r) => /font-size:\s*([^;}]+)/.exec(r.body)?.[1]).filter(Boolean)
    expect(sizeOf('.yg-button')).toEqual(['calc(32rpx*var(--yg-font-scale, 1))'])
    expect(sizeOf('.yg-loading .at-activity-indicator__content')).toEqual(['calc(28rpx*var(--yg-font-scale, 1))'])
  })
})
