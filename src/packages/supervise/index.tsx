import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button, PageFrame } from '@/components'
import { DISTRICT_LABEL, type District } from '@/domain/catalog'
import { useObservationQueue } from '@/hooks/useObservationQueue'
import { SUPERVISE_ROUTES } from '@/utils/routes'
import CampaignList from './CampaignList'
import MyObservations from './MyObservations'
import QueuePanel from './QueuePanel'
import RoundList from './RoundList'
import SupervisorGate from './SupervisorGate'
import { useCampaigns } from './useCampaigns'
import { useSupervisor } from './useSupervisor'
import './supervise.scss'

export default function SuperviseHome() {
  const access = useSupervisor()
  return <PageFrame className='yg-sup'>{access.state === 'in' ? <Workbench district={access.account.district} /> : <SupervisorGate account={access.account} />}</PageFrame>
}

function Workbench({ district }: { district?: District }) {
  const queue = useObservationQueue()
  const [campaigns, reloadCampaigns] = useCampaigns()
  const [refreshKey, setRefreshKey] = useState(0)
  // Each record the server confirms joins 我的巡查: reload it.
  const lastSeen = useRef(queue.last?.requestId)
  useEffect(() => {
    if (queue.last && queue.last.requestId !== lastSeen.current) {
      lastSeen.current = queue.last.requestId
      setRefreshKey((k) => k + 1)
    }
  }, [queue.last])
  usePullDownRefresh(() => {
    setRefreshKey((k) => k + 1)
    reloadCampaigns()
    void queue.sync().finally(() => Taro.stopPullDownRefresh())
  })
  return (
    <View>
      <View className='yg-sup__intro'>
        <Text className='yg-sup__intro-title'>{district ? `${DISTRICT_LABEL[district]}监督员` : '监督员'}</Text>
        <Text className='yg-sup__intro-text'>到机构现场签到，逐项检查并拍照，请负责人签字。没有网络也能记录，连网后自动上传。</Text>
        <Button onClick={() => void Taro.navigateTo({ url: SUPERVISE_ROUTES.observe() })}>新建巡查记录</Button>
      </View>
      <QueuePanel queue={queue} />
      <MyObservations refreshKey={refreshKey} />
      <CampaignList state={campaigns} onRetry={reloadCampaigns} />
      <RoundList />
    </View>
  )
}
