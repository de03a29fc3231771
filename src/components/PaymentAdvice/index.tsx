import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { paymentAdvice, HOTLINE_FEES, HOTLINE_GENERAL, type AdviceStep, type VerdictKind } from '@/domain/verdict'
import './index.scss'

interface Props {
  verdict: VerdictKind
  /** Opens the report flow (named institution, or unlicensed training when not found). */
  onReport: () => void
}

/** Why not to pay, then 如已缴费: the steps for a verdict that does not invite payment (src/domain/verdict.ts). Nothing for approved. */
export default function PaymentAdvice({ verdict, onReport }: Props) {
  const advice = paymentAdvice(verdict)
  if (advice.invitesPayment) return null
  return (
    <View className='yg-advice' ariaRole='region' ariaLabel='如已缴费，请这样做'>
      <Text className='yg-advice__why'>{advice.why}</Text>
      <View className='yg-advice__head'>
        <View className='yg-advice__mark' ariaRole='presentation'>
          <Text>!</Text>
        </View>
        <Text className='yg-advice__title'>如已缴费，请这样做：</Text>
      </View>
      {advice.ifPaid.map((step, i) => (
        <Step key={step.kind} no={i + 1} step={step} onReport={onReport} />
      ))}
    </View>
  )
}

function Step({ no, step, onReport }: { no: number; step: AdviceStep; onReport: () => void }) {
  const call = (phoneNumber: string) => () => Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
  const action = step.kind === 'report' ? onReport : step.kind === 'hotline' ? call(HOTLINE_GENERAL) : step.kind === 'fees' ? call(HOTLINE_FEES) : undefined
  const label = step.kind === 'report' ? '去举报' : step.kind === 'hotline' ? `拨打 ${HOTLINE_GENERAL}` : step.kind === 'fees' ? `拨打 ${HOTLINE_FEES}` : ''
  return (
    <View className={`yg-advice__step yg-advice__step--${step.kind}`}>
      <Text className='yg-advice__no'>{no}.</Text>
      <View className='yg-advice__body'>
        <Text className='yg-advice__text'>{step.text}</Text>
        {action && (
          <View className='yg-advice__link' hoverClass='yg-advice__link--pressed' ariaRole={step.kind === 'report' ? 'link' : 'button'} ariaLabel={label} onClick={action}>
            <Text>{label}</Text>
            <View className='yg-advice__chevron' />
          </View>
        )}
      </View>
    </View>
  )
}
