export default definePageConfig({
  navigationBarTitleText: '导入白名单',
})
