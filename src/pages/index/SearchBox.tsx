import { useState } from 'react'
import { View, Input, Text } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'

interface Props {
  value: string
  onInput: (value: string) => void
  onConfirm: () => void
}

/** The first thing on the page, focused on arrival from the tab. */
export default function SearchBox({ value, onInput, onConfirm }: Props) {
  const [focus, setFocus] = useState(true)
  useDidShow(() => setFocus(true))
  return (
    <View className='yg-search'>
      <View className='yg-search__field'>
        <View className='yg-search__glass' />
        <Input
          className='yg-search__input'
          value={value}
          focus={focus}
          confirmType='search'
          maxlength={50}
          placeholder='机构名称、拼音、信用代码或许可证号'
          placeholderClass='yg-search__placeholder'
          ariaLabel='搜索培训机构'
          onInput={(e) => onInput(e.detail.value)}
          onConfirm={onConfirm}
          onBlur={() => setFocus(false)}
        />
        {value && (
          <View className='yg-search__clear' ariaRole='button' ariaLabel='清空搜索' onClick={() => onInput('')}>
            <Text>×</Text>
          </View>
        )}
      </View>
    </View>
  )
}
