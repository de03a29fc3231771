import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import * as auth from '@/api/auth'
import { Button, Loading } from '@/components'
import { useDemo } from '@/hooks/useDemo'
import { IS_WEAPP } from '@/utils/platform'

/** Reporting needs an account (to follow the ticket, and so a ticket is only ever shown to its reporter). */
export default function LoginGate({ why, onDone }: { why: string; onDone: () => void }) {
  const demo = useDemo()
  const [busy, setBusy] = useState('')
  const [error, setError] = useState('')

  async function run(kind: 'wechat' | 'demo') {
    setBusy(kind)
    setError('')
    const res = kind === 'wechat' ? await auth.login() : await auth.devLogin('citizen')
    setBusy('')
    if (res.ok) onDone()
    else setError(res.error.code === 'network' ? '网络不给力，请稍后重试' : res.error.message)
  }

  return (
    <View className='yg-gate' ariaRole='region' ariaLabel='需要登录'>
      <Text className='yg-gate__title'>请先登录</Text>
      <Text className='yg-gate__text'>{why}</Text>
      <Text className='yg-gate__text'>登录只用于让您查看自己的举报进度；公开信息中不会出现您的身份。</Text>
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
            以示例市民身份登录
          </Button>
          <Text className='yg-gate__note'>示例环境：也可以在“我的”页切换其他示例账号。</Text>
        </View>
      )}
      {!IS_WEAPP && demo && !demo.demo && (
        <Text className='yg-gate__text'>网页版暂不支持登录。请在微信中打开“阳光校培”小程序举报，或拨打 12345 政务服务便民热线。</Text>
      )}
      {error && (
        <View className='yg-rform__error' ariaRole='alert'>
          <Text>{error}</Text>
        </View>
      )}
    </View>
  )
}
