import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { aria } from '../a11y'
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
  /** What a screen reader says when the visible words are not enough; it must begin with those words. */
  label?: string
}

/**
 * taro-ui's button look (its classes and styles) on a View that is a button to assistive technology: role and name
 * (aria-role / aria-label on WeChat), reachable by Tab on the web with a visible focus ring, activated by Enter and
 * Space (src/utils/a11y.ts), disabled and busy said in words, not only by a grey look.
 */
export default function Button({ children, onClick, variant = 'primary', danger, loading, disabled, inline, className, label }: Props) {
  const cls = [
    'at-button',
    'at-button--normal',
    variant !== 'plain' ? `at-button--${variant}` : '',
    disabled ? 'at-button--disabled' : '',
    loading ? 'at-button--icon' : '',
    'yg-button',
    `yg-button--${variant}`,
    danger ? 'yg-button--danger' : '',
    inline ? 'yg-button--inline' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ')
  const inert = disabled || loading
  return (
    <View
      className={cls}
      ariaRole='button'
      ariaLabel={label}
      {...aria({ disabled: inert ? true : undefined, busy: loading ? true : undefined })}
      onClick={() => {
        if (!inert) onClick?.()
      }}
    >
      {loading && (
        <View className='at-button__icon'>
          <Spinner colour={variant === 'primary' ? '#fff' : ''} />
        </View>
      )}
      <View className='at-button__text'>{children}</View>
    </View>
  )
}

/** taro-ui's three-ring spinner (.at-loading, styled by its loading.scss), without its component's extra weight. */
function Spinner({ colour }: { colour: string }) {
  const ring = colour ? { border: `1px solid ${colour}`, borderColor: `${colour} transparent transparent transparent` } : undefined
  return (
    <View className='at-loading' ariaRole='presentation'>
      <View className='at-loading__ring' style={ring} />
      <View className='at-loading__ring' style={ring} />
      <View className='at-loading__ring' style={ring} />
    </View>
  )
}
