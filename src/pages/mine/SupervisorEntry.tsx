import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import * as auth from '@/api/auth'
import * as supervision from '@/api/supervision'
import { Button } from '@/components'
import { FieldError } from '@/components/Fields'
import { aria } from '@/components/a11y'
import { can } from '@/domain/access'
import type { Account } from '@/domain/api'
import { DISTRICT_LABEL } from '@/domain/catalog'
import { SUPERVISOR_KIND_LABEL } from '@/domain/checklist'
import { SUPERVISE_ROUTES } from '@/utils/routes'

interface Props {
  account: Account | null
  onAccount: (account: Account) => void
}

/**
 * Supervisors reach 巡查工作台 from here; a signed-in citizen can become one with the invitation code staff gave them.
 * Staff and admin accounts cannot bind (the server refuses it too), so they are not offered the form.
 */
export default function SupervisorEntry({ account, onAccount }: Props) {
  const [open, setOpen] = useState(false)
  const [code, setCode] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [bound, setBound] = useState('')

  if (!account) return null
  if (can(account, 'observation.submit')) {
    return (
      <View className='yg-mine__row' hoverClass='yg-mine__row--pressed' ariaRole='link' onClick={() => void Taro.navigateTo({ url: SUPERVISE_ROUTES.home })}>
        <View className='yg-mine__row-text'>
          <Text className='yg-mine__row-name'>巡查工作台</Text>
          <Text className='yg-mine__row-role'>{bound || '现场巡查、待上传记录、我的巡查'}</Text>
        </View>
        <Text className='yg-mine__row-state'>进入 ›</Text>
      </View>
    )
  }
  if (account.role !== 'citizen') return null

  async function bind() {
    const typed = code.trim().toUpperCase()
    if (!/^[A-Z0-9]{8}$/.test(typed)) {
      setError('邀请码为8位字母或数字')
      return
    }
    setBusy(true)
    setError('')
    const res = await supervision.bind(typed)
    if (!res.ok) {
      setBusy(false)
      setError(res.error.code === 'network' ? '网络不给力，请稍后重试' : res.error.fields?.code ?? res.error.message)
      return
    }
    setBound(`已成为${DISTRICT_LABEL[res.data.district]}${SUPERVISOR_KIND_LABEL[res.data.kind]}`)
    const me = await auth.me()
    setBusy(false)
    // The server said yes: show the new role even if 我的 could not re-read the account just now.
    onAccount(me.ok ? me.data : { ...account!, role: 'supervisor', district: res.data.district })
  }

  return (
    <View className='yg-mine__bind'>
      <View className='yg-mine__row' hoverClass='yg-mine__row--pressed' ariaRole='button' {...aria({ expanded: open })} onClick={() => setOpen(!open)}>
        <View className='yg-mine__row-text'>
          <Text className='yg-mine__row-name'>我是监督员</Text>
          <Text className='yg-mine__row-role'>输入辖区工作人员给您的邀请码</Text>
        </View>
        <Text className='yg-mine__row-state'>{open ? '收起' : '输入邀请码 ›'}</Text>
      </View>
      {open && (
        <View className='yg-mine__bind-form'>
          <Text className='yg-mine__bind-label'>邀请码</Text>
          <Text className='yg-mine__bind-hint'>8 位字母或数字，只能使用一次。绑定后，您提交的巡查记录会交给辖区主管部门。</Text>
          <Input
            className={`yg-rform__input yg-mine__bind-input${error ? ' yg-rform__input--error' : ''}`}
            value={code}
            maxlength={8}
            placeholder='例如 K7M2Q9XA'
            placeholderClass='yg-rform__placeholder'
            ariaLabel='邀请码'
            onInput={(e) => setCode(e.detail.value.toUpperCase())}
            onConfirm={() => void bind()}
          />
          <FieldError message={error} />
          <View className='yg-mine__bind-action'>
            <Button loading={busy} onClick={() => void bind()}>
              绑定
            </Button>
          </View>
        </View>
      )}
    </View>
  )
}
