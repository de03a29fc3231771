import { View, Text, Picker } from '@tarojs/components'
import { today, type Escrow } from '@/utils/reportDraft'
import { AreaField, Choice, Field, TextField } from '@/components/Fields'
import { DESCRIPTION_MAX, DESCRIPTION_MIN } from '../validate'
import type { StepProps } from './types'

const ESCROW_OPTIONS: { value: Escrow; label: string; hint?: string }[] = [
  { value: 'escrow', label: '机构的预收费监管专户', hint: '户名与机构名称一致，开在监管银行' },
  { value: 'other', label: '个人账户或其他', hint: '老师或负责人的微信、支付宝、银行卡，或其他公司' },
  { value: 'unknown', label: '不清楚' },
]

export default function HappenedStep({ draft, set, errors }: StepProps) {
  const prepaid = draft.prepaid
  const setPrepaid = (patch: Partial<typeof prepaid>) => set({ prepaid: { ...prepaid, ...patch } })
  return (
    <View>
      <Text className='yg-rf__q'>发生了什么？</Text>
      <AreaField
        label='经过'
        hint='写清时间、地点、谁、做了什么；有收据、聊天记录的，可以在下一步上传照片'
        value={draft.description}
        min={DESCRIPTION_MIN}
        max={DESCRIPTION_MAX}
        placeholder='例如：11月20日晚上9点，该机构仍在给小学生上数学课，共十多名学生……'
        error={errors.description}
        field='description'
        onInput={(description) => set({ description })}
      />
      <Field label='发生日期' hint='不能晚于今天；持续发生的，填最近一次' error={errors.happenedOn} field='happenedOn'>
        <Picker mode='date' value={draft.happenedOn} start='2021-01-01' end={today()} onChange={(e) => set({ happenedOn: String(e.detail.value) })}>
          <View className={`yg-rform__input yg-rform__select${errors.happenedOn ? ' yg-rform__input--error' : ''}`} ariaRole='button' ariaLabel={`${draft.happenedOn} 点击修改，发生日期`}>
            <Text>{draft.happenedOn}</Text>
            <Text className='yg-rform__select-hint'>点击修改</Text>
          </View>
        </Picker>
      </Field>
      {draft.category === 'prepaid_fees' && (
        <View className='yg-rf__group'>
          <Text className='yg-rf__group-title'>预收费情况（知道多少填多少）</Text>
          <TextField
            label='一次交了多少钱（元）'
            type='digit'
            value={prepaid.amount}
            maxlength={12}
            placeholder='例如 12000'
            error={errors['details.amountYuan']}
            field='details.amountYuan'
            onInput={(amount) => setPrepaid({ amount })}
          />
          <TextField
            label='覆盖课时数'
            type='number'
            value={prepaid.hours}
            maxlength={6}
            placeholder='例如 96'
            error={errors['details.hours']}
            field='details.hours'
            onInput={(hours) => setPrepaid({ hours })}
          />
          <TextField
            label='覆盖月数'
            type='number'
            value={prepaid.months}
            maxlength={4}
            placeholder='例如 12'
            error={errors['details.months']}
            field='details.months'
            onInput={(months) => setPrepaid({ months })}
          />
          <Choice<Escrow> label='钱交到了哪里' options={ESCROW_OPTIONS} value={prepaid.escrow} onChange={(escrow) => setPrepaid({ escrow })} />
          <Choice<'no' | 'yes'>
            label='是否让办“培训贷”或分期'
            row
            options={[
              { value: 'no', label: '没有' },
              { value: 'yes', label: '是' },
            ]}
            value={prepaid.loan ? 'yes' : 'no'}
            onChange={(v) => setPrepaid({ loan: v === 'yes' })}
          />
        </View>
      )}
    </View>
  )
}
