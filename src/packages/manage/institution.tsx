// 机构状态: find an institution, see where it stands, and change its status as the machine allows, on a notice.
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import * as institutions from '@/api/institutions'
import type { Account, Institution } from '@/domain/api'
import { can } from '@/domain/access'
import { CATEGORY_DEPARTMENT, CATEGORY_LABEL, DISTRICT_LABEL } from '@/domain/catalog'
import { Button, EmptyState, ErrorState, Loading, StatusBadge } from '@/components'
import { useRecord } from '@/hooks/useRecord'
import { ROUTES } from '@/utils/routes'
import InstitutionFinder from '@/components/InstitutionFinder'
import ManageFrame from './ManageFrame'
import StatusChange from './StatusChange'

export default function InstitutionStatusPage() {
  const { params } = useRouter()
  return (
    <ManageFrame action='setInstitutionStatus' title='机构状态'>
      {(account) => <StatusDesk account={account} initialId={decodeURIComponent(params.id ?? '')} />}
    </ManageFrame>
  )
}

function StatusDesk({ account, initialId }: { account: Account; initialId: string }) {
  const [id, setId] = useState(initialId)
  const [changed, setChanged] = useState<Institution | null>(null)
  const [state, reload] = useRecord(id, institutions.get)

  if (!id) return <InstitutionFinder label='查找机构' onPick={(item) => setId(item.id)} />
  const pickAnother = (
    <Button variant='secondary' onClick={() => (setId(''), setChanged(null))}>
      查找其他机构
    </Button>
  )
  if (state.kind === 'loading') return <Loading block />
  if (state.kind === 'error') return <ErrorState error={state.error} onRetry={reload} />
  if (state.kind === 'missing') {
    return (
      <EmptyState mark='?' title='没有找到这家机构' lines={['机构可能已从名录中移除，或链接有误。']}>
        {pickAnother}
      </EmptyState>
    )
  }
  const inst = changed ?? state.data
  const mayChange = can(account, 'institution.setStatus', { department: CATEGORY_DEPARTMENT[inst.category], district: inst.district })
  return (
    <View className='yg-manage__split'>
      <View className='yg-manage__aside'>
        <View className='yg-manage__card yg-istatus' ariaRole='region' ariaLabel='当前状态'>
          <Text className='yg-istatus__name'>{inst.name}</Text>
          <Text className='yg-manage__note'>
            {CATEGORY_LABEL[inst.category]} · {DISTRICT_LABEL[inst.district]} · {inst.departmentName}
          </Text>
          <View className='yg-istatus__now'>
            <Text className='yg-istatus__label'>当前状态</Text>
            <StatusBadge status={inst.status} long />
          </View>
          <Text className='yg-manage__note'>数据截至 {inst.statusAsOf}</Text>
          {changed && (
            <View className='yg-manage__done' ariaRole='status'>
              <Text>状态已变更。家长现在查看详情页或核验时，看到的就是新的状态。</Text>
            </View>
          )}
        </View>
        <View className='yg-manage__actions'>
          <Button variant='secondary' onClick={() => void Taro.navigateTo({ url: ROUTES.institution(inst.id) })}>
            查看公开详情页
          </Button>
          {pickAnother}
        </View>
      </View>
      <View>
        {!mayChange && <Text className='yg-manage__problem'>这家机构不在您的管辖范围内（由{inst.departmentName}审批），不能变更它的状态。</Text>}
        {mayChange && !changed && <StatusChange institution={inst} onChanged={setChanged} />}
      </View>
    </View>
  )
}
