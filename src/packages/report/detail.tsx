import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import * as complaints from '@/api/complaints'
import { getToken } from '@/api/session'
import type { ClientError } from '@/api/transport'
import { chinaToday } from '@/domain/chinaDate'
import { complaintNextStep } from '@/domain/complaintProgress'
import { COMPLAINT_CATEGORY_LABEL, OPEN_STATUSES, prepaidWords, type ComplaintView } from '@/domain/complaints'
import { ComplaintBadge, ErrorState, Field, Loading, PageFrame, Section, Timeline } from '@/components'
import { formatDate } from '@/utils/format'
import DetailActions from './DetailActions'
import EvidenceHash from '@/components/EvidenceHash'
import LoginGate from '@/components/LoginGate'
import './report.scss'

type Load = { state: 'loading' } | { state: 'error'; error: ClientError } | { state: 'ready'; view: ComplaintView }

export default function ComplaintDetailPage() {
  const { params } = useRouter()
  const ticketNo = decodeURIComponent(params.ticketNo ?? '')
  const [authed, setAuthed] = useState(() => !!getToken())
  const [load, setLoad] = useState<Load>({ state: 'loading' })

  async function fetch() {
    if (!getToken()) {
      setAuthed(false)
      return
    }
    setAuthed(true)
    const res = await complaints.get(ticketNo)
    if (res.ok) setLoad({ state: 'ready', view: res.data })
    else if (res.error.code === 'unauthenticated') setAuthed(false)
    else setLoad({ state: 'error', error: res.error })
  }
  useDidShow(() => void fetch())

  if (!authed) {
    return (
      <PageFrame className='yg-rf'>
        <LoginGate why='登录后可以查看您的举报和办理进度。' onDone={() => void fetch()} />
      </PageFrame>
    )
  }
  if (load.state === 'loading') return <PageFrame className='yg-rf'><Loading block /></PageFrame>
  if (load.state === 'error') {
    return (
      <PageFrame className='yg-rf'>
        {load.error.code === 'not_found' ? (
          <ErrorState error={{ code: 'not_found', message: '没有找到这件举报，或它不属于当前账号' }} />
        ) : (
          <ErrorState error={load.error} onRetry={() => void fetch()} />
        )}
      </PageFrame>
    )
  }
  const v = load.view
  const open = OPEN_STATUSES.includes(v.status)
  return (
    <PageFrame className='yg-rf yg-cdetail'>
      <View className='yg-cdetail__head' ariaRole='region' ariaLabel='举报状态'>
        <View className='yg-cdetail__top'>
          <Text className='yg-cdetail__ticket' userSelect>
            {v.ticketNo}
          </Text>
          <ComplaintBadge status={v.status} />
        </View>
        <Text className='yg-cdetail__line'>处理部门：{v.department}</Text>
        {open && <Text className='yg-cdetail__line'>答复期限：{formatDate(v.dueAt)} 前</Text>}
        {v.reviewed && <Text className='yg-cdetail__line'>已申请过复核</Text>}
      </View>

      {v.reply && (
        <Section title='部门答复'>
          <Text className='yg-cdetail__reply' userSelect>
            {v.reply}
          </Text>
        </Section>
      )}

      <Section title='办理经过'>
        <Timeline events={v.timeline} next={complaintNextStep(v, chinaToday())} />
      </Section>

      <Section title='举报内容'>
        <Field label='问题' value={COMPLAINT_CATEGORY_LABEL[v.category]} />
        <Field
          label='机构'
          value={v.institution ? v.institution.name : v.place ? `${v.place.name}（不在名单上）` : '—'}
          hint={!v.institution && v.place ? v.place.address : undefined}
        />
        <Field label='发生日期' value={formatDate(v.happenedOn)} />
        <Field label='经过' value={<Text userSelect>{v.description}</Text>} />
        {v.details && <Field label='预收费' value={prepaidWords(v.details)} />}
        <Field label='联系方式' value={v.contact ? `${v.contact.name} ${v.contact.phone}` : '匿名'} hint={v.contact ? '只有处理部门能看到' : undefined} />
      </Section>

      <Section title={`证据（${v.evidence.length}）`}>
        {v.evidence.length === 0 && <Text className='yg-cdetail__muted'>没有上传证据</Text>}
        {v.evidence.map((ev, i) => (
          <View key={ev.fileId} className='yg-cdetail__ev'>
            {ev.mime.startsWith('image/') ? (
              <Image className='yg-cdetail__ev-img' src={ev.url} mode='aspectFill' ariaLabel={`证据 ${i + 1}`} />
            ) : (
              <View className='yg-cdetail__ev-img yg-cdetail__ev-video'>
                <Text>视频</Text>
              </View>
            )}
            <View className='yg-cdetail__ev-info'>
              <Text className='yg-cdetail__ev-name'>
                证据 {i + 1} · {ev.mime.startsWith('video/') ? '视频' : '照片'} · {Math.max(1, Math.round(ev.size / 1024))} KB
              </Text>
              <Text className='yg-cdetail__ev-label'>证据指纹（SHA-256）</Text>
              <EvidenceHash sha256={ev.sha256} />
            </View>
          </View>
        ))}
        {v.evidence.length > 0 && <Text className='yg-cdetail__muted'>证据指纹由文件内容算出，文件有任何改动指纹都会不同，可用于核对证据未被篡改。</Text>}
      </Section>

      <DetailActions view={v} onChanged={(view) => setLoad({ state: 'ready', view })} onLoginNeeded={() => setAuthed(false)} />
    </PageFrame>
  )
}
