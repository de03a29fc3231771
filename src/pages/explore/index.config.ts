export default definePageConfig({
  navigationBarTitleText: '政策与曝光',
})
