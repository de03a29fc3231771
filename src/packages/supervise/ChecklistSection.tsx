import { View, Text } from '@tarojs/components'
import { AreaField, Choice, FieldError } from '@/components/Fields'
import { fieldId } from '@/hooks/useFirstErrorFocus'
import { CHECKLIST_ITEMS, CHECKLIST_LABEL, type ChecklistItem } from '@/domain/checklist'
import { CHECK_RESULTS, CHECK_RESULT_LABEL, type CheckResult } from '@/domain/observations'
import type { ObservationDraft } from './observationDraft'

interface Props {
  draft: ObservationDraft
  errors: Record<string, string>
  /** The campaign's focus items: asked first, and marked. */
  focus: ChecklistItem[]
  campaignName?: string
  set: (patch: (d: ObservationDraft) => Partial<ObservationDraft>) => void
}

const OPTIONS = CHECK_RESULTS.map((value) => ({ value, label: CHECK_RESULT_LABEL[value] }))

/** Each item 符合 / 不符合 / 未检查 (the default), with a note required under 不符合. */
export default function ChecklistSection({ draft, errors, focus, campaignName, set }: Props) {
  const items = [...focus, ...CHECKLIST_ITEMS.filter((i) => !focus.includes(i))]
  return (
    <View className='yg-obs__section' id={fieldId('checklist')}>
      <Text className='yg-obs__heading'>检查清单</Text>
      <Text className='yg-obs__hint'>
        {focus.length ? `“${campaignName ?? '专项行动'}”的重点检查项排在前面。` : ''}没看到的项目保持“未检查”；“不符合”需写明发现的问题。
      </Text>
      <FieldError message={errors.checklist} />
      {items.map((item, k) => (
        <View key={item} className='yg-obs__item'>
          <Choice<CheckResult>
            label={`${k + 1}. ${CHECKLIST_LABEL[item]}${focus.includes(item) ? '（专项重点）' : ''}`}
            row
            options={OPTIONS}
            value={draft.checklist[item] ?? 'na'}
            onChange={(result) => set((d) => ({ checklist: { ...d.checklist, [item]: result } }))}
          />
          {draft.checklist[item] === 'fail' && (
            <AreaField
              label='发现的问题'
              short
              value={draft.itemNotes[item] ?? ''}
              max={500}
              placeholder='例如：晚上八点五十分仍有两个班在上课'
              error={errors[`itemNotes.${item}`]}
              field={`itemNotes.${item}`}
              onInput={(note) => set((d) => ({ itemNotes: { ...d.itemNotes, [item]: note } }))}
            />
          )}
        </View>
      ))}
    </View>
  )
}
