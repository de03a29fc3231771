import { View, Text, Image } from '@tarojs/components'
import { Field, Section } from '@/components'
import { COMPLAINT_CATEGORY_LABEL, prepaidWords } from '@/domain/complaints'
import type { StaffComplaintView } from '@/domain/staff'
import { formatDate } from '@/utils/format'
import ContactReveal from './ContactReveal'
import './TicketFacts.scss'

/** What the reporter said and sent, the contact (masked), and the department's public answer so far. */
export default function TicketFacts({ view }: { view: StaffComplaintView }) {
  return (
    <View>
      {view.reply && (
        <Section title='已发出的答复'>
          <Text className='yg-tfacts__reply' userSelect>
            {view.reply}
          </Text>
          <Text className='yg-tfacts__muted'>举报人可以看到这段答复。</Text>
        </Section>
      )}
      <Section title='举报内容'>
        <Field label='问题' value={COMPLAINT_CATEGORY_LABEL[view.category]} />
        <Field
          label='机构'
          value={view.institution ? view.institution.name : view.place ? `${view.place.name}（不在名单上）` : '—'}
          hint={view.place?.address}
        />
        <Field label='发生日期' value={formatDate(view.happenedOn)} />
        <Field label='经过' value={<Text userSelect>{view.description}</Text>} />
        {view.details && <Field label='预收费' value={prepaidWords(view.details)} />}
        <Field label='联系方式' value={<ContactReveal view={view} />} />
      </Section>
      <Section title={`证据（${view.evidence.length}）`}>
        {view.evidence.length === 0 && <Text className='yg-tfacts__muted'>举报人没有上传证据</Text>}
        {view.evidence.map((ev, i) => (
          <View key={ev.fileId} className='yg-tfacts__ev'>
            {ev.mime.startsWith('image/') ? (
              <Image className='yg-tfacts__ev-img' src={ev.url} mode='aspectFill' ariaLabel={`证据 ${i + 1}`} />
            ) : (
              <View className='yg-tfacts__ev-img yg-tfacts__ev-video'>
                <Text>视频</Text>
              </View>
            )}
            <View className='yg-tfacts__ev-info'>
              <Text className='yg-tfacts__ev-name'>
                证据 {i + 1} · {ev.mime.startsWith('video/') ? '视频' : '照片'} · {Math.max(1, Math.round(ev.size / 1024))} KB
              </Text>
              <Text className='yg-tfacts__ev-hash'>指纹 {ev.sha256.slice(0, 8)}…{ev.sha256.slice(-4)}</Text>
            </View>
          </View>
        ))}
      </Section>
    </View>
  )
}
