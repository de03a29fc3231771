import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import * as institutions from '@/api/institutions'
import { useRecord } from '@/hooks/useRecord'
import type { Institution } from '@/domain/api'
import { Button, EmptyState, ErrorState, InstitutionVerdict, Loading, PageFrame, PaymentAdvice } from '@/components'
import { ROUTES } from '@/utils/routes'
import Sections from './Sections'
import Actions from './Actions'
import { openReportFor } from '@/utils/prefill'
import './index.scss'

export default function InstitutionPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const [state, load] = useRecord(id, institutions.get, (inst) => Taro.setNavigationBarTitle({ title: inst.name.length > 12 ? '机构详情' : inst.name }))

  return (
    <PageFrame className='yg-detail'>
      {state.kind === 'loading' && <Loading block />}
      {state.kind === 'error' && <ErrorState error={state.error} onRetry={load} />}
      {state.kind === 'missing' && (
        <EmptyState mark='?' title='没有找到这家机构' lines={['链接可能已失效，或机构信息已调整。', '可以回到查机构页重新搜索。']}>
          <Button onClick={() => Taro.switchTab({ url: ROUTES.search })}>去查机构</Button>
        </EmptyState>
      )}
      {state.kind === 'ready' && (
        <View>
          <View className='yg-detail__verdict'>
            <InstitutionVerdict institution={state.data} />
          </View>
          <View className='yg-detail__advice'>
            <PaymentAdvice verdict={state.data.status} onReport={() => openReportFor(state.data)} />
          </View>
          <Sections institution={state.data} />
          <Actions institution={state.data} />
        </View>
      )}
    </PageFrame>
  )
}
