// The signed-in session, kept in Taro storage so it survives restarts. Only the api layer writes it.
import Taro from '@tarojs/taro'
import type { Account, Session } from '@/domain/api'

const TOKEN_KEY = 'session:token'
const ACCOUNT_KEY = 'session:account'

export function getToken(): string {
  try {
    return (Taro.getStorageSync(TOKEN_KEY) as string) || ''
  } catch {
    return ''
  }
}

export function getAccount(): Account | null {
  try {
    const account = Taro.getStorageSync(ACCOUNT_KEY) as Account | ''
    return account || null
  } catch {
    return null
  }
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(TOKEN_KEY, session.token)
  Taro.setStorageSync(ACCOUNT_KEY, session.account)
}

export function saveAccount(account: Account): void {
  Taro.setStorageSync(ACCOUNT_KEY, account)
}

export function clearSession(): void {
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(ACCOUNT_KEY)
}
