export default definePageConfig({
  navigationBarTitleText: '查机构',
  onReachBottomDistance: 160,
})
