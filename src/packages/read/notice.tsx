import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import * as content from '@/api/content'
import type { Notice } from '@/domain/notices'
import { useRecord } from '@/hooks/useRecord'
import { Button, EmptyState, ErrorState, Field, Loading, PageFrame, Section } from '@/components'
import { formatDate } from '@/utils/format'
import { IS_H5 } from '@/utils/platform'
import { ROUTES } from '@/utils/routes'
import './read.scss'

/** One published notice: what a status change, a white-list batch or a case rests on. */
export default function NoticePage() {
  const { params } = useRouter()
  const id = decodeURIComponent(params.id ?? '')
  const [state, load] = useRecord(id, content.notice)

  return (
    <PageFrame className='yg-read'>
      {state.kind === 'loading' && <Loading block />}
      {state.kind === 'error' && <ErrorState error={state.error} onRetry={load} />}
      {state.kind === 'missing' && (
        <EmptyState mark='?' title='没有找到这份公告' lines={['链接可能有误，或公告信息已调整。', '可以回到查机构页重新查询。']}>
          <Button onClick={() => Taro.switchTab({ url: ROUTES.search })}>去查机构</Button>
        </EmptyState>
      )}
      {state.kind === 'ready' && <NoticeView notice={state.data} />}
    </PageFrame>
  )
}

function NoticeView({ notice }: { notice: Notice }) {
  return (
    <View>
      <View className='yg-read__notice-head'>
        <Text className='yg-read__notice-title'>{notice.title}</Text>
        {notice.docNo && <Text className='yg-read__notice-docno'>{notice.docNo}</Text>}
      </View>
      <Section title='公告信息'>
        <Field label='发布机关' value={notice.issuer || '未注明'} />
        <Field label='发布日期' value={formatDate(notice.date)} />
        <Field label='文号' value={notice.docNo || '未注明'} />
      </Section>
      <Section title='原文'>
        {notice.url ? <OfficialLink url={notice.url} /> : <Text className='yg-read__body'>暂无官方链接。可向发布机关查询原文，或拨打 12345 咨询。</Text>}
      </Section>
    </View>
  )
}

/** The official page: opened in a new tab on the web; a mini-program cannot open outside pages, so it copies the link. */
function OfficialLink({ url }: { url: string }) {
  function open() {
    if (IS_H5) {
      window.open(url, '_blank', 'noopener,noreferrer')
      return
    }
    Taro.setClipboardData({ data: url })
      .then(() => Taro.showToast({ title: '链接已复制，可在浏览器中打开', icon: 'none', duration: 2500 }))
      .catch(() => Taro.showModal({ title: '官方链接', content: url, showCancel: false, confirmText: '知道了' }))
  }
  return (
    <View>
      <Text className='yg-read__notice-url'>{url}</Text>
      <View className='yg-read__notice-open'>
        <Button variant='secondary' onClick={open}>
          {IS_H5 ? '打开官方原文' : '复制官方链接'}
        </Button>
      </View>
    </View>
  )
}
