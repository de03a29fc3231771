import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROUTES } from '@/utils/routes'
import './index.scss'

interface Props {
  title: string
  /** Without an id (an older record) the title is shown as plain text. */
  id?: string
  /** Words before the title, e.g. 依据： */
  lead?: string
}

/** A notice's title that opens the notice's own page (title, issuer, date, document number, official link). */
export default function NoticeLink({ title, id, lead }: Props) {
  if (!id) {
    return (
      <Text className='yg-notice-link__plain'>
        {lead}
        {title}
      </Text>
    )
  }
  return (
    <View
      className='yg-notice-link'
      hoverClass='yg-notice-link--pressed'
      ariaRole='link'
      ariaLabel={`查看公告：${title}`}
      onClick={() => Taro.navigateTo({ url: ROUTES.notice(id) })}
    >
      <Text className='yg-notice-link__text'>
        {lead}
        {title}
      </Text>
      <View className='yg-notice-link__chevron' />
    </View>
  )
}
