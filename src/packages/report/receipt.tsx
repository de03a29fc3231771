import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button, PageFrame } from '@/components'
import { formatDate } from '@/utils/format'
import { REPORT_ROUTES, ROUTES } from '@/utils/routes'
import './report.scss'

/** Shown only after the server confirmed the ticket (useSubmit redirects here with its receipt). */
export default function ReceiptPage() {
  const { params } = useRouter()
  const read = (k: string) => decodeURIComponent(params[k] ?? '')
  const ticketNo = read('ticketNo')
  const department = read('department')
  const dueAt = formatDate(read('dueAt'))
  const similarOpen = Number(params.similarOpen ?? 0) || 0

  return (
    <PageFrame className='yg-rf yg-receipt'>
      <View className='yg-receipt__card' ariaRole='region' ariaLabel='举报已提交'>
        <View className='yg-receipt__head'>
          <View className='yg-receipt__mark' ariaRole='presentation'>
            <Text>✓</Text>
          </View>
          <Text className='yg-receipt__title'>举报已提交</Text>
        </View>
        <Text className='yg-receipt__label'>举报编号</Text>
        <Text className='yg-receipt__ticket' userSelect>
          {ticketNo}
        </Text>
        <Text className='yg-receipt__hint'>请记下编号，查询进度或拨打 12345 时可以报这个编号。</Text>
        <View className='yg-receipt__facts'>
          <View className='yg-receipt__fact'>
            <Text className='yg-receipt__fact-label'>交由</Text>
            <Text className='yg-receipt__fact-value'>{department}</Text>
          </View>
          <View className='yg-receipt__fact'>
            <Text className='yg-receipt__fact-label'>答复期限</Text>
            <Text className='yg-receipt__fact-value'>{dueAt} 前</Text>
          </View>
        </View>
        {similarOpen > 0 && (
          <Text className='yg-receipt__similar'>
            已有 {similarOpen} 条类似举报正在处理，您的举报同样会被办理
          </Text>
        )}
        <Text className='yg-receipt__next'>接下来：处理部门会先受理，再核查并答复。每一步进展都会显示在“我的举报”里。</Text>
      </View>
      <View className='yg-receipt__actions'>
        <Button onClick={() => Taro.redirectTo({ url: REPORT_ROUTES.detail(ticketNo) })}>查看办理进度</Button>
        <Button variant='plain' onClick={() => Taro.redirectTo({ url: REPORT_ROUTES.mine })}>
          我的举报
        </Button>
        <Button variant='plain' onClick={() => Taro.switchTab({ url: ROUTES.search })}>
          返回首页
        </Button>
      </View>
    </PageFrame>
  )
}
