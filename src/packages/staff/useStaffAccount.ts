// Who is at the desk: the signed-in account from the session, checked again with the server on every show (a
// switched demo account, an expired token). The workbench opens only for accounts that may view complaints.
import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import * as auth from '@/api/auth'
import { getAccount, getToken } from '@/api/session'
import { can } from '@/domain/access'
import type { Account } from '@/domain/api'

export type DeskAccess = { state: 'out'; account: Account | null } | { state: 'in'; account: Account }

function judge(account: Account | null): DeskAccess {
  return account && can(account, 'complaint.view') ? { state: 'in', account } : { state: 'out', account }
}

export function useStaffAccount(): DeskAccess {
  const [access, setAccess] = useState<DeskAccess>(() => (getToken() ? judge(getAccount()) : { state: 'out', account: null }))
  useDidShow(() => {
    if (!getToken()) return setAccess({ state: 'out', account: null })
    void auth.me().then((res) => {
      if (res.ok) setAccess((prev) => (prev.state === 'in' && prev.account.id === res.data.id && prev.account.role === res.data.role ? prev : judge(res.data)))
      else if (res.error.code === 'unauthenticated') setAccess({ state: 'out', account: null })
    })
  })
  return access
}
