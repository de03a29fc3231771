import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { AreaField, FieldError } from '@/components/Fields'
import { fieldId } from '@/hooks/useFirstErrorFocus'
import { DEFAULT_GEOFENCE_M, DEFAULT_MAX_ACCURACY_M } from '@/domain/observations'
import { formatChinaDateTime } from '@/domain/chinaDate'
import { precisePosition } from '@/utils/location'
import { accuracyProblem, needsReason, siteDistance, type ObservationDraft } from './observationDraft'

interface Props {
  draft: ObservationDraft
  errors: Record<string, string>
  set: (patch: Partial<ObservationDraft>) => void
}

/** 签到: a GPS fix with its accuracy, the distance to the registered site when known, and the reason when far. */
export default function CheckInSection({ draft, errors, set }: Props) {
  const [busy, setBusy] = useState(false)
  const [trouble, setTrouble] = useState('')
  const fix = draft.fix
  const distance = siteDistance(draft)
  const tooVague = fix ? accuracyProblem(fix) : undefined

  async function locate() {
    if (busy) return
    setBusy(true)
    setTrouble('')
    const res = await precisePosition()
    setBusy(false)
    if (!res.ok) {
      setTrouble(res.reason === 'denied' ? '没有定位权限：请在设置中允许使用位置后重试。签到必须使用定位，不能手填地址。' : '没能获取位置，请到窗边或室外后重试')
      return
    }
    // Rounded to about a metre: more digits only pretend to a precision the fix does not have.
    const p = res.position
    set({ fix: { lat: Number(p.lat.toFixed(6)), lng: Number(p.lng.toFixed(6)), accuracyM: p.accuracyM, at: new Date().toISOString() } })
  }

  return (
    <View className='yg-obs__section' id={fieldId('location')}>
      <Text className='yg-obs__heading'>签到定位</Text>
      <Text className='yg-obs__hint'>在机构现场定位签到，签到时间即巡查时间。精度需在 {DEFAULT_MAX_ACCURACY_M} 米以内；距登记地址超过 {DEFAULT_GEOFENCE_M} 米需写明原因。</Text>
      {fix && (
        <View className={`yg-obs__fix${tooVague ? ' yg-obs__fix--bad' : ''}`} ariaRole='status'>
          <Text className='yg-obs__fix-main'>{tooVague ? '! 精度不够，请重新定位' : `✓ 已签到 ${formatChinaDateTime(fix.at).slice(5)}`}</Text>
          <Text className='yg-obs__fix-line'>定位精度约 {fix.accuracyM} 米</Text>
          <Text className='yg-obs__fix-line'>
            {distance === undefined ? '机构登记位置未知，距离由服务器核对' : `距机构登记地址约 ${distance} 米${distance > DEFAULT_GEOFENCE_M ? '（超出范围）' : ''}`}
          </Text>
        </View>
      )}
      <View className='yg-obs__locate' hoverClass='yg-obs__locate--pressed' ariaRole='button' onClick={() => void locate()}>
        <Text>{busy ? '正在定位…' : fix ? '重新定位' : '签到定位'}</Text>
      </View>
      {trouble && <Text className='yg-obs__trouble'>{trouble}</Text>}
      <FieldError message={errors.location ?? tooVague} />
      {(needsReason(draft) || (fix && distance === undefined) || draft.reason) && (
        <AreaField
          label={needsReason(draft) ? '不在登记地址的原因（必填）' : '不在登记地址的原因（如有）'}
          hint='例如：机构已搬迁、在分校区检查、登记地址有误'
          short
          value={draft.reason}
          max={500}
          error={errors.reason}
          field='reason'
          onInput={(reason) => set({ reason })}
        />
      )}
    </View>
  )
}
