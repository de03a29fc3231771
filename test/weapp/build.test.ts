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
