export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/explore/index',
    'pages/report/index',
    'pages/mine/index',
    // The detail page is the answer to a shared link or a scan: it stays in the main package (DESIGN.md).
    'pages/institution/index',
  ],
  subPackages: [
    { root: 'packages/verify', pages: ['index'] },
    // Reading: articles, cases, notices, open figures and the fee checker, opened from 政策与曝光 and the detail page.
    { root: 'packages/read', pages: ['article', 'case', 'prepaid', 'stats', 'notice'] },
    // Reporting: the five-step form, the receipt, 我的举报 and one ticket, opened from the report tab and 我的.
    { root: 'packages/report', pages: ['index', 'receipt', 'mine', 'detail'] },
    // The department workbench: the inbox (with the ticket beside it on a wide screen) and one ticket, from 我的.
    { root: 'packages/staff', pages: ['index', 'ticket'] },
    // The workbench's management pages (staff and admin): cases, institution statuses, white-list imports,
    // supervisors, campaigns, handling figures and the audit log.
    // Volunteer supervisors: their home (campaigns, round, queued and sent visits) and the visit form, from 我的.
    { root: 'packages/supervise', pages: ['index', 'observe'] },
    { root: 'packages/manage', pages: ['case', 'institution', 'import', 'supervisors', 'campaigns', 'stats', 'audit'] },
  ],
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['packages/verify'] },
    'pages/explore/index': { network: 'all', packages: ['packages/read'] },
    'pages/report/index': { network: 'all', packages: ['packages/report'] },
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
  // Location APIs must be listed here and their purpose given in `permission`. Camera (scanCode) and, later, photo
  // and video evidence (chooseMedia) are declared in the MP console's 用户隐私保护指引, which __usePrivacyCheck__
  // makes WeChat enforce; `permission` accepts only location scopes, so they do not belong here.
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于按距离排序附近的培训机构，以及监督员巡查时签到' },
  },
  __usePrivacyCheck__: true,
})
