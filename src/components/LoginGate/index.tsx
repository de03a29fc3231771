import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import * as auth from '@/api/auth'
import { useDemo } from '@/hooks/useDemo'
import { IS_WEAPP } from '@/utils/platform'
import Button from '../Button'
import { FieldError } from '../Fields'
import Loading from '../Loading'
import './index.scss'

interface Props {
  /** What signing in is for, here. */
  why: string
  /** What the account is used for and what stays private (the reporter's default). */
  privacy?: string
  /** The sample account the demo offers, and the button's words. */
  demo?: { account: string; label: string }
  /** Where a person without WeChat goes instead, on the web outside the demo. */
  webOnly?: string
  onDone: () => void
}

const CITIZEN = { account: 'citizen', label: '以示例市民身份登录' }

/**
 * Reporting needs an account (to follow the ticket, and so a ticket is only ever shown to its reporter); the workbench
 * needs a staff account.
 */
export default function LoginGate({
  why,
  privacy = '登录只用于让您查看自己的举报进度；公开信息中不会出现您的身份。',
  demo: demoAccount = CITIZEN,
  webOnly = '网页版暂不支持登录。请在微信中打开“阳光校培”小程序举报，或拨打 12345 政务服务便民热线。',
  onDone,
}: Props) {
  const demo = useDemo()
  const [busy, setBusy] = useState('')
  const [error, setError] = useState('')

  async function run(kind: 'wechat' | 'demo') {
    setBusy(kind)
    setError('')
    const res = kind === 'wechat' ? await auth.login() : await auth.devLogin(demoAccount.account)
    setBusy('')
    if (res.ok) onDone()
    else setError(res.error.code === 'network' ? '网络不给力，请稍后重试' : res.error.message)
  }

  return (
    <View className='yg-gate' ariaRole='region' ariaLabel='需要登录'>
      <Text className='yg-gate__title'>请先登录</Text>
      <Text className='yg-gate__text'>{why}</Text>
      {privacy && <Text className='yg-gate__text'>{privacy}</Text>}
      {IS_WEAPP && (
        <View className='yg-gate__action'>
          <Button loading={busy === 'wechat'} onClick={() => void run('wechat')}>
            微信登录
          </Button>
        </View>
      )}
      {!IS_WEAPP && !demo && <Loading />}
      {demo?.demo && (
        <View className='yg-gate__action'>
          <Button variant={IS_WEAPP ? 'secondary' : 'primary'} loading={busy === 'demo'} onClick={() => void run('demo')}>
            {demoAccount.label}
          </Button>
          <Text className='yg-gate__note'>示例环境：也可以在“我的”页切换其他示例账号。</Text>
        </View>
      )}
      {!IS_WEAPP && demo && !demo.demo && (
        <Text className='yg-gate__text'>{webOnly}</Text>
      )}
      <FieldError message={error} />
    </View>
  )
}
