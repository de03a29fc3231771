import { useCallback, useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import * as institutions from '@/api/institutions'
import type { ClientError } from '@/api/transport'
import type { Institution } from '@/domain/api'
import { Button, EmptyState, ErrorState, InstitutionVerdict, Loading, PageFrame } from '@/components'
import { ROUTES } from '@/utils/routes'
import Sections from './Sections'
import Actions from './Actions'
import './index.scss'

type State = { kind: 'loading' } | { kind: 'ready'; institution: Institution } | { kind: 'missing' } | { kind: 'error'; error: ClientError }

export default function InstitutionPage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const [state, setState] = useState<State>({ kind: 'loading' })

  const load = useCallback(() => {
    if (!id) {
      setState({ kind: 'missing' })
      return
    }
    setState({ kind: 'loading' })
    institutions.get(id).then((res) => {
      if (res.ok) {
        setState({ kind: 'ready', institution: res.data })
        Taro.setNavigationBarTitle({ title: res.data.name.length > 12 ? '机构详情' : res.data.name })
      } else if (res.error.code === 'not_found' || res.error.code === 'invalid_input') {
        setState({ kind: 'missing' })
      } else {
        setState({ kind: 'error', error: res.error })
      }
    })
  }, [id])

  useEffect(load, [load])

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
            <InstitutionVerdict institution={state.institution} />
          </View>
          <Sections institution={state.institution} />
          <Actions institution={state.institution} />
        </View>
      )}
    </PageFrame>
  )
}
