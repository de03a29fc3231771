import type { UserConfigExport } from '@tarojs/cli'

/** React fast refresh needs @pmmmwh/react-refresh-webpack-plugin, which is not in our dependency set. */
function canFastRefresh(): boolean {
  try {
    require.resolve('@pmmmwh/react-refresh-webpack-plugin')
    require.resolve('react-refresh/babel')
    return true
  } catch {
    return false
  }
}

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: { devServer: { hot: canFastRefresh() } },
} satisfies UserConfigExport<'webpack5'>
