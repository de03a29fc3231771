import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { fieldId, useFocusedField } from '@/hooks/useFirstErrorFocus'
import { useInstitutionSearch } from '@/hooks/useInstitutionSearch'
import { currentPosition } from '@/utils/location'
import { InstitutionListItem, Loading } from '@/components'
import { Choice, FieldError, TextField } from '@/components/Fields'
import type { StepProps } from './types'

export default function WhoStep({ draft, set, errors }: StepProps) {
  return (
    <View>
      <Text className='yg-rf__q'>举报哪家机构？</Text>
      <Choice<'listed' | 'unlisted'>
        row
        options={[
          { value: 'listed', label: '从名单中选择' },
          { value: 'unlisted', label: '不在名单上' },
        ]}
        value={draft.notListed ? 'unlisted' : 'listed'}
        onChange={(v) => set({ notListed: v === 'unlisted' })}
      />
      {draft.notListed ? <Unlisted draft={draft} set={set} errors={errors} /> : <Listed draft={draft} set={set} errors={errors} />}
    </View>
  )
}

function Listed({ draft, set, errors }: StepProps) {
  const [q, setQ] = useState('')
  const search = useInstitutionSearch(q)
  const focus = useFocusedField('institutionId')

  if (draft.institution) {
    return (
      <View className='yg-rform__field'>
        <Text className='yg-rform__label'>已选择的机构</Text>
        <View className='yg-rf__picked' ariaRole='status'>
          <Text className='yg-rf__picked-name'>{draft.institution.name}</Text>
          <View className='yg-rf__link' ariaRole='button' onClick={() => set({ institution: undefined })}>
            <Text>更换</Text>
          </View>
        </View>
      </View>
    )
  }
  return (
    <View className='yg-rform__field' id={fieldId('institutionId')}>
      <Text className='yg-rform__label'>搜索机构</Text>
      <Text className='yg-rform__hint'>输入名称、拼音首字母或统一社会信用代码</Text>
      <Input
        focus={focus}
        className={`yg-rform__input${errors.institutionId ? ' yg-rform__input--error' : ''}`}
        value={q}
        maxlength={50}
        confirmType='search'
        placeholder='例如：星火美术'
        placeholderClass='yg-rform__placeholder'
        ariaLabel='搜索机构'
        onInput={(e) => setQ(e.detail.value)}
      />
      <FieldError message={errors.institutionId} />
      {search.state === 'loading' && <Loading text='搜索中' />}
      {search.state === 'error' && <Text className='yg-rf__note yg-rf__note--error'>{search.message}</Text>}
      {search.state === 'done' && search.items.length === 0 && (
        <View className='yg-rf__none'>
          <Text className='yg-rf__note'>名单上没有找到“{q.trim()}”。无证机构通常不在名单上：</Text>
          <View className='yg-rf__link' ariaRole='button' onClick={() => set({ notListed: true, place: { ...draft.place, name: draft.place.name || q.trim() } })}>
            <Text>按“不在名单上”填写</Text>
          </View>
        </View>
      )}
      {search.state === 'done' && search.items.length > 0 && (
        <View className='yg-rf__results'>
          {search.items.map((item) => (
            <InstitutionListItem key={item.id} item={item} onTap={(i) => set({ institution: { id: i.id, name: i.name } })} />
          ))}
          {search.total > search.items.length && <Text className='yg-rf__note'>共 {search.total} 家，只列出前 {search.items.length} 家；请输入更完整的名称</Text>}
        </View>
      )}
    </View>
  )
}

function Unlisted({ draft, set, errors }: StepProps) {
  const [locating, setLocating] = useState(false)
  const place = draft.place
  async function locate() {
    if (locating) return
    setLocating(true)
    const res = await currentPosition()
    setLocating(false)
    // Built on the newest draft: the name or address may have been typed while the phone was locating.
    if (res.ok) set((d) => ({ place: { ...d.place, lat: Number(res.position.lat.toFixed(6)), lng: Number(res.position.lng.toFixed(6)) } }))
    else Taro.showToast({ title: res.reason === 'denied' ? '没有定位权限，可以只填地址' : '没能获取位置，可以只填地址', icon: 'none' })
  }
  // WeChat's own map picker: for a report made away from the place. H5 has no map service configured, so only the
  // current location is offered there.
  async function pickOnMap() {
    try {
      const res = await Taro.chooseLocation(place.lat !== undefined && place.lng !== undefined ? { latitude: place.lat, longitude: place.lng } : {})
      set({
        place: {
          ...place,
          lat: Number(res.latitude.toFixed(6)),
          lng: Number(res.longitude.toFixed(6)),
          // The picked point's address helps only when the person has not written one yet.
          address: place.address || [res.address, res.name].filter(Boolean).join(' ').slice(0, 120),
        },
      })
    } catch {
      // Closing the map without choosing is not an error.
    }
  }
  return (
    <View>
      <TextField
        label='招牌上的名称'
        hint='照招牌、宣传单或收款名称写；没有招牌就写大家怎么称呼它'
        value={place.name}
        maxlength={60}
        placeholder='例如：小天才托管中心'
        error={errors['place.name']}
        field='place.name'
        onInput={(name) => set({ place: { ...place, name } })}
      />
      <TextField
        label='地址'
        hint='写到楼栋、门牌或楼层，处理部门据此上门核查'
        value={place.address}
        maxlength={120}
        placeholder='例如：思明区莲前东路100号2楼'
        error={errors['place.address']}
        field='place.address'
        onInput={(address) => set({ place: { ...place, address } })}
      />
      <View className='yg-rform__field'>
        <Text className='yg-rform__label'>位置（可选）</Text>
        <Text className='yg-rform__hint'>
          {process.env.TARO_ENV === 'weapp' ? '在现场就记录当前位置，不在现场可以在地图上选点' : '如果您就在现场，可以记录当前位置'}
          ；能帮处理部门更快找到，只有处理部门能看到。
        </Text>
        {place.lat !== undefined && place.lng !== undefined ? (
          <View className='yg-rf__picked'>
            <Text className='yg-rf__picked-name'>
              已记录位置：<Text className='yg-rf__coords'>{place.lat.toFixed(4)}, {place.lng.toFixed(4)}</Text>
            </Text>
            <View className='yg-rf__link' ariaRole='button' onClick={() => set({ place: { name: place.name, address: place.address } })}>
              <Text>不用位置</Text>
            </View>
          </View>
        ) : (
          <View>
            <View className='yg-rf__locate' ariaRole='button' onClick={() => void locate()}>
              <Text>{locating ? '正在获取位置…' : '记录我的当前位置'}</Text>
            </View>
            {process.env.TARO_ENV === 'weapp' && (
              <View className='yg-rf__locate' ariaRole='button' onClick={() => void pickOnMap()}>
                <Text>在地图上选点</Text>
              </View>
            )}
          </View>
        )}
      </View>
    </View>
  )
}
