export default definePageConfig({
  navigationBarTitleText: '机构状态',
})
