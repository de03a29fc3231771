export default definePageConfig({
  navigationBarTitleText: '发布典型案例',
})
