import { useMemo, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { checkPrepaid, PREPAID_LIMITS, prepaidInputProblems } from '@/domain/prepaid'
import { Button, PageFrame } from '@/components'
import { bringIntoView } from '@/utils/bringIntoView'
import { ROUTES } from '@/utils/routes'
import { EMPTY_FORM, ESCROW_OPTIONS, problemsByField, toInput, type PrepaidForm } from './prepaidForm'
import { Choice, NumberField } from './PrepaidFields'
import PrepaidResult from './PrepaidResult'
import './read.scss'

export default function PrepaidPage() {
  const { params } = useRouter()
  // Opened from an institution's page: a report started from here names it.
  const institution = params.id && params.name ? { id: decodeURIComponent(params.id), name: decodeURIComponent(params.name) } : undefined
  const [form, setForm] = useState<PrepaidForm>(EMPTY_FORM)
  // Errors and the verdict appear after the first 算一算, then follow every change.
  const [checked, setChecked] = useState(false)
  const set = (patch: Partial<PrepaidForm>) => setForm((f) => ({ ...f, ...patch }))

  const input = useMemo(() => toInput(form), [form])
  const problems = useMemo(() => prepaidInputProblems(input), [input])
  const errors = checked ? problemsByField(problems) : {}
  const verdict = checked && problems.length === 0 ? checkPrepaid(input) : null

  function check() {
    setChecked(true)
    if (problems.length > 0) {
      Taro.showToast({ title: '请按红字提示改正', icon: 'none' })
      return
    }
    // The verdict renders below the form, often off screen: bring it into view once it is drawn.
    setTimeout(() => bringIntoView('.yg-prepaid__result'), 50)
  }

  return (
    <PageFrame className='yg-read yg-prepaid'>
      <View className='yg-prepaid__intro'>
        <Text className='yg-prepaid__lead'>交钱前算一算</Text>
        <Text className='yg-prepaid__rules'>
          按规定，机构一次预收的费用不超过 {PREPAID_LIMITS.months} 个月、不超过 {PREPAID_LIMITS.hours} 课时，且不超过{' '}
          {PREPAID_LIMITS.amountYuan.toLocaleString('zh-CN')} 元；钱要进监管专户（机构在银行开设、受主管部门监管的专用账户，上完课再按进度拨给机构），不能办“培训贷”。
        </Text>
        {institution && <Text className='yg-prepaid__inst'>机构：{institution.name}</Text>}
      </View>

      <View className='yg-prepaid__form'>
        <NumberField
          label='一次要交的金额（元）'
          value={form.amount}
          placeholder='例如 4800'
          digit
          error={errors.amountYuan}
          onInput={(amount) => set({ amount })}
        />
        <NumberField
          label='覆盖课时数'
          hint='按课时收费时填写；充值卡、次卡按能上的节数算'
          value={form.hours}
          placeholder='例如 48'
          error={errors.hours}
          onInput={(hours) => set({ hours })}
        />
        <NumberField
          label='覆盖月数'
          hint='从第一节课到最后一节课跨几个月；按有效期卖的卡按有效期算'
          value={form.months}
          placeholder='例如 3'
          error={errors.months}
          onInput={(months) => set({ months })}
        />
        <Choice label='钱交到哪里' options={ESCROW_OPTIONS} value={form.escrow} onChange={(escrow) => set({ escrow })} />
        <Choice
          label='是否让办“培训贷”或分期'
          row
          options={[
            { value: 'no', label: '没有' },
            { value: 'yes', label: '是，让办贷款或分期' },
          ]}
          value={form.loan ? 'yes' : 'no'}
          onChange={(v) => set({ loan: v === 'yes' })}
        />
        <View className='yg-prepaid__submit'>
          <Button onClick={check}>算一算</Button>
        </View>
      </View>

      {verdict && <PrepaidResult verdict={verdict} input={input} institution={institution} />}

      <View className='yg-prepaid__more' ariaRole='link' onClick={() => Taro.navigateTo({ url: ROUTES.article('prepaid-fees') })}>
        <Text>了解预付费规定：一次最多交多少？</Text>
      </View>
    </PageFrame>
  )
}
