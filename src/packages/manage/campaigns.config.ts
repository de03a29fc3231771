export default definePageConfig({
  navigationBarTitleText: '专项行动',
})
