import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { PrepaidInput, PrepaidVerdict } from '@/domain/prepaid'
import { Button, StatusIcon } from '@/components'
import { setReportPrefill } from '@/utils/prefill'
import { ROUTES } from '@/utils/routes'

interface Props {
  verdict: PrepaidVerdict
  input: PrepaidInput
  institution?: { id: string; name: string }
}

/** The verdict in words: each limit broken, by name, or that it is within the rules; then the notes. */
export default function PrepaidResult({ verdict, input, institution }: Props) {
  function report() {
    setReportPrefill({
      ...(institution ? { id: institution.id, name: institution.name } : {}),
      category: 'prepaid_fees',
      amountYuan: input.amountYuan,
      hours: input.hours,
      months: input.months,
      intoEscrow: input.intoEscrow,
      viaLoan: input.viaLoan,
    })
    Taro.switchTab({ url: ROUTES.report })
  }

  const broken = !verdict.ok
  return (
    <View className={`yg-prepaid__result yg-prepaid__result--${broken ? 'broken' : 'ok'}`} ariaRole='status'>
      <View className='yg-prepaid__verdict'>
        <StatusIcon kind={broken ? 'blacklisted' : 'approved'} size='md' />
        <Text className='yg-prepaid__verdict-words'>{broken ? `不合规：违反了 ${verdict.breaches.length} 项规定` : '没有超出规定'}</Text>
      </View>
      {broken && (
        <View className='yg-prepaid__breaches'>
          {verdict.breaches.map((b, i) => (
            <View key={b.rule} className='yg-prepaid__breach'>
              <Text className='yg-prepaid__breach-no'>{i + 1}</Text>
              <Text className='yg-prepaid__breach-text'>{b.message}</Text>
            </View>
          ))}
        </View>
      )}
      {verdict.notes.map((note) => (
        <Text key={note} className='yg-prepaid__note'>
          {note}
        </Text>
      ))}
      {broken && (
        <View className='yg-prepaid__actions'>
          <Text className='yg-prepaid__advice'>建议先不要交这笔钱，可以要求机构改为不超过 3 个月、60 课时、5000 元，并缴入监管专户。</Text>
          <Button danger variant='secondary' onClick={report}>
            举报超额预收费
          </Button>
        </View>
      )}
    </View>
  )
}
