import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button, EmptyState, ErrorState, InstitutionListItem, Loading, LoadMore } from '@/components'
import { ROUTES } from '@/utils/routes'
import { openReportForUnlicensed } from '@/utils/prefill'
import { countLabel } from '@/domain/query'
import type { useSearch } from './useSearch'

interface Props {
  search: ReturnType<typeof useSearch>
  nearby: boolean
}

export default function Results({ search, nearby }: Props) {
  const { phase, items, total, totalCapped, submitted, filters, more } = search
  const filtered = Boolean(filters.district || filters.category || filters.status)

  if (phase.kind === 'loading') return <Loading block />
  if (phase.kind === 'error') return <ErrorState error={phase.error} onRetry={search.retry} />

  if (items.length === 0) {
    return (
      <EmptyState
        mark='?'
        title={submitted ? `没有找到与“${submitted}”相关的机构` : '没有符合筛选条件的机构'}
        lines={
          submitted
            ? ['请检查名称是否有错别字，或核对统一社会信用代码、办学许可证号是否输全。', '正在招生却查不到的机构，可能未经审批。']
            : ['可以换个区域、类别或状态再看看。']
        }
      >
        <Button danger variant='secondary' onClick={openReportForUnlicensed}>
          举报无证培训
        </Button>
        {filtered && (
          <View className='yg-home__gap'>
            <Button variant='plain' onClick={() => search.setFilters({})}>
              清除筛选条件
            </Button>
          </View>
        )}
      </EmptyState>
    )
  }

  return (
    <View className='yg-home__results'>
      <View className='yg-home__count' ariaRole='status'>
        <Text>
          {submitted || filtered ? `找到 ${countLabel(total, totalCapped)} 家机构` : `共收录 ${countLabel(total, totalCapped)} 家机构`}
          {nearby ? '，离您由近及远' : ''}
        </Text>
      </View>
      <View className='yg-home__list'>
        {items.map((item) => (
          <InstitutionListItem key={item.id} item={item} onTap={(it) => Taro.navigateTo({ url: ROUTES.institution(it.id) })} />
        ))}
      </View>
      <LoadMore state={more} onRetry={search.loadMore} />
    </View>
  )
}
