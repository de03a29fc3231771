export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/explore/index',
    'pages/report/index',
    'pages/mine/index',
    // The detail page is the answer to a shared link or a scan: it stays in the main package (DESIGN.md).
    'pages/institution/index',
  ],
  subPackages: [{ root: 'packages/verify', pages: ['index'] }],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/verify'] },
  },
  window: {
    backgroundTextStyle: 'light',
    backgroundColor: '#F5F7FA',
    navigationBarBackgroundColor: '#1F5FAF',
    navigationBarTitleText: '阳光校培',
    navigationBarTextStyle: 'white',
    // The mini-program's default; on H5 it also turns on Taro's own title bar (with a back button off the tabs).
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#5F6B7A',
    selectedColor: '#1F5FAF',
    backgroundColor: '#FFFFFF',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '查机构', iconPath: 'assets/tab/search.png', selectedIconPath: 'assets/tab/search-active.png' },
      { pagePath: 'pages/explore/index', text: '政策与曝光', iconPath: 'assets/tab/explore.png', selectedIconPath: 'assets/tab/explore-active.png' },
      { pagePath: 'pages/report/index', text: '我要举报', iconPath: 'assets/tab/report.png', selectedIconPath: 'assets/tab/report-active.png' },
      { pagePath: 'pages/mine/index', text: '我的', iconPath: 'assets/tab/mine.png', selectedIconPath: 'assets/tab/mine-active.png' },
    ],
  },
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于按距离排序附近的培训机构' },
    'scope.camera': { desc: '用于扫描机构公示的二维码核验资质' },
  },
  __usePrivacyCheck__: true,
})
