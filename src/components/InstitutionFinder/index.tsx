// Find an institution in the registry by name, pinyin initials or code (the public search), and pick one. Shared by
// the workbench (cases, institution statuses) and the supervisor's visit form (an institution not on the round).
import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import type { InstitutionListItem as Item } from '@/domain/api'
import InstitutionListItem from '../InstitutionListItem'
import Loading from '../Loading'
import { FieldError } from '../Fields'
import { fieldId, useFocusedField } from '@/hooks/useFirstErrorFocus'
import { useInstitutionSearch } from '@/hooks/useInstitutionSearch'
import './index.scss'

interface Props {
  label: string
  hint?: string
  error?: string
  field?: string
  onPick: (item: Item) => void
}

export default function InstitutionFinder({ label, hint = '输入名称、拼音首字母或统一社会信用代码', error, field = 'institutionId', onPick }: Props) {
  const [q, setQ] = useState('')
  const search = useInstitutionSearch(q)
  const focus = useFocusedField(field)

  return (
    <View className='yg-rform__field yg-finder' id={fieldId(field)}>
      <Text className='yg-rform__label'>{label}</Text>
      {hint && <Text className='yg-rform__hint'>{hint}</Text>}
      <Input
        focus={focus}
        className={`yg-rform__input${error ? ' yg-rform__input--error' : ''}`}
        value={q}
        maxlength={50}
        confirmType='search'
        placeholder='例如：星火美术'
        placeholderClass='yg-rform__placeholder'
        ariaLabel={label}
        onInput={(e) => setQ(e.detail.value)}
      />
      <FieldError message={error} />
      <View className='yg-finder__results' ariaRole='region' ariaLabel='搜索结果'>
        {search.state === 'loading' && <Loading />}
        {search.state === 'error' && <Text className='yg-finder__note yg-finder__note--error'>{search.message}</Text>}
        {search.state === 'done' && search.items.length === 0 && <Text className='yg-finder__note'>没有找到“{q.trim()}”，请检查名称或代码。</Text>}
        {search.state === 'done' &&
          search.items.map((item) => (
            <InstitutionListItem
              key={item.id}
              item={item}
              onTap={(picked) => {
                setQ('')
                onPick(picked)
              }}
            />
          ))}
      </View>
    </View>
  )
}

/** The chosen institution, with a way to choose again. */
export function Picked({ label, name, onClear }: { label: string; name: string; onClear: () => void }) {
  return (
    <View className='yg-rform__field'>
      <Text className='yg-rform__label'>{label}</Text>
      <View className='yg-finder__picked' ariaRole='status'>
        <Text className='yg-finder__picked-name'>{name}</Text>
        <View className='yg-finder__change' ariaRole='button' ariaLabel={`更换，${label}`} onClick={onClear}>
          <Text>更换</Text>
        </View>
      </View>
    </View>
  )
}
