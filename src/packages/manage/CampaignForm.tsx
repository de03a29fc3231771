// A 专项行动's name, dates, districts and the checklist items supervisors focus on during it.
import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import * as staffAdmin from '@/api/staffAdmin'
import type { Account } from '@/domain/api'
import { DISTRICT_LABEL, DISTRICTS } from '@/domain/catalog'
import { CHECKLIST_ITEMS, CHECKLIST_LABEL } from '@/domain/checklist'
import type { Campaign } from '@/domain/staff'
import { Button } from '@/components'
import { DateField, TextField } from '@/components/Fields'
import { FocusedField } from '@/hooks/useFirstErrorFocus'
import Chips from './Chips'
import { useForm } from './useForm'
import { campaignProblems, toCampaignInput, type CampaignDraft } from './validate'

const FOCUS_OPTIONS = CHECKLIST_ITEMS.map((i) => ({ value: i, label: CHECKLIST_LABEL[i] }))

interface Props {
  account: Account
  /** The campaign being edited; a new one starts empty. */
  editing?: Campaign
  start: string
  onSaved: (campaign: Campaign) => void
  onCancel: () => void
}

export default function CampaignForm({ account, editing, start, onSaved, onCancel }: Props) {
  const districts = account.district ? [account.district] : DISTRICTS
  const [draft, setDraft] = useState<CampaignDraft>(() =>
    editing
      ? { id: editing.id, name: editing.name, startsOn: editing.startsOn, endsOn: editing.endsOn, districts: [...editing.districts], focus: [...editing.focus] }
      : { name: '', startsOn: start, endsOn: '', districts: account.district ? [account.district] : [], focus: [] },
  )
  const [busy, setBusy] = useState(false)
  const form = useForm()
  const set = (patch: Partial<CampaignDraft>) => setDraft((d) => ({ ...d, ...patch }))
  // Opened from further down the list: bring the form to the person.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => form.focus('name'), [])

  async function save() {
    if (!form.passes(campaignProblems(draft))) return
    setBusy(true)
    const res = await staffAdmin.saveCampaign(toCampaignInput(draft))
    setBusy(false)
    if (!res.ok) return form.refused(res.error)
    onSaved(res.data)
  }

  return (
    <FocusedField.Provider value={form.focused}>
      <View className='yg-manage__card' ariaRole='region' ariaLabel={editing ? '修改专项行动' : '新建专项行动'}>
        <Text className='yg-manage__card-title'>{editing ? '修改专项行动' : '新建专项行动'}</Text>
        <TextField label='行动名称' value={draft.name} maxlength={60} placeholder='例如：寒假校外培训专项检查' error={form.errors.name} field='name' onInput={(name) => set({ name })} />
        <DateField label='开始日期' value={draft.startsOn} error={form.errors.startsOn} field='startsOn' onChange={(startsOn) => set({ startsOn })} />
        <DateField label='结束日期' value={draft.endsOn} start={draft.startsOn || undefined} end='2099-12-31' error={form.errors.endsOn} field='endsOn' onChange={(endsOn) => set({ endsOn })} />
        <Chips multi label='涉及的区' hint='可多选' columns={3} options={districts.map((d) => ({ value: d, label: DISTRICT_LABEL[d] }))} value={draft.districts} error={form.errors.districts} field='districts' onChange={(v) => set({ districts: v })} />
        <Chips multi label='检查重点' hint='监督员巡查时会优先看到这些项目；可多选' columns={1} options={FOCUS_OPTIONS} value={draft.focus} error={form.errors.focus} field='focus' onChange={(v) => set({ focus: v })} />
        {form.problem && (
          <View className='yg-manage__problem' ariaRole='alert'>
            <Text>{form.problem}</Text>
          </View>
        )}
        <View className='yg-manage__actions'>
          <Button loading={busy} onClick={() => void save()}>
            保存
          </Button>
          <Button variant='secondary' onClick={onCancel}>
            取消
          </Button>
        </View>
      </View>
    </FocusedField.Provider>
  )
}
