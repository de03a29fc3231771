import { View, Text } from '@tarojs/components'
import { DEPARTMENT_LABEL, DEPARTMENTS, DISTRICT_LABEL, DISTRICTS } from '@/domain/catalog'
import { VIOLATION_LABEL, VIOLATION_TYPES } from '@/domain/content'
import { CASE_TEXT_LABEL } from '@/domain/staffRecords'
import { AreaField, DateField, TextField } from '@/components/Fields'
import Chips from './Chips'
import InstitutionFinder, { Picked } from '@/components/InstitutionFinder'
import NoticeFields from './NoticeFields'
import type { CaseDraft, FieldErrors } from './validate'

const DISTRICT_OPTIONS = DISTRICTS.map((d) => ({ value: d, label: DISTRICT_LABEL[d] }))
const TYPE_OPTIONS = VIOLATION_TYPES.map((t) => ({ value: t, label: VIOLATION_LABEL[t] }))
const DEPARTMENT_OPTIONS = DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABEL[d] }))

interface Props {
  draft: CaseDraft
  set: (patch: Partial<CaseDraft>) => void
  errors: FieldErrors
  today: string
  asAdmin: boolean
}

/** The case board's fields, in the order a case reads: who, where, what, when, what was done, on which notice. */
export default function CaseForm({ draft, set, errors, today, asAdmin }: Props) {
  return (
    <View>
      <View className='yg-manage__card' ariaRole='group' ariaLabel='案例内容'>
        <Text className='yg-manage__card-title'>案例内容</Text>
        <Text className='yg-manage__note'>这里填写的内容会向公众公开：请勿写入举报人的姓名、电话、身份证号或举报编号。</Text>
        <TextField label={CASE_TEXT_LABEL.entityName} hint='违规机构或经营者的名称，与营业执照或招牌一致' value={draft.entityName} maxlength={100} error={errors.entityName} field='entityName' onInput={(entityName) => set({ entityName })} />
        {draft.institution ? (
          <Picked label='关联的名单机构' name={draft.institution.name} onClear={() => set({ institution: undefined })} />
        ) : (
          <InstitutionFinder
            label='关联名单上的机构（选填）'
            hint='关联后，案例会出现在该机构的详情页上；无证机构不用关联'
            error={errors.institutionId}
            onPick={(i) => set({ institution: { id: i.id, name: i.name, category: i.category }, district: i.district, entityName: draft.entityName.trim() ? draft.entityName : i.name })}
          />
        )}
        <Chips label='所在区' columns={3} options={DISTRICT_OPTIONS} value={draft.district} error={errors.district} field='district' onChange={(district) => set({ district })} />
        <Chips label='违规类型' columns={1} options={TYPE_OPTIONS} value={draft.type} error={errors.type} field='type' onChange={(type) => set({ type })} />
        <DateField label='处理日期' hint='作出处理决定的日期' value={draft.date} end={today} error={errors.date} field='date' onChange={(date) => set({ date })} />
        <AreaField label={CASE_TEXT_LABEL.facts} hint='写清时间、地点和违规行为，不写个人信息' value={draft.facts} min={10} max={2000} error={errors.facts} field='facts' onInput={(facts) => set({ facts })} />
        <AreaField label={CASE_TEXT_LABEL.outcome} hint='例如：责令停止违规培训，退还预收费用' value={draft.outcome} min={4} max={1000} short error={errors.outcome} field='outcome' onInput={(outcome) => set({ outcome })} />
        {asAdmin && <Chips label='发布部门' hint='管理员发布时须选择以哪个部门的名义公开' columns={2} options={DEPARTMENT_OPTIONS} value={draft.department} error={errors.department} field='department' onChange={(department) => set({ department })} />}
      </View>
      <NoticeFields of='本案例' value={draft.notice} today={today} errors={errors} onChange={(notice) => set({ notice })} />
    </View>
  )
}
