import { View, Text } from '@tarojs/components'
import Taro, { useReachBottom } from '@tarojs/taro'
import { PageFrame } from '@/components'
import { ROUTES } from '@/utils/routes'
import { IS_WEAPP } from '@/utils/platform'
import SearchBox from './SearchBox'
import FilterBar from './FilterBar'
import Results from './Results'
import { useSearch } from './useSearch'
import { useNearby } from './useNearby'
import './index.scss'

export default function IndexPage() {
  const search = useSearch()
  const nearby = useNearby(search.setPosition)
  useReachBottom(search.loadMore)

  return (
    <PageFrame className='yg-home'>
      <View className='yg-home__head'>
        <SearchBox value={search.query} onInput={search.setQuery} onConfirm={search.submit} />
        <View
          className='yg-home__verify'
          hoverClass='yg-home__verify--pressed'
          ariaRole='link'
          onClick={() => Taro.navigateTo({ url: ROUTES.verify })}
        >
          <View className='yg-home__verify-icon'>
            <View className='yg-home__verify-frame' />
          </View>
          <View className='yg-home__verify-text'>
            <Text className='yg-home__verify-title'>扫码 / 输入代码核验</Text>
            <Text className='yg-home__verify-sub'>扫机构公示的二维码，或输入统一社会信用代码、办学许可证号</Text>
          </View>
          <View className='yg-home__chevron' />
        </View>
        <FilterBar
          filters={search.filters}
          onChange={search.setFilters}
          nearby={nearby.on}
          locating={nearby.locating}
          onToggleNearby={nearby.toggle}
        />
        {nearby.notice && (
          <View className='yg-home__notice' ariaRole='alert'>
            <Text>
              {nearby.notice === 'denied'
                ? '没有获得位置权限，仍按相关度排序，其他功能不受影响。'
                : '暂时无法获取位置，仍按相关度排序，可稍后再试。'}
            </Text>
            {nearby.notice === 'denied' && IS_WEAPP && (
              <Text className='yg-home__notice-link' onClick={() => Taro.openSetting()}>
                去设置
              </Text>
            )}
            <Text className='yg-home__notice-link' onClick={nearby.dismiss}>
              知道了
            </Text>
          </View>
        )}
      </View>
      <Results search={search} nearby={nearby.on} />
    </PageFrame>
  )
}
