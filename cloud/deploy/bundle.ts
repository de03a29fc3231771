// `npm run build:cloud`: bundles each cloud function into cloud/dist/<name>/ (index.js + package.json),
// the folder layout WeChat DevTools uploads from project.config.json's cloudfunctionRoot.
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'

const root = path.resolve(__dirname, '../..')
const functionsDir = path.join(root, 'cloud/functions')
const outRoot = path.join(root, 'cloud/dist')

/** Left out of the bundle: PGlite ships WASM beside its JS and is only loaded when DATABASE_URL is unset
 *  (local runs); pg-native is an optional binding pg never needs here. */
const EXTERNAL = ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg-native']

export async function bundleFunctions(): Promise<{ name: string; bytes: number }[]> {
  const names = fs
    .readdirSync(functionsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(functionsDir, d.name, 'index.ts')))
    .map((d) => d.name)
  fs.rmSync(outRoot, { recursive: true, force: true })
  const out: { name: string; bytes: number }[] = []
  for (const name of names) {
    const dir = path.join(outRoot, name)
    await build({
      entryPoints: [path.join(functionsDir, name, 'index.ts')],
      outfile: path.join(dir, 'index.js'),
      bundle: true,
      platform: 'node',
      // WeChat cloud functions run Node 16 or 18.
      target: 'node16',
      format: 'cjs',
      minify: true,
      sourcemap: false,
      legalComments: 'none',
      external: EXTERNAL,
      logLevel: 'warning',
    })
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
    out.push({ name, bytes: fs.statSync(path.join(dir, 'index.js')).size })
  }
  return out
}

if (require.main === module) {
  bundleFunctions().then(
    (list) => {
      for (const f of list) console.log(`cloud/dist/${f.name}/index.js  ${(f.bytes / 1024).toFixed(0)} KiB`)
    },
    (e) => {
      console.error(e)
      process.exit(1)
    },
  )
}
