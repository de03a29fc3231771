// The inbox's search (ticket number or institution) and filters: category, district (city staff only — district
// staff see their own district anyway) and 只看超期.
import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import { PickerChip } from '@/components'
import { aria } from '@/components/a11y'
import { DISTRICT_LABEL, DISTRICTS } from '@/domain/catalog'
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABEL } from '@/domain/complaints'
import type { InboxFilters as Filters } from './useInbox'
import './InboxFilters.scss'

interface Props {
  filters: Filters
  /** How many open tickets are overdue, in words (a capped count reads 1000+). */
  overdue: string
  showDistrict: boolean
  set: <K extends keyof Filters>(key: K, value: Filters[K]) => void
}

export default function InboxFilters({ filters, overdue, showDistrict, set }: Props) {
  const [q, setQ] = useState(filters.q ?? '')
  const search = () => set('q', q.trim() || undefined)
  return (
    <View className='yg-ifilters'>
      <View className='yg-ifilters__search' ariaRole='search'>
        <Input
          className='yg-ifilters__input'
          type='text'
          confirmType='search'
          value={q}
          maxlength={50}
          placeholder='举报编号或机构名称'
          placeholderClass='yg-ifilters__placeholder'
          ariaLabel='搜索举报编号或机构名称'
          onInput={(e) => setQ(e.detail.value)}
          onConfirm={search}
        />
        <View className='yg-ifilters__go' ariaRole='button' onClick={search}>
          <Text>搜索</Text>
        </View>
      </View>
      <View className='yg-ifilters__chips'>
        <PickerChip
          name='问题类别'
          all='全部类别'
          values={COMPLAINT_CATEGORIES}
          label={(c) => COMPLAINT_CATEGORY_LABEL[c]}
          value={filters.category}
          onChange={(c) => set('category', c)}
        />
        {showDistrict && (
          <PickerChip name='区域' all='全部区域' values={DISTRICTS} label={(d) => DISTRICT_LABEL[d]} value={filters.district} onChange={(d) => set('district', d)} />
        )}
        <View
          className={`yg-ifilters__overdue${filters.overdue ? ' yg-ifilters__overdue--on' : ''}`}
          ariaRole='switch'
          {...aria({ checked: !!filters.overdue })}
          onClick={() => set('overdue', filters.overdue ? undefined : true)}
        >
          <View className='yg-ifilters__box'>{filters.overdue && <Text>✓</Text>}</View>
          <Text className='yg-ifilters__overdue-text'>只看超期（{overdue}）</Text>
        </View>
      </View>
    </View>
  )
}
