// The steps the server offers on this ticket now (view.steps, in the desk's order), each opening its own form here.
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, Section } from '@/components'
import { STAFF_STEP_LABEL, type StaffComplaintView, type StaffStep } from '@/domain/staff'
import StepForm from './StepForm'
import './StepActions.scss'

/** A line under each step's button: what it does, so nobody has to guess 开始办理 from 受理. */
const STEP_HINT: Record<StaffStep, string> = {
  accept: '确认由本部门办理',
  transfer: '交给其他部门或其他区办理',
  askInfo: '情况不清楚时，请举报人补充',
  start: '开始核查',
  reply: '把核查结果答复举报人',
  resolve: '答复后结束办理',
  reject: '不属于受理范围时使用',
  answerReview: '给出复核的最终结论',
  note: '记一笔，举报人看不到',
}

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
