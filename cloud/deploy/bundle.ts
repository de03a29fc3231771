// `npm run build:cloud`: bundles each cloud function into cloud/dist/<name>/ (index.js + package.json, and the
// ON_DEMAND side files it requires), the folder layout WeChat DevTools uploads from project.config.json's
// cloudfunctionRoot. `--out DIR` writes elsewhere.
import fs from 'node:fs'
import path from 'node:path'
import { build, type Plugin } from 'esbuild'

const root = path.resolve(__dirname, '../..')
const functionsDir = path.join(root, 'cloud/functions')
const DEFAULT_OUT = path.join(root, 'cloud/dist')

/** Left out of the bundle: PGlite ships WASM beside its JS and is only loaded when DATABASE_URL is unset
 *  (local runs); pg-native is an optional binding pg never needs here. */
const EXTERNAL = ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg-native']

/** Packages a function loads only on some calls, each bundled into a file of its own beside index.js: the cold start
 *  (require index.js, first answer) then neither reads nor compiles them. pinyin-pro (447 KiB) is needed to write
 *  names; on the search path only to highlight a pinyin term (cloud/store/searchText.ts requires it on first use). */
const ON_DEMAND: Record<string, string> = { 'pinyin-pro': 'pinyin-pro.js' }

/** Rewrites `require('pinyin-pro')` into `require('./pinyin-pro.js')`. */
const onDemand: Plugin = {
  name: 'on-demand',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^(${Object.keys(ON_DEMAND).join('|')})$`) }, (args) => ({ path: `./${ON_DEMAND[args.path]}`, external: true }))
  },
}

/** pg picks its socket at load: to tell Cloudflare Workers from Node it constructs a `Response`, and on Node 18+ the
 *  first touch of that global loads undici's whole fetch implementation (~40 ms of a 75 ms require of index.js,
 *  measured on Node 20: bench/ANALYSIS.md §15). A cloud function runs on Node only, so its bundle gets pg's own
 *  Node stream functions and never asks. */
const PG_NODE_STREAMS = `module.exports = {
  getStream: () => new (require('net').Socket)(),
  getSecureStream: (options) => require('tls').connect(options),
}`
const pgNodeStreams: Plugin = {
  name: 'pg-node-streams',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/ }, () => ({ contents: PG_NODE_STREAMS, loader: 'js' }))
  },
}

const COMMON = { bundle: true, platform: 'node', target: 'node16', format: 'cjs', minify: true, sourcemap: false, legalComments: 'none', logLevel: 'warning' } as const

/** outRoot: cloud/dist, or a folder of its own (tests that run beside one another must not share one). */
export async function bundleFunctions(outRoot = DEFAULT_OUT): Promise<{ name: string; bytes: number; onDemandBytes: number }[]> {
  const names = fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(functionsDir, d.name, 'index.ts')))
    .map((d) => d.name)
  fs.rmSync(outRoot, { recursive: true, force: true })
  const out: { name: string; bytes: number; onDemandBytes: number }[] = []
  for (const name of names) {
    const dir = path.join(outRoot, name)
    // WeChat cloud functions run Node 16 or 18 (COMMON.target).
    const { metafile } = await build({ ...COMMON, entryPoints: [path.join(functionsDir, name, 'index.ts')], outfile: path.join(dir, 'index.js'), external: EXTERNAL, plugins: [onDemand, pgNodeStreams], metafile: true })
    // Only the side files the bundle still requires after tree-shaking (a function that imports searchText for its
    // grams alone never loads pinyin-pro).
    const required = new Set(Object.values(metafile.outputs).flatMap((o) => o.imports.map((i) => i.path)))
    const used = Object.keys(ON_DEMAND).filter((pkg) => required.has(`./${ON_DEMAND[pkg]}`))
    for (const pkg of used) {
      await build({ ...COMMON, stdin: { contents: `module.exports = require(${JSON.stringify(pkg)})`, resolveDir: root, loader: 'js' }, outfile: path.join(dir, ON_DEMAND[pkg]) })
    }
    const pkg = {
      name,
      version: '1.0.0',
      private: true,
      main: 'index.js',
      description: `阳光校培云函数 ${name}（由 npm run build:cloud 生成，请勿手改）`,
      // Nothing to install in the cloud: everything but PGlite is inside index.js, and deployed functions use DATABASE_URL.
      dependencies: {},
    }
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n')
    const onDemandBytes = used.reduce((n, pkg) => n + fs.statSync(path.join(dir, ON_DEMAND[pkg])).size, 0)
    out.push({ name, bytes: fs.statSync(path.join(dir, 'index.js')).size, onDemandBytes })
  }
  return out
}

if (require.main === module) {
  const at = process.argv.indexOf('--out')
  bundleFunctions(at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : DEFAULT_OUT).then(
    (list) => {
      const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`
      for (const f of list) console.log(`${f.name}/index.js  ${kib(f.bytes)}${f.onDemandBytes ? `  (+ ${kib(f.onDemandBytes)} loaded on demand)` : ''}`)
    },
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
}
