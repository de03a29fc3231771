// The change itself: which way (as the machine allows from the current status), why, and on which notice; then a
// confirmation that says in words what will happen.
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import * as staffAdmin from '@/api/staffAdmin'
import type { Institution } from '@/domain/api'
import { STATUS_LABEL, type InstitutionStatus } from '@/domain/catalog'
import { chinaToday } from '@/domain/chinaDate'
import { Button, StatusBadge } from '@/components'
import { AreaField } from '@/components/Fields'
import { FocusedField } from '@/hooks/useFirstErrorFocus'
import Chips from './Chips'
import NoticeFields from './NoticeFields'
import { statusOptions } from './statusActions'
import { useForm } from './useForm'
import './StatusChange.scss'
import { emptyNotice, statusProblems, toNotice } from './validate'

/** The reason's length, for its counter (the schema holds the rule). */
const REASON_MIN = 4
const REASON_MAX = 500

interface Props {
  institution: Institution
  onChanged: (institution: Institution) => void
}

export default function StatusChange({ institution, onChanged }: Props) {
  const today = chinaToday()
  const options = statusOptions(institution.status)
  const [to, setTo] = useState<InstitutionStatus>()
  const [reason, setReason] = useState('')
  const [notice, setNotice] = useState(() => emptyNotice(today))
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const form = useForm()

  function review() {
    if (form.passes(statusProblems({ institutionId: institution.id, status: to, reason, notice }))) setConfirming(true)
  }

  async function confirm() {
    setBusy(true)
    const res = await staffAdmin.setInstitutionStatus({ institutionId: institution.id, status: to!, reason: reason.trim(), notice: toNotice(notice) })
    setBusy(false)
    if (!res.ok) {
      setConfirming(false)
      form.refused(res.error)
      return
    }
    onChanged(res.data.institution)
  }

  if (!options.length) return <Text className='yg-manage__note'>当前状态下没有可以进行的变更。</Text>
  if (confirming) {
    return (
      <View className='yg-manage__card' ariaRole='region' ariaLabel='确认变更'>
        <Text className='yg-manage__card-title'>确认变更</Text>
        <View className='yg-istatus__change'>
          <StatusBadge status={institution.status} long />
          <Text className='yg-istatus__arrow'>改为</Text>
          <StatusBadge status={to!} long />
        </View>
        <Text className='yg-manage__note'>
          确认后，“{institution.name}”将立即显示为“{STATUS_LABEL[to!]}”，家长在详情页和核验结果中都会看到，并可以点开“{notice.title.trim()}”。
        </Text>
        <View className='yg-manage__actions'>
          <Button loading={busy} danger={to === 'blacklisted'} onClick={() => void confirm()}>
            确认变更
          </Button>
          <Button variant='secondary' onClick={() => setConfirming(false)}>
            返回修改
          </Button>
        </View>
      </View>
    )
  }
  return (
    <FocusedField.Provider value={form.focused}>
      <View className='yg-manage__card'>
        <Text className='yg-manage__card-title'>变更状态</Text>
        <Chips label='变更为' columns={1} options={options.map((o) => ({ value: o.to, label: o.label }))} value={to} error={form.errors.status} field='status' onChange={setTo} />
        <AreaField label='变更理由' hint='写明事实和依据；理由会记入机构的状态记录' value={reason} min={REASON_MIN} max={REASON_MAX} short error={form.errors.reason} field='reason' onInput={setReason} />
      </View>
      <NoticeFields of='本次变更' value={notice} today={today} errors={form.errors} onChange={setNotice} />
      {form.problem && (
        <View className='yg-manage__problem' ariaRole='alert'>
          <Text>{form.problem}</Text>
        </View>
      )}
      <View className='yg-manage__actions'>
        <Button onClick={review}>下一步：确认</Button>
      </View>
    </FocusedField.Provider>
  )
}
