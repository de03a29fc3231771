// The reporter's contact: masked until a staff member with the right asks for the whole number — a logged action,
// and the page says so before and after.
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import * as staff from '@/api/staff'
import { Button } from '@/components'
import type { StaffComplaintView } from '@/domain/staff'
import './ContactReveal.scss'

export default function ContactReveal({ view }: { view: StaffComplaintView }) {
  const [whole, setWhole] = useState<{ name: string; phone: string } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')
  if (!view.contact) {
    return (
      <View className='yg-contact'>
        <Text className='yg-contact__line'>匿名举报，没有留下联系方式</Text>
      </View>
    )
  }
  async function reveal() {
    setBusy(true)
    setError('')
    const res = await staff.revealContact(view.ticketNo)
    setBusy(false)
    if (res.ok) setWhole(res.data)
    else setError(res.error.code === 'network' ? '网络不给力，请稍后重试' : res.error.message)
  }
  const shown = whole ?? view.contact
  return (
    <View className='yg-contact'>
      <Text className='yg-contact__line' userSelect>
        {shown.name} {shown.phone}
      </Text>
      {whole ? (
        <Text className='yg-contact__note'>已显示完整号码，本次查看已记入操作日志。</Text>
      ) : view.canRevealContact ? (
        <View className='yg-contact__action'>
          <Button variant='secondary' inline loading={busy} onClick={() => void reveal()}>
            查看完整号码
          </Button>
          <Text className='yg-contact__note'>仅在需要回访举报人时查看；每次查看都会记入操作日志。</Text>
        </View>
      ) : (
        <Text className='yg-contact__note'>您的账号不能查看完整号码。</Text>
      )}
      {error && (
        <View className='yg-contact__error' ariaRole='alert'>
          <Text>{error}</Text>
        </View>
      )}
    </View>
  )
}
