import { View, Text } from '@tarojs/components'
import { COMPLAINT_CATEGORY_LABEL } from '@/domain/complaints'
import { IS_WEAPP } from '@/utils/platform'
import { Choice, TextField } from '@/components/Fields'
import type { StepProps } from './types'

export const PRIVACY_LINE = '处理部门可以看到您的联系方式，以便核实；公开信息中不会出现您的身份和联系方式。'

export default function SubmitStep({ draft, set, errors, goTo }: StepProps & { goTo: (step: number) => void }) {
  return (
    <View>
      <Text className='yg-rf__q'>怎么联系您？</Text>
      <Choice<'named' | 'anonymous'>
        options={[
          { value: 'named', label: '留下姓名和手机号', hint: '处理部门核实情况、告诉您结果时会联系您' },
          { value: 'anonymous', label: '匿名举报', hint: '处理部门无法联系您，核实可能更难；进度仍可在“我的举报”查看' },
        ]}
        value={draft.contact}
        error={errors.contact}
        field='contact'
        onChange={(contact) => set({ contact })}
      />
      {draft.contact === 'named' && (
        <View>
          <TextField
            label='姓名'
            value={draft.name}
            maxlength={30}
            placeholder='您的姓名'
            error={errors['contact.name']}
            field='contact.name'
            onInput={(name) => set({ name })}
          />
          <TextField
            label='手机号'
            hint='11 位手机号，只用于处理部门联系您'
            type='number'
            value={draft.phone}
            maxlength={11}
            placeholder='例如 13800000000'
            error={errors['contact.phone']}
            field='contact.phone'
            onInput={(phone) => set({ phone })}
          />
        </View>
      )}
      <View className='yg-rf__privacy' ariaRole='note'>
        <Text className='yg-rf__privacy-title'>谁能看到什么</Text>
        <Text className='yg-rf__privacy-text'>{PRIVACY_LINE}</Text>
        {IS_WEAPP && <Text className='yg-rf__privacy-text'>提交时会询问是否接收办理进度通知，可以拒绝。</Text>}
      </View>

      <Text className='yg-rf__q yg-rf__q--review'>核对后提交</Text>
      <View className='yg-rf__review'>
        <Row label='问题' value={draft.category ? COMPLAINT_CATEGORY_LABEL[draft.category] : '未选择'} onEdit={() => goTo(0)} />
        <Row
          label='机构'
          value={draft.notListed ? `${draft.place.name}（不在名单上）\n${draft.place.address}` : draft.institution?.name ?? '未选择'}
          onEdit={() => goTo(1)}
        />
        <Row label='发生日期' value={draft.happenedOn} onEdit={() => goTo(2)} />
        <Row label='经过' value={draft.description.trim() || '未填写'} onEdit={() => goTo(2)} />
        {draft.category === 'prepaid_fees' && <Row label='预收费' value={prepaidSummary(draft)} onEdit={() => goTo(2)} />}
        <Row label='证据' value={evidenceSummary(draft)} onEdit={() => goTo(3)} />
      </View>
    </View>
  )
}

function Row({ label, value, onEdit }: { label: string; value: string; onEdit: () => void }) {
  return (
    <View className='yg-rf__review-row'>
      <View className='yg-rf__review-head'>
        <Text className='yg-rf__review-label'>{label}</Text>
        <View className='yg-rf__review-edit' ariaRole='button' ariaLabel={`修改${label}`} onClick={onEdit}>
          <Text>修改</Text>
        </View>
      </View>
      <Text className='yg-rf__review-value'>{value}</Text>
    </View>
  )
}

function prepaidSummary(d: StepProps['draft']): string {
  const p = d.prepaid
  const parts = [p.amount && `${p.amount} 元`, p.hours && `${p.hours} 课时`, p.months && `${p.months} 个月`].filter(Boolean)
  parts.push(p.escrow === 'escrow' ? '交到监管专户' : p.escrow === 'other' ? '交到个人或其他账户' : '不清楚交到哪里')
  if (p.loan) parts.push('让办培训贷或分期')
  return parts.join('，')
}

function evidenceSummary(d: StepProps['draft']): string {
  const images = d.evidence.filter((e) => e.kind === 'image' && e.status === 'done').length
  const videos = d.evidence.filter((e) => e.kind === 'video' && e.status === 'done').length
  if (!images && !videos) return '没有上传'
  return [images && `${images} 张照片`, videos && `${videos} 段视频`].filter(Boolean).join('、')
}
