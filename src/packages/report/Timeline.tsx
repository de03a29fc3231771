import { View, Text } from '@tarojs/components'
import { timelineHeadings, type ComplaintEvent } from '@/domain/complaints'

const BY: Record<ComplaintEvent['by'], string> = { reporter: '您', staff: '处理部门', system: '系统' }

function when(at: string): string {
  // 2026-11-28T09:30:00.000Z → 2026-11-28 17:30 (local time)
  const d = new Date(at)
  if (Number.isNaN(d.getTime())) return at.slice(0, 16).replace('T', ' ')
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`
}

/** Every change of the ticket, oldest first, with who made it and the words they gave (a reason, a reply, a note).
 * Additions that leave the status as it was (补充材料, 评价) are headed by what was done, not by the status again. */
export default function Timeline({ events }: { events: ComplaintEvent[] }) {
  const headings = timelineHeadings(events)
  return (
    <View className='yg-timeline' ariaRole='list' ariaLabel='办理经过'>
      {events.map((ev, i) => (
        <View key={`${ev.at}-${i}`} className={`yg-timeline__item${i === events.length - 1 ? ' yg-timeline__item--last' : ''}`} ariaRole='listitem'>
          <View className='yg-timeline__dot' ariaRole='presentation' />
          <View className='yg-timeline__body'>
            <View className='yg-timeline__head'>
              <Text className='yg-timeline__status'>{headings[i]}</Text>
              <Text className='yg-timeline__by'>{BY[ev.by]}</Text>
            </View>
            <Text className='yg-timeline__at'>{when(ev.at)}</Text>
            {ev.note && <Text className='yg-timeline__note'>{ev.note}</Text>}
          </View>
        </View>
      ))}
    </View>
  )
}
