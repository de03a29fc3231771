export default definePageConfig({
  navigationBarTitleText: '违规案例',
})
