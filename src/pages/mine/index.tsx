import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import * as auth from '@/api/auth'
import { getAccount, getToken } from '@/api/session'
import { can } from '@/domain/access'
import type { Account } from '@/domain/api'
import { Button, PageFrame } from '@/components'
import { useDemo } from '@/hooks/useDemo'
import { IS_WEAPP } from '@/utils/platform'
import { REPORT_ROUTES, STAFF_ROUTES } from '@/utils/routes'
import AccountCard from './AccountCard'
import DemoAccounts from './DemoAccounts'
import CareSwitch from './CareSwitch'
import SupervisorEntry from './SupervisorEntry'
import './index.scss'

export default function MinePage() {
  const demo = useDemo()
  const [account, setAccount] = useState<Account | null>(getAccount())
  const [busy, setBusy] = useState('')

  useDidShow(() => {
    setAccount(getAccount())
    if (!getToken()) return
    auth.me().then((res) => {
      if (res.ok) setAccount(res.data)
      else if (res.error.code === 'unauthenticated') setAccount(null)
    })
  })

  async function wechatLogin() {
    setBusy('wechat')
    const res = await auth.login()
    setBusy('')
    if (res.ok) setAccount(res.data.account)
    else Taro.showToast({ title: res.error.message, icon: 'none' })
  }

  async function switchTo(name: string) {
    setBusy(name)
    const res = await auth.devLogin(name)
    setBusy('')
    if (res.ok) {
      setAccount(res.data.account)
      Taro.showToast({ title: `已切换为${res.data.account.name}`, icon: 'none' })
    } else {
      Taro.showToast({ title: res.error.message, icon: 'none' })
    }
  }

  function logout() {
    auth.logout()
    setAccount(null)
    Taro.showToast({ title: '已退出登录', icon: 'none' })
  }

  return (
    <PageFrame className='yg-mine'>
      <AccountCard account={account} />
      <View className='yg-mine__list yg-mine__entries'>
        <View className='yg-mine__row' hoverClass='yg-mine__row--pressed' ariaRole='link' onClick={() => Taro.navigateTo({ url: REPORT_ROUTES.mine })}>
          <View className='yg-mine__row-text'>
            <Text className='yg-mine__row-name'>我的举报</Text>
            <Text className='yg-mine__row-role'>查看办理进度、补充材料、评价</Text>
          </View>
          <Text className='yg-mine__row-state'>查看 ›</Text>
        </View>
        <SupervisorEntry account={account} onAccount={setAccount} />
        {/* Staff and admin: the same permission the workbench's inbox needs. */}
        {can(account, 'complaint.view') && (
          <View className='yg-mine__row' hoverClass='yg-mine__row--pressed' ariaRole='link' onClick={() => Taro.navigateTo({ url: STAFF_ROUTES.desk })}>
            <View className='yg-mine__row-text'>
              <Text className='yg-mine__row-name'>工作台</Text>
              <Text className='yg-mine__row-role'>办理举报、管理机构与案例</Text>
            </View>
            <Text className='yg-mine__row-state'>进入 ›</Text>
          </View>
        )}
      </View>
      <CareSwitch />
      {!account && IS_WEAPP && !demo?.demo && (
        <View className='yg-mine__block'>
          <Button loading={busy === 'wechat'} onClick={wechatLogin}>
            微信登录
          </Button>
          <Text className='yg-mine__note'>登录后可以提交举报并查看处理进度。查机构、核验资质无需登录。</Text>
        </View>
      )}
      {demo?.demo && <DemoAccounts accounts={demo.accounts} current={account} busy={busy} onPick={switchTo} />}
      {account && (
        <View className='yg-mine__block'>
          <Button variant='plain' onClick={logout}>
            退出登录
          </Button>
        </View>
      )}
      <Text className='yg-mine__about'>阳光校培 · 厦门市非学科类校外培训公众监督</Text>
    </PageFrame>
  )
}
