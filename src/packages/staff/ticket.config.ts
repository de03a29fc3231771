export default definePageConfig({
  navigationBarTitleText: '办理举报',
})
