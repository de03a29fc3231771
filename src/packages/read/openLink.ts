// Follows a link inside an article. Routes come from resolveLink; anything it refuses was never made tappable.
import Taro from '@tarojs/taro'
import * as institutions from '@/api/institutions'
import { resolveLink } from '@/utils/links'
import { ROUTES } from '@/utils/routes'

/** WeChat keeps at most 10 pages; reading from article to article replaces the top one near that limit. */
const STACK_LIMIT = 9

function go(url: string) {
  if (Taro.getCurrentPages().length >= STACK_LIMIT) Taro.redirectTo({ url })
  else Taro.navigateTo({ url })
}

export async function openLink(link: string): Promise<void> {
  const target = resolveLink(link)
  if (!target) return
  if (target.kind === 'tab') {
    Taro.switchTab({ url: target.url })
    return
  }
  if (target.kind === 'page') {
    go(target.url)
    return
  }
  // A published code: look it up, then open the institution it belongs to.
  Taro.showLoading({ title: '正在查询', mask: true })
  const res = await institutions.verify(target.code)
  Taro.hideLoading()
  if (res.ok && res.data.institution) {
    go(ROUTES.institution(res.data.institution.id))
  } else if (res.ok || res.error.code === 'not_found' || res.error.code === 'invalid_input') {
    Taro.showModal({ title: '没有查到该机构', content: `代码 ${target.code} 不在登记名单中，可能未经审批。`, showCancel: false, confirmText: '知道了' })
  } else {
    Taro.showToast({ title: res.error.message || '网络不给力，请稍后重试', icon: 'none', duration: 2500 })
  }
}
