// 监督员: the scope's supervisors with their kind and visit counts, open invitations, and a new invitation code.
import { useCallback, useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import * as staffAdmin from '@/api/staffAdmin'
import type { ClientError } from '@/api/transport'
import type { Account } from '@/domain/api'
import { DISTRICT_LABEL } from '@/domain/catalog'
import { SUPERVISOR_KIND_LABEL } from '@/domain/checklist'
import { formatChinaDate, formatChinaDateTime } from '@/domain/chinaDate'
import type { InvitationItem } from '@/domain/staff'
import type { SupervisorsAnswer } from '@/domain/staffAdmin'
import { EmptyState, ErrorState, Loading } from '@/components'
import InviteForm from './InviteForm'
import ManageFrame from './ManageFrame'
import Table from './Table'

export default function SupervisorsPage() {
  return (
    <ManageFrame action='supervisors' title='社会监督员'>
      {(account) => <SupervisorsDesk account={account} />}
    </ManageFrame>
  )
}

type Load = { kind: 'loading' } | { kind: 'error'; error: ClientError } | { kind: 'ready'; data: SupervisorsAnswer }

function invitationState(i: InvitationItem, now: string): string {
  if (i.usedAt) return `已使用（${formatChinaDate(i.usedAt)}）`
  return i.expiresAt < now ? '已过期' : '未使用'
}

function SupervisorsDesk({ account }: { account: Account }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const reload = useCallback(() => {
    setLoad((l) => (l.kind === 'ready' ? l : { kind: 'loading' }))
    staffAdmin.supervisors().then((res) => setLoad(res.ok ? { kind: 'ready', data: res.data } : { kind: 'error', error: res.error }))
  }, [])
  useEffect(reload, [reload])
  const now = new Date().toISOString()

  return (
    <View className='yg-manage__split'>
      <View>
        {load.kind === 'loading' && <Loading block />}
        {load.kind === 'error' && <ErrorState error={load.error} onRetry={reload} />}
        {load.kind === 'ready' && (
          <View>
            <View className='yg-manage__card'>
              <Text className='yg-manage__card-title'>监督员（{load.data.items.length} 人）</Text>
              {load.data.items.length === 0 ? (
                <EmptyState title='还没有监督员' lines={['生成邀请码发给监督员，绑定后就会出现在这里。']} />
              ) : (
                <Table
                  caption='监督员及巡查次数'
                  columns={[{ label: '姓名' }, { label: '区' }, { label: '类别' }, { label: '巡查次数', numeric: true }, { label: '最近巡查' }]}
                  rows={load.data.items.map((s) => ({
                    key: s.id,
                    cells: [s.name, DISTRICT_LABEL[s.district], SUPERVISOR_KIND_LABEL[s.kind], String(s.visits), s.lastVisitAt ? formatChinaDate(s.lastVisitAt) : '尚无'],
                  }))}
                />
              )}
            </View>
            <View className='yg-manage__card'>
              <Text className='yg-manage__card-title'>邀请码</Text>
              {load.data.invitations.length === 0 ? (
                <Text className='yg-manage__note'>还没有生成过邀请码。</Text>
              ) : (
                <Table
                  caption='已生成的邀请码'
                  columns={[{ label: '邀请码' }, { label: '区' }, { label: '类别' }, { label: '有效期至' }, { label: '状态' }]}
                  rows={load.data.invitations.map((i) => ({
                    key: i.code,
                    cells: [i.code, DISTRICT_LABEL[i.district], SUPERVISOR_KIND_LABEL[i.kind], formatChinaDateTime(i.expiresAt), invitationState(i, now)],
                  }))}
                />
              )}
            </View>
          </View>
        )}
      </View>
      <View className='yg-manage__aside'>
        <InviteForm account={account} onCreated={reload} />
      </View>
    </View>
  )
}
