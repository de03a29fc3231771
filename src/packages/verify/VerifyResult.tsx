import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { VerifyAnswer } from '@/domain/api'
import { Button, InstitutionVerdict, PaymentAdvice, VerdictCard } from '@/components'
import { ROUTES } from '@/utils/routes'
import { openReportFor, openReportForUnlicensed } from '@/utils/prefill'

export default function VerifyResult({ answer, code }: { answer: VerifyAnswer; code: string }) {
  const inst = answer.institution
  if (answer.result === 'not_found' || !inst) {
    return (
      <View className='yg-verify__result'>
        <VerdictCard verdict='not_found' meaning={`没有查到代码为“${code}”的培训机构。`}>
          <View className='yg-verify__advice'>
            <Text className='yg-verify__advice-line'>请先核对代码是否抄错。核对无误仍查不到的，可能未经审批。</Text>
          </View>
        </VerdictCard>
        <View className='yg-verify__gap'>
          <PaymentAdvice verdict='not_found' onReport={openReportForUnlicensed} />
        </View>
        <View className='yg-verify__gap'>
          <Button danger variant='secondary' onClick={openReportForUnlicensed}>
            举报无证培训
          </Button>
        </View>
      </View>
    )
  }
  return (
    <View className='yg-verify__result'>
      <InstitutionVerdict institution={inst} />
      <View className='yg-verify__gap'>
        <PaymentAdvice verdict={inst.status} onReport={() => openReportFor(inst)} />
      </View>
      <View className='yg-verify__gap'>
        <Button variant='secondary' onClick={() => Taro.navigateTo({ url: ROUTES.institution(inst.id) })}>
          查看机构详情
        </Button>
      </View>
    </View>
  )
}
