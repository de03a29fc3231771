import { View, Text } from '@tarojs/components'
import { DateField, TextField } from '@/components/Fields'
import type { FieldErrors, NoticeDraft } from './validate'

interface Props {
  /** What the notice is for, in the hint: 本案例, 本次状态变更 … */
  of: string
  value: NoticeDraft
  today: string
  errors: FieldErrors
  onChange: (value: NoticeDraft) => void
}

/** The published notice a change rests on (公告、决定、通报): the public page links to it. */
export default function NoticeFields({ of, value, today, errors, onChange }: Props) {
  const set = (patch: Partial<NoticeDraft>) => onChange({ ...value, ...patch })
  return (
    <View className='yg-manage__card' ariaRole='group' ariaLabel='依据的公告或通报'>
      <Text className='yg-manage__card-title'>依据的公告或通报</Text>
      <Text className='yg-manage__note'>{of}会连同公告标题一起公开；公众可以点开核对原文。</Text>
      <TextField label='公告标题' hint='公告、处理决定或通报的标题' value={value.title} maxlength={300} placeholder='例如：关于对某培训机构违规行为的处理通报' error={errors['notice.title']} field='notice.title' onInput={(title) => set({ title })} />
      <TextField label='发布机关（选填）' value={value.issuer} maxlength={200} placeholder='例如：厦门市文化和旅游局' error={errors['notice.issuer']} field='notice.issuer' onInput={(issuer) => set({ issuer })} />
      <DateField label='公告日期' value={value.date} end={today} error={errors['notice.date']} field='notice.date' onChange={(date) => set({ date })} />
      <TextField label='文号（选填）' value={value.docNo} maxlength={100} placeholder='例如：厦文旅〔2026〕12号' error={errors['notice.docNo']} field='notice.docNo' onInput={(docNo) => set({ docNo })} />
      <TextField label='公告链接（选填）' hint='政府网站上的公告原文页面，以 http:// 或 https:// 开头' value={value.url} maxlength={500} placeholder='https://' error={errors['notice.url']} field='notice.url' onInput={(url) => set({ url })} />
    </View>
  )
}
