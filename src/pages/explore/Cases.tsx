import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { DISTRICTS, DISTRICT_LABEL } from '@/domain/catalog'
import { chinaYear } from '@/domain/chinaDate'
import { VIOLATION_LABEL, VIOLATION_TYPES } from '@/domain/content'
import { Button, CaseCard, EmptyState, ErrorState, Loading, LoadMore, PickerChip } from '@/components'
import { ROUTES } from '@/utils/routes'
import type { useCases } from './useCases'

/** Cases are published from the year 双减 began; the newest year first. */
const FIRST_YEAR = 2021
const THIS_YEAR = chinaYear()
const YEARS = Array.from({ length: Math.max(1, THIS_YEAR - FIRST_YEAR + 1) }, (_, i) => THIS_YEAR - i)

export default function Cases({ board }: { board: ReturnType<typeof useCases> }) {
  const { filters, setFilters } = board
  return (
    <View className='yg-cases'>
      <Text className='yg-explore__lead'>各主管部门依法查处并公开的违规案例。点开可看事实、处理结果和原始通报。</Text>
      <View className='yg-cases__filters'>
        <PickerChip name='区域' all='全部区域' values={DISTRICTS} label={(d) => DISTRICT_LABEL[d]} value={filters.district} onChange={(district) => setFilters({ ...filters, district })} />
        <PickerChip name='违规类型' all='全部类型' values={VIOLATION_TYPES} label={(t) => VIOLATION_LABEL[t]} value={filters.type} onChange={(type) => setFilters({ ...filters, type })} />
        <PickerChip name='年份' all='全部年份' values={YEARS} label={(y) => `${y}年`} value={filters.year} onChange={(year) => setFilters({ ...filters, year })} />
      </View>
      <CaseList board={board} />
    </View>
  )
}

function CaseList({ board }: { board: ReturnType<typeof useCases> }) {
  const { phase, items, total, filters, more } = board
  const filtered = Boolean(filters.district || filters.type || filters.year)
  if (phase.kind === 'idle' || phase.kind === 'loading') return <Loading block />
  if (phase.kind === 'error') return <ErrorState error={phase.error} onRetry={board.retry} />
  if (items.length === 0) {
    return (
      <EmptyState
        mark='?'
        title={filtered ? '没有符合条件的公开案例' : '暂时没有公开的违规案例'}
        lines={filtered ? ['可以换个区域、类型或年份再看看。'] : ['各部门公布案例后会出现在这里。']}
      >
        {filtered && (
          <Button variant='plain' onClick={() => board.setFilters({})}>
            清除筛选条件
          </Button>
        )}
      </EmptyState>
    )
  }
  return (
    <View>
      <View className='yg-explore__count' ariaRole='status'>
        <Text>
          {filtered
            ? `找到 ${total} 条案例：${[
                filters.district && DISTRICT_LABEL[filters.district],
                filters.type && VIOLATION_LABEL[filters.type],
                filters.year && `${filters.year}年`,
              ]
                .filter(Boolean)
                .join(' · ')}`
            : `共公开 ${total} 条案例，按公布日期由近及远`}
        </Text>
      </View>
      <View className='yg-cases__list'>
        {items.map((item) => (
          <CaseCard key={item.id} item={item} onTap={(c) => Taro.navigateTo({ url: ROUTES.case(c.id) })} />
        ))}
      </View>
      <LoadMore state={more} onRetry={board.loadMore} />
    </View>
  )
}
