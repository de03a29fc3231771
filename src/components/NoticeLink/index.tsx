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
  // Its accessible name starts with the words shown (a screen reader and a voice command say what the eye reads).
  return (
    <View
      className='yg-notice-link'
      hoverClass='yg-notice-link--pressed'
      ariaRole='link'
      ariaLabel={`${lead ?? ''}${title}，查看公告`}
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
