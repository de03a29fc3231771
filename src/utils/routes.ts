// Every path the app navigates to, in one place.
export const ROUTES = {
  search: '/pages/index/index',
  explore: '/pages/explore/index',
  report: '/pages/report/index',
  mine: '/pages/mine/index',
  institution: (id: string) => `/pages/institution/index?id=${encodeURIComponent(id)}`,
  verify: '/packages/verify/index',
} as const
