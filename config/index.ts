import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'
import { rootFontScript } from './rootFontScript'

const root = path.resolve(__dirname, '..')

/**
 * Only TARO_APP_* values reach the client. Taro itself reads them from .env files only; we also take them
 * from the shell so `TARO_APP_CLOUD_ENV=prod-xyz npm run build:weapp` works without writing a file.
 * (.env files, when present, still win: Taro merges them over this.)
 */
function clientEnv(): Record<string, string> {
  const env: Record<string, string> = {
    TARO_APP_API_BASE: JSON.stringify(process.env.TARO_APP_API_BASE ?? ''),
    TARO_APP_CLOUD_ENV: JSON.stringify(process.env.TARO_APP_CLOUD_ENV ?? ''),
    TARO_APP_SUBSCRIBE_TEMPLATES: JSON.stringify(process.env.TARO_APP_SUBSCRIBE_TEMPLATES ?? ''),
  }
  for (const [key, value] of Object.entries(process.env)) {
    if (key.startsWith('TARO_APP_') && value !== undefined) env[key] = JSON.stringify(value)
  }
  return env
}

/** sass options shared by both platforms: taro-ui 3.3.1 still uses @import and global built-ins. */
const sassLoaderOption = {
  sassOptions: {
    silenceDeprecations: ['legacy-js-api', 'import', 'global-builtin', 'color-functions', 'slash-div'],
    quietDeps: true,
  },
}

export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5'
  const webpackChain = (chain: any) => {
    // Keep licence comments inside the bundles instead of shipping *.LICENSE.txt files in the package.
    if (chain.optimization.minimizers.has('terserPlugin')) {
      chain.optimization.minimizer('terserPlugin').tap((args: any[]) => [{ ...args[0], extractComments: false }])
    }
    if (isH5) {
      // The size budget is measured on gzipped first load (test/weapp, bench); webpack's raw-size hints are noise.
      chain.performance.hints(false)
      // Taro splits only initial chunks on H5, so every lazily loaded page carried its own copy of our components,
      // taro-ui and the Taro web components. Share what two or more pages use in one async chunk.
      const split = chain.optimization.get('splitChunks') || {}
      chain.optimization.splitChunks({
        ...split,
        cacheGroups: {
          ...(split.cacheGroups || {}),
          pages: { name: 'pages-common', chunks: 'async', minChunks: 2, priority: 5, reuseExistingChunk: true },
        },
      })
    }
  }
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'yangguang-xiaopei',
    date: '2024-11-28',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [path.resolve(__dirname, 'plugins/weappAria.ts')],
    env: clientEnv(),
    defineConstants: {},
    alias: {
      '@': path.resolve(root, 'src'),
      // Without this, webpack takes taro-ui's prebuilt dist bundle and every component lands in vendors.js.
      'taro-ui$': path.resolve(root, 'node_modules/taro-ui/lib/index.js'),
    },
    // The H5 app's favicon (scripts/make-favicon.mjs); the mini-program has no use for it.
    copy: { patterns: isH5 ? [{ from: 'src/assets/favicon.ico', to: 'dist-h5/favicon.ico' }] : [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      sassLoaderOption,
      webpackChain,
      // Each component's stylesheet is its own BEM block, so the order pages pull them in does not matter (as on H5
      // below); without this, a subpackage whose pages share components in different orders warns on every build.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      sassLoaderOption,
      webpackChain,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      // REQUIRED: without it taro-ui's px is not converted to rem and H5 renders at twice the size.
      esnextModules: ['taro-ui'],
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // The root size script: Taro's width rule (the same numbers as pxtransform below), times the browser's text
      // size and 关怀模式 (config/rootFontScript.ts).
      htmlPluginOption: { script: rootFontScript({ designWidth: 750, rootValue: 40, min: 16, max: 23 }) },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        // Root font size follows the phone width (375 → 20px) but stops at 23px: on a tablet or desktop window the
        // app stays a phone-width column at reading size instead of drawing everything twice as large.
        pxtransform: { enable: true, config: { baseFontSize: 20, minRootSize: 16, maxRootSize: 23 } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
