// The staff view of one ticket, on its own page (phone) or beside the inbox (desk): facts, evidence, the masked
// contact, similar reports, the timeline with internal notes marked, deadlines, and the steps the server offers.
import { useCallback, useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import * as staff from '@/api/staff'
import type { ClientError } from '@/api/transport'
import { EmptyState, ErrorState, Loading, Section, Timeline } from '@/components'
import { can } from '@/domain/access'
import type { Account } from '@/domain/api'
import type { StaffComplaintView } from '@/domain/staff'
import { MANAGE_ROUTES } from '@/utils/routes'
import SimilarReports from './SimilarReports'
import StepActions from './StepActions'
import TicketFacts from './TicketFacts'
import TicketHead from './TicketHead'
import './TicketPanel.scss'

type Load = { state: 'loading' } | { state: 'error'; error: ClientError } | { state: 'ready'; view: StaffComplaintView }

interface Props {
  ticketNo: string
  account: Account
  /** Opens another ticket (a similar report): a page of its own on the phone, the right pane on the desk. */
  onOpen: (ticketNo: string) => void
  /** Told after a step, so the inbox beside it can follow. */
  onChanged?: (view: StaffComplaintView) => void
}

export default function TicketPanel({ ticketNo, account, onOpen, onChanged }: Props) {
  const [load, setLoad] = useState<Load>({ state: 'loading' })
  const fetch = useCallback(async () => {
    setLoad({ state: 'loading' })
    const res = await staff.complaint(ticketNo)
    setLoad(res.ok ? { state: 'ready', view: res.data } : { state: 'error', error: res.error })
  }, [ticketNo])
  useEffect(() => void fetch(), [fetch])

  if (load.state === 'loading') return <Loading block />
  if (load.state === 'error') {
    if (load.error.code === 'not_found' || load.error.code === 'forbidden') {
      return <EmptyState mark='?' title='没有找到这件举报' lines={['它可能已转给其他部门，或不在您的管辖范围内。']} />
    }
    return <ErrorState error={load.error} onRetry={() => void fetch()} />
  }
  const v = load.view
  const mayPublish = can(account, 'case.publish', { department: v.departmentCode, district: v.district })
  return (
    <View className='yg-tpanel'>
      <TicketHead view={v} />
      <TicketFacts view={v} />
      <SimilarReports view={v} onOpen={onOpen} />
      <Section title='办理经过'>
        <Timeline events={v.timeline} viewer='staff' />
      </Section>
      <StepActions
        view={v}
        onChanged={(next) => {
          setLoad({ state: 'ready', view: next })
          onChanged?.(next)
        }}
      />
      {mayPublish && (
        <View className='yg-tpanel__publish' hoverClass='yg-tpanel__publish--pressed' ariaRole='link' onClick={() => Taro.navigateTo({ url: MANAGE_ROUTES.publishCase(v.ticketNo) })}>
          <View className='yg-tpanel__publish-text'>
            <Text className='yg-tpanel__publish-title'>发布为典型案例</Text>
            <Text className='yg-tpanel__publish-hint'>以这件举报的查处结果发布案例，公开内容不含举报人信息</Text>
          </View>
          <View className='yg-tpanel__chevron' />
        </View>
      )}
    </View>
  )
}
