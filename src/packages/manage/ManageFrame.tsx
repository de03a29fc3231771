// Every management page's frame: the sign-in gate, the "not for this account" state, and the desk layout class.
// Who may do what is the access table (src/domain/access.ts); each page names the permission its action needs
// (STAFF_ACTION_ACCESS), so the page and the server ask the same question.
import { useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { getAccount, getToken } from '@/api/session'
import type { Account } from '@/domain/api'
import { can, PERMISSION_LABEL } from '@/domain/access'
import { ROLE_LABEL } from '@/domain/catalog'
import { STAFF_ACTION_ACCESS, type StaffAction } from '@/domain/staff'
import { Button, EmptyState, PageFrame } from '@/components'
import { aria } from '@/components/a11y'
import LoginGate from '@/components/LoginGate'
import { ROUTES } from '@/utils/routes'
import './ManageFrame.scss'

interface Props {
  /** The action the page is for: its permission decides who sees the page. */
  action: StaffAction
  /** The page's heading, said once at the top. */
  title: string
  /** The desk layout's modifier (e.g. 'wide' for tables). */
  className?: string
  children: (account: Account) => ReactNode
}

const signedIn = (): Account | null => (getToken() ? getAccount() : null)

export default function ManageFrame({ action, title, className = '', children }: Props) {
  const [account, setAccount] = useState(signedIn)
  // Back from 我的 with another account: ask again.
  useDidShow(() => setAccount(signedIn()))
  const permission = STAFF_ACTION_ACCESS[action]
  const what = PERMISSION_LABEL[permission]
  return (
    <PageFrame className={`yg-manage ${className}`}>
      <View className='yg-manage__body'>
        <View className='yg-manage__title' ariaRole='heading' {...aria({ level: 1 })}>
          <Text>{title}</Text>
        </View>
        {!account && (
          <LoginGate
            why={`请用工作人员账号登录后${what}。`}
            privacy='每一次操作都会记入操作日志。'
            demo={permission === 'audit.read' ? { account: 'admin', label: '以示例管理员身份登录' } : { account: 'staff-culture', label: '以示例工作人员身份登录' }}
            webOnly='网页版暂不支持工作人员登录，请在微信中打开“阳光校培”小程序。'
            onDone={() => setAccount(signedIn())}
          />
        )}
        {account && !can(account, permission) && (
          <EmptyState mark='!' title='当前账号不能使用这项功能' lines={[`${what}需要相应的工作人员权限，当前账号是${ROLE_LABEL[account.role]}。`, '如需使用，请换用有此权限的账号。']}>
            <Button variant='secondary' onClick={() => void Taro.switchTab({ url: ROUTES.mine })}>
              去“我的”切换账号
            </Button>
          </EmptyState>
        )}
        {account && can(account, permission) && children(account)}
      </View>
    </PageFrame>
  )
}
