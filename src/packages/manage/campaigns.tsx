// 专项行动: the campaigns in the account's area, and a form to create or change one.
import { useCallback, useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import * as staffAdmin from '@/api/staffAdmin'
import type { ClientError } from '@/api/transport'
import type { Account } from '@/domain/api'
import { DISTRICT_LABEL } from '@/domain/catalog'
import { CHECKLIST_LABEL } from '@/domain/checklist'
import { chinaToday } from '@/domain/chinaDate'
import type { Campaign } from '@/domain/staff'
import { Button, EmptyState, ErrorState, Loading } from '@/components'
import CampaignForm from './CampaignForm'
import ManageFrame from './ManageFrame'
import './campaigns.scss'

export default function CampaignsPage() {
  return (
    <ManageFrame action='campaigns' title='专项行动'>
      {(account) => <CampaignDesk account={account} />}
    </ManageFrame>
  )
}

type Load = { kind: 'loading' } | { kind: 'error'; error: ClientError } | { kind: 'ready'; items: Campaign[] }

function CampaignDesk({ account }: { account: Account }) {
  const today = chinaToday()
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  /** null: no form; 'new'; or the campaign being changed. */
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null)
  const [saved, setSaved] = useState('')
  const reload = useCallback(() => {
    staffAdmin.campaigns().then((res) => setLoad(res.ok ? { kind: 'ready', items: res.data.items } : { kind: 'error', error: res.error }))
  }, [])
  useEffect(reload, [reload])

  const state = (c: Campaign) => (c.endsOn < today ? '已结束' : c.startsOn > today ? '未开始' : '进行中')

  return (
    <View className='yg-manage__split'>
      <View className='yg-manage__aside yg-manage__col-2'>
        {editing && (
          <CampaignForm
            key={editing === 'new' ? 'new' : editing.id}
            account={account}
            editing={editing === 'new' ? undefined : editing}
            start={today}
            onSaved={(c) => {
              setEditing(null)
              setSaved(c.name)
              reload()
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </View>
      <View className='yg-manage__col-1'>
        {saved && (
          <View className='yg-manage__done' ariaRole='status'>
            <Text>已保存“{saved}”。</Text>
          </View>
        )}
        {!editing && (
          <View className='yg-manage__actions'>
            <Button onClick={() => (setEditing('new'), setSaved(''))}>新建专项行动</Button>
          </View>
        )}
        {load.kind === 'loading' && <Loading block />}
        {load.kind === 'error' && <ErrorState error={load.error} onRetry={reload} />}
        {load.kind === 'ready' && load.items.length === 0 && <EmptyState title='还没有专项行动' lines={['新建后，监督员巡查时会看到行动的检查重点。']} />}
        {load.kind === 'ready' &&
          load.items.map((c) => (
            <View key={c.id} className='yg-campaign' ariaRole='group' ariaLabel={c.name}>
              <View className='yg-campaign__top'>
                <Text className='yg-campaign__name'>{c.name}</Text>
                <Text className='yg-campaign__state'>{state(c)}</Text>
              </View>
              <Text className='yg-campaign__line'>
                {c.startsOn} 至 {c.endsOn} · {c.districts.map((d) => DISTRICT_LABEL[d]).join('、')}
              </Text>
              <Text className='yg-campaign__line'>检查重点：{c.focus.map((f) => CHECKLIST_LABEL[f]).join('；')}</Text>
              <View className='yg-campaign__edit'>
                <Button variant='secondary' inline label={`修改，${c.name}`} onClick={() => (setEditing(c), setSaved(''))}>
                  修改
                </Button>
              </View>
            </View>
          ))}
      </View>
    </View>
  )
}
