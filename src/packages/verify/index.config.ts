export default definePageConfig({
  navigationBarTitleText: '核验机构资质',
})
