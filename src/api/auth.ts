import Taro from '@tarojs/taro'
import type { Account, DemoInfo, Session } from '@/domain/api'
import { callFunction, type Result } from './transport'
import { clearSession, saveAccount, saveSession } from './session'

/** WeChat sign-in: exchange a wx.login code for a session (weapp only). */
export async function login(): Promise<Result<Session>> {
  let code = ''
  try {
    code = (await Taro.login()).code
  } catch {
    return { ok: false, error: { code: 'network', message: '微信登录失败，请稍后重试' } }
  }
  const res = await callFunction<Session>('auth', 'login', { code })
  if (res.ok) saveSession(res.data)
  return res
}

/** Demo sign-in as one of the sample accounts (only when the server runs in dev mode). */
export async function devLogin(account: string): Promise<Result<Session>> {
  const res = await callFunction<Session>('auth', 'devLogin', { account })
  if (res.ok) saveSession(res.data)
  return res
}

export async function me(): Promise<Result<Account>> {
  const res = await callFunction<Account>('auth', 'me')
  if (res.ok) saveAccount(res.data)
  return res
}

export function logout(): void {
  clearSession()
}

let demoInfo: Promise<Result<DemoInfo>> | null = null

/** Whether the server runs on sample data, asked once per launch (every page's ribbon reads it). */
export function demo(): Promise<Result<DemoInfo>> {
  if (!demoInfo) {
    demoInfo = callFunction<DemoInfo>('auth', 'demo').then((res) => {
      if (!res.ok) demoInfo = null // ask again next time rather than remember a failure
      return res
    })
  }
  return demoInfo
}
