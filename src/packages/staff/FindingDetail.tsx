// One supervisor's visit as the desk reads it: what failed and the notes on it, who visited and when (device and
// server time), how the check-in compares with the registered address, photos, the signature, and the complaint it
// became. Read-only: a supervisor escalates; the desk handles the complaint.
import { View, Text, Image } from '@tarojs/components'
import { Field, Section } from '@/components'
import { CHECKLIST_LABEL, SUPERVISOR_KIND_LABEL, type SupervisorKind } from '@/domain/checklist'
import type { StaffObservationItem } from '@/domain/observations'
import { formatDateTime } from '@/utils/format'
import './FindingDetail.scss'

interface Props {
  item: StaffObservationItem
  /** Opens the complaint the visit became (the ticket page, or the pane on the desk). */
  onOpenTicket: (ticketNo: string) => void
  /** Under its row in the list (a phone): the list's own side padding is given back to the sections. */
  inline?: boolean
}

export default function FindingDetail({ item, onOpenTicket, inline }: Props) {
  const kind = item.supervisor.kind ? SUPERVISOR_KIND_LABEL[item.supervisor.kind as SupervisorKind] : undefined
  const sig = item.signature
  return (
    <View className={`yg-fdetail${inline ? ' yg-fdetail--inline' : ''}`}>
      <View className='yg-fdetail__head'>
        <Text className='yg-fdetail__title'>{item.institution.name}</Text>
        <Text className='yg-fdetail__muted'>{item.institution.address}</Text>
      </View>
      <Section title={`不符合项（${item.failed.length}）`}>
        {item.failed.length === 0 && <Text className='yg-fdetail__muted'>这次巡查没有发现不符合项。</Text>}
        {item.failed.map((f) => (
          <View key={f.item} className='yg-fdetail__fail'>
            <Text className='yg-fdetail__fail-item'>✕ {CHECKLIST_LABEL[f.item]}</Text>
            <Text className='yg-fdetail__fail-note' userSelect>
              {f.note || '（未写说明）'}
            </Text>
          </View>
        ))}
        {item.passed.length > 0 && <Text className='yg-fdetail__muted'>符合：{item.passed.map((p) => CHECKLIST_LABEL[p]).join('；')}</Text>}
      </Section>
      <Section title='巡查情况'>
        <Field label='监督员' value={kind ? `${item.supervisor.name}（${kind}）` : item.supervisor.name} />
        <Field label='巡查时间' value={formatDateTime(item.visitedAt)} hint={`上传于 ${formatDateTime(item.receivedAt)}`} />
        <Field
          label='现场定位'
          value={item.flagged ? `! 距登记地址约 ${item.distanceM} 米，超出范围` : `距登记地址约 ${item.distanceM} 米`}
          hint={item.reason ? `监督员说明：${item.reason}` : undefined}
        />
        {item.notes && <Field label='备注' value={<Text userSelect>{item.notes}</Text>} />}
        <Field label='负责人签字' value={sig === null ? '未签字' : sig.refused ? '负责人拒绝签字' : '已签字'} />
        {sig && !sig.refused && <Image className='yg-fdetail__sig' src={sig.file.url} mode='aspectFit' ariaLabel='负责人签字' />}
      </Section>
      <Section title={`现场照片（${item.photos.length}）`}>
        {item.photos.length === 0 && <Text className='yg-fdetail__muted'>没有上传照片</Text>}
        <View className='yg-fdetail__photos'>
          {item.photos.map((p, i) => (
            <Image key={p.fileId} className='yg-fdetail__photo' src={p.url} mode='aspectFill' ariaLabel={`现场照片 ${i + 1}`} />
          ))}
        </View>
      </Section>
      {item.ticketNo ? (
        <View className='yg-fdetail__ticket' hoverClass='yg-fdetail__ticket--pressed' ariaRole='link' onClick={() => onOpenTicket(item.ticketNo!)}>
          <Text>已转为举报 {item.ticketNo}，查看办理</Text>
        </View>
      ) : (
        <Text className='yg-fdetail__muted yg-fdetail__pad'>监督员尚未将这次巡查转为举报。</Text>
      )}
    </View>
  )
}
