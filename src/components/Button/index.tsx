import type { ReactNode } from 'react'
import { AtButton } from 'taro-ui'
import './index.scss'

interface Props {
  children: ReactNode
  onClick?: () => void
  /** primary: the one main action; secondary: outlined; plain: a quiet text-like action. */
  variant?: 'primary' | 'secondary' | 'plain'
  /** red outline, for actions that start a report. */
  danger?: boolean
  loading?: boolean
  disabled?: boolean
  inline?: boolean
  className?: string
}

export default function Button({ children, onClick, variant = 'primary', danger, loading, disabled, inline, className }: Props) {
  const cls = ['yg-button', `yg-button--${variant}`, danger ? 'yg-button--danger' : '', inline ? 'yg-button--inline' : '', className ?? '']
    .filter(Boolean)
    .join(' ')
  return (
    <AtButton
      className={cls}
      type={variant === 'plain' ? undefined : variant}
      loading={loading}
      disabled={disabled}
      onClick={() => onClick?.()}
    >
      {children}
    </AtButton>
  )
}
