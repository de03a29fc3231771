export default definePageConfig({
  navigationBarTitleText: '预付费计算器',
})
