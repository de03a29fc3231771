import path from 'node:path'
import type { IPluginContext } from '@tarojs/service'

/**
 * WeChat's 读屏 (screen reader) reads `aria-role`, `aria-label` and the aria states from WXML, but Taro 4's weapp
 * templates bind only each component's own attributes, so `ariaRole` / `ariaLabel` / `{...aria()}` on a View reached
 * the web build and nowhere else. This plugin adds those attributes (weappAria.json, the subset WeChat documents)
 * to the base template's components, and makes the runtime learn the same list (weappAriaRuntime.js) so the props
 * are sent under the names the template reads. test/weapp/build.test.ts checks the built base.wxml.
 */
export default (ctx: IPluginContext) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform: { platform: string; template?: { mergeComponents: (ctx: IPluginContext, patch: object) => void }; runtimePath: string | string[] }) {
      if (platform.platform !== 'weapp' || !platform.template) return
      // A fresh copy each time: the template merges into its own objects and must not share ours with the runtime.
      const attributes = JSON.parse(JSON.stringify(require('./weappAria.json')))
      platform.template.mergeComponents(ctx, attributes)
      platform.runtimePath = [...([] as string[]).concat(platform.runtimePath), path.resolve(__dirname, 'weappAriaRuntime.js')]
    },
  })
}
