// Who is using the supervisor's pages: the session's account, checked again with the server on every show when it
// can be reached (a switched demo account, a new role after binding). Offline, the remembered account stands, so a
// visit can be recorded without a network.
import { useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import * as auth from '@/api/auth'
import { getAccount, getToken } from '@/api/session'
import { can } from '@/domain/access'
import type { Account } from '@/domain/api'

export type SupervisorAccess = { state: 'out'; account: Account | null } | { state: 'in'; account: Account }

const judge = (account: Account | null): SupervisorAccess => (account && can(account, 'observation.submit') ? { state: 'in', account } : { state: 'out', account })

export function useSupervisor(): SupervisorAccess {
  const [access, setAccess] = useState<SupervisorAccess>(() => (getToken() ? judge(getAccount()) : { state: 'out', account: null }))
  useDidShow(() => {
    if (!getToken()) return setAccess({ state: 'out', account: null })
    void auth.me().then((res) => {
      if (res.ok) setAccess(judge(res.data))
      else if (res.error.code === 'unauthenticated') setAccess({ state: 'out', account: null })
    })
  })
  return access
}
