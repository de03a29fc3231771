import { View, Text } from '@tarojs/components'
import { Button, PageFrame } from '@/components'
import { AreaField, Field } from '@/components/Fields'
import InstitutionFinder, { Picked } from '@/components/InstitutionFinder'
import SignaturePad from '@/components/SignaturePad'
import { FocusedField } from '@/hooks/useFirstErrorFocus'
import CheckInSection from './CheckInSection'
import ChecklistSection from './ChecklistSection'
import PhotosSection from './PhotosSection'
import SupervisorGate from './SupervisorGate'
import { useCampaigns } from './useCampaigns'
import { useObservationForm } from './useObservationForm'
import { useSupervisor } from './useSupervisor'
import './supervise.scss'

export default function ObservePage() {
  const access = useSupervisor()
  return <PageFrame className='yg-obs'>{access.state === 'in' ? <ObservationForm /> : <SupervisorGate account={access.account} />}</PageFrame>
}

function ObservationForm() {
  const { draft, set, errors, formError, busy, submit, focused } = useObservationForm()
  const [campaigns] = useCampaigns()
  const running = campaigns.kind === 'ready' ? campaigns.items : []
  const campaign = running.find((c) => c.id === draft.campaignId) ?? running[0]
  return (
    <FocusedField.Provider value={focused}>
      <View className='yg-obs__section'>
        {draft.institution ? (
          <Picked label='巡查机构' name={draft.institution.name} onClear={() => set({ institution: undefined, sites: undefined })} />
        ) : (
          <InstitutionFinder
            label='巡查机构'
            hint='不在巡查清单上的机构，也可以按名称、拼音首字母或信用代码搜索（需要网络）'
            error={errors.institutionId}
            onPick={(i) => set({ institution: { id: i.id, name: i.name }, sites: undefined })}
          />
        )}
      </View>
      <CheckInSection draft={draft} errors={errors} set={set} />
      <ChecklistSection draft={draft} errors={errors} focus={campaign?.focus ?? []} campaignName={campaign?.name} set={(fn) => set(fn)} />
      <PhotosSection draft={draft} error={errors.evidence} set={(fn) => set(fn)} />
      <View className='yg-obs__section'>
        <Field label='机构负责人签字' hint='请负责人确认本次巡查；拒绝签字的，点“拒绝签字”如实记录' error={undefined} field='signature'>
          <SignaturePad value={draft.signature} error={errors.signature} onChange={(signature) => set({ signature, signatureFile: signature.kind === 'none' ? undefined : draft.signatureFile })} />
        </Field>
      </View>
      <View className='yg-obs__section'>
        <AreaField label='备注（可选）' short value={draft.notes} max={2000} placeholder='其他情况，如现场人数、负责人说明' error={errors.notes} field='notes' onInput={(notes) => set({ notes })} />
      </View>
      {campaign && (
        <Text className='yg-obs__campaign'>
          本次巡查计入专项行动“{campaign.name}”{campaigns.kind === 'ready' && campaigns.cached ? '（离线，按上次获取的行动）' : ''}
        </Text>
      )}
      {formError && (
        <View className='yg-obs__form-error' ariaRole='alert'>
          <Text>{formError}</Text>
        </View>
      )}
      <View className='yg-obs__submit'>
        <Button loading={busy} onClick={() => void submit(campaign?.id)}>
          保存并上传
        </Button>
        <Text className='yg-obs__saved'>记录先保存在本机；没有网络时会在连网后自动上传。</Text>
      </View>
    </FocusedField.Provider>
  )
}
