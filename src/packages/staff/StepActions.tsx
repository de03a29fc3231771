// The steps the server offers on this ticket now (view.steps, in the desk's order), each opening its own form here.
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Section } from '@/components'
import { STAFF_STEP_LABEL, type StaffComplaintView, type StaffStep } from '@/domain/staff'
import StepForm from './StepForm'
import { STEP_HINT } from './stepWords'
import './StepActions.scss'

export default function StepActions({ view, onChanged }: { view: StaffComplaintView; onChanged: (view: StaffComplaintView) => void }) {
  const [open, setOpen] = useState<StaffStep | null>(null)
  if (view.steps.length === 0) {
    return (
      <Section title='办理'>
        <Text className='yg-steps-none'>这件举报当前没有需要您办理的步骤。</Text>
      </Section>
    )
  }
  return (
    <Section title='办理'>
      {open === null ? (
        <View className='yg-stepacts' ariaRole='list' ariaLabel='可以进行的办理操作'>
          {view.steps.map((s) => (
            <View key={s} className='yg-stepacts__item' ariaRole='listitem'>
              <Button variant={s === 'note' ? 'plain' : s === view.steps[0] ? 'primary' : 'secondary'} onClick={() => setOpen(s)}>
                {STAFF_STEP_LABEL[s]}
              </Button>
              <Text className='yg-stepacts__hint'>{STEP_HINT[s]}</Text>
            </View>
          ))}
        </View>
      ) : (
        <StepForm
          key={open}
          view={view}
          step={open}
          onCancel={() => setOpen(null)}
          onDone={(next, words) => {
            setOpen(null)
            onChanged(next)
            Taro.showToast({ title: words, icon: 'none' })
          }}
        />
      )}
    </Section>
  )
}
