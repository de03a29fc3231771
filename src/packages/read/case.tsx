import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import * as content from '@/api/content'
import type { CaseDetail } from '@/api/content'
import { useRecord } from '@/hooks/useRecord'
import { CATEGORY_LABEL, DISTRICT_LABEL } from '@/domain/catalog'
import { VIOLATION_LABEL } from '@/domain/content'
import { Button, EmptyState, ErrorState, Field, Loading, NoticeLink, PageFrame, Section, StatusBadge } from '@/components'
import { formatDate } from '@/utils/format'
import { ROUTES } from '@/utils/routes'
import './read.scss'

export default function CasePage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const [state, load] = useRecord(id, content.caseDetail)

  return (
    <PageFrame className='yg-read'>
      {state.kind === 'loading' && <Loading block />}
      {state.kind === 'error' && <ErrorState error={state.error} onRetry={load} />}
      {state.kind === 'missing' && (
        <EmptyState mark='?' title='没有找到这条案例' lines={['案例可能已撤下或链接有误，可以回到违规曝光列表看看。']}>
          <Button onClick={() => Taro.switchTab({ url: ROUTES.explore })}>查看违规曝光</Button>
        </EmptyState>
      )}
      {state.kind === 'ready' && <CaseView item={state.data} />}
    </PageFrame>
  )
}

function CaseView({ item }: { item: CaseDetail }) {
  const inst = item.institution
  return (
    <View>
      <View className='yg-read__case-head'>
        <View className='yg-read__case-type'>
          <Text>{VIOLATION_LABEL[item.type]}</Text>
        </View>
        {inst ? (
          <View
            className='yg-read__entity yg-read__entity--link'
            hoverClass='yg-read__entity--pressed'
            ariaRole='link'
            onClick={() => Taro.navigateTo({ url: ROUTES.institution(inst.id) })}
          >
            <Text className='yg-read__entity-name'>{item.entityName}</Text>
            <View className='yg-read__entity-row'>
              <StatusBadge status={inst.status} />
              <Text className='yg-read__entity-more'>查看机构详情</Text>
              <View className='yg-read__chevron' />
            </View>
          </View>
        ) : (
          <View className='yg-read__entity'>
            <Text className='yg-read__entity-name'>{item.entityName}</Text>
            <Text className='yg-read__entity-note'>未在机构名录中登记</Text>
          </View>
        )}
        <Text className='yg-read__case-meta'>
          {formatDate(item.date)} 公布 · {DISTRICT_LABEL[item.district]}
          {item.category ? ` · ${CATEGORY_LABEL[item.category]}类` : ''}
        </Text>
      </View>
      <Section title='违规事实'>
        <Text className='yg-read__body'>{item.facts}</Text>
      </Section>
      <Section title='处理结果'>
        <Text className='yg-read__body'>{item.outcome}</Text>
      </Section>
      <Section title='来源'>
        <Field label='处理部门' value={item.department} />
        <Field label='公布日期' value={formatDate(item.date)} />
        <Field label='原始通报' value={<NoticeLink title={item.notice} id={item.noticeId} />} />
      </Section>
    </View>
  )
}
