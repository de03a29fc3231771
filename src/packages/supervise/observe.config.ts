export default definePageConfig({
  navigationBarTitleText: '巡查记录',
  // The signature pad takes the finger: the page must not scroll under it (weapp canvas disableScroll does the rest).
  disableScroll: false,
})
