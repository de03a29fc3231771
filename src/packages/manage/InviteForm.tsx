// A new invitation code for a supervisor: where, which kind, for how long; the code is shown big enough to read out.
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import * as staffAdmin from '@/api/staffAdmin'
import type { Account } from '@/domain/api'
import { DISTRICT_LABEL, DISTRICTS } from '@/domain/catalog'
import { SUPERVISOR_KIND_LABEL, SUPERVISOR_KINDS } from '@/domain/checklist'
import { formatChinaDateTime } from '@/domain/chinaDate'
import { INVITE_DAYS_DEFAULT, INVITE_DAYS_MAX } from '@/domain/staff'
import type { InviteAnswer } from '@/domain/staffAdmin'
import { Button } from '@/components'
import { TextField } from '@/components/Fields'
import { FocusedField } from '@/hooks/useFirstErrorFocus'
import Chips from './Chips'
import { useForm } from './useForm'
import { inviteProblems, type InviteDraft } from './validate'
import './InviteForm.scss'

const KIND_OPTIONS = SUPERVISOR_KINDS.map((k) => ({ value: k, label: SUPERVISOR_KIND_LABEL[k] }))

export default function InviteForm({ account, onCreated }: { account: Account; onCreated: () => void }) {
  // District staff invite for their own district only.
  const districts = account.district ? [account.district] : DISTRICTS
  const [draft, setDraft] = useState<InviteDraft>({ district: account.district, days: String(INVITE_DAYS_DEFAULT) })
  const [made, setMade] = useState<InviteAnswer | null>(null)
  const [busy, setBusy] = useState(false)
  const form = useForm()
  const set = (patch: Partial<InviteDraft>) => setDraft((d) => ({ ...d, ...patch }))

  async function create() {
    if (!form.passes(inviteProblems(draft))) return
    setBusy(true)
    const res = await staffAdmin.invite({ district: draft.district!, kind: draft.kind!, days: Number(draft.days) })
    setBusy(false)
    if (!res.ok) return form.refused(res.error)
    setMade(res.data)
    onCreated()
  }

  return (
    <FocusedField.Provider value={form.focused}>
      <View className='yg-manage__card' ariaRole='region' ariaLabel='生成邀请码'>
        <Text className='yg-manage__card-title'>生成邀请码</Text>
        <Text className='yg-manage__note'>监督员在小程序“我的”中输入邀请码即可绑定身份；每个邀请码只能使用一次。</Text>
        <Chips label='所在区' columns={3} options={districts.map((d) => ({ value: d, label: DISTRICT_LABEL[d] }))} value={draft.district} error={form.errors.district} field='district' onChange={(district) => set({ district })} />
        <Chips label='监督员类别' columns={3} options={KIND_OPTIONS} value={draft.kind} error={form.errors.kind} field='kind' onChange={(kind) => set({ kind })} />
        <TextField label='有效天数' hint={`1 到 ${INVITE_DAYS_MAX} 天，过期未用自动失效`} type='number' value={draft.days} maxlength={2} error={form.errors.days} field='days' onInput={(days) => set({ days })} />
        {form.problem && (
          <View className='yg-manage__problem' ariaRole='alert'>
            <Text>{form.problem}</Text>
          </View>
        )}
        <View className='yg-manage__actions'>
          <Button loading={busy} onClick={() => void create()}>
            生成邀请码
          </Button>
        </View>
        {made && (
          <View className='yg-invite' ariaRole='status' ariaLabel={`邀请码 ${made.code.split('').join(' ')}`}>
            <Text className='yg-invite__label'>邀请码</Text>
            <Text className='yg-invite__code' userSelect>
              {made.code}
            </Text>
            <Text className='yg-invite__until'>有效期至 {formatChinaDateTime(made.expiresAt)}</Text>
          </View>
        )}
      </View>
    </FocusedField.Provider>
  )
}
