// Bundled into the mini-program ahead of the app (config/plugins/weappAria.ts adds it to Taro's runtime imports):
// the runtime learns the same aria-* attributes as the templates, so a View's ariaRole / ariaLabel / aria-checked
// props travel in setData under the short names the base template binds. Both sides must merge the same list in
// the same order, or the names would not match.
import { mergeInternalComponents } from '@tarojs/shared'
import attributes from './weappAria.json'

mergeInternalComponents(JSON.parse(JSON.stringify(attributes)))
