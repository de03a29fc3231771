import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, PageFrame } from '@/components'
import { clearReportPrefill, getReportPrefill, type ReportPrefill } from '@/utils/prefill'
import './index.scss'

const HOTLINE = '12345'

export default function ReportPage() {
  const [prefill, setPrefill] = useState<ReportPrefill | null>(null)
  // The detail page writes the prefill just before switching here; read it on every show, not only the first.
  useDidShow(() => setPrefill(getReportPrefill()))

  return (
    <PageFrame className='yg-report'>
      {prefill && (
        <View className='yg-report__target' ariaRole='status'>
          <Text className='yg-report__target-label'>将举报：</Text>
          <Text className='yg-report__target-name'>{prefill.name}</Text>
          <View
            className='yg-report__target-clear'
            ariaRole='button'
            onClick={() => {
              clearReportPrefill()
              setPrefill(null)
            }}
          >
            <Text>不举报这家</Text>
          </View>
        </View>
      )}
      <View className='yg-report__card'>
        <Text className='yg-report__title'>在线举报即将开放</Text>
        <Text className='yg-report__text'>
          上线后，您可以在这里举报无证办学、超额预收费、违规广告、超时培训等问题，上传照片等证据，并随时查看处理进度。举报人信息严格保密。
        </Text>
      </View>
      <View className='yg-report__card'>
        <Text className='yg-report__title'>现在就要反映？</Text>
        <Text className='yg-report__text'>请拨打 12345 政务服务便民热线，说明机构名称、地址和遇到的问题，热线会转交主管部门处理。</Text>
        <View className='yg-report__call'>
          <Button onClick={() => Taro.makePhoneCall({ phoneNumber: HOTLINE }).catch(() => undefined)}>拨打 12345 热线</Button>
        </View>
      </View>
    </PageFrame>
  )
}
