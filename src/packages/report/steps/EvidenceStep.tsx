import { View, Text } from '@tarojs/components'
import { fieldId } from '@/hooks/useFirstErrorFocus'
import EvidenceList from '@/components/EvidenceList'
import { FieldError } from '@/components/Fields'
import type { EvidenceControls } from '@/hooks/useEvidence'
import type { StepProps } from './types'

export default function EvidenceStep({ draft, errors, controls }: StepProps & { controls: EvidenceControls }) {
  return (
    <View>
      <Text className='yg-rf__q'>有照片或视频吗？</Text>
      <Text className='yg-rf__lead'>
        可选，但有证据的举报更容易核实：招牌、课表、收据、转账记录、广告等。最多 9 张照片和 1 段视频（不超过 60 秒）。文件只交给处理部门，不会公开。
      </Text>
      <View id={fieldId('evidence')}>
        <EvidenceList items={draft.evidence} controls={controls} />
        <FieldError message={errors.evidence} />
      </View>
    </View>
  )
}
