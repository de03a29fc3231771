import { View, Text } from '@tarojs/components'
import { timelineHeadings, type ComplaintEvent } from '@/domain/complaints'
import type { NextStep } from '@/domain/complaintProgress'
import { formatDateTime } from '@/utils/format'
import './Timeline.scss'

const BY: Record<ComplaintEvent['by'], string> = { reporter: '您', staff: '处理部门', system: '系统' }

/** Every change of the ticket, oldest first, with who made it and the words they gave (a reason, a reply, a note).
 * Additions that leave the status as it was (补充材料, 评价) are headed by what was done, not by the status again.
 * Times are Xiamen's, whatever the device's zone. `next`, while something is still due, closes the list: what happens
 * next and by when. */
export default function Timeline({ events, next }: { events: ComplaintEvent[]; next?: NextStep }) {
  const headings = timelineHeadings(events)
  const upcoming = next && next.steps.length > 0 ? next : undefined
  return (
    <View className='yg-timeline' ariaRole='list' ariaLabel='办理经过'>
      {events.map((ev, i) => {
        const last = i === events.length - 1
        return (
          <View
            key={`${ev.at}-${i}`}
            className={`yg-timeline__item${last ? ' yg-timeline__item--last' : ''}${last && upcoming ? ' yg-timeline__item--continues' : ''}`}
            ariaRole='listitem'
          >
            <View className='yg-timeline__dot' ariaRole='presentation' />
            <View className='yg-timeline__body'>
              <View className='yg-timeline__head'>
                <Text className='yg-timeline__status'>{headings[i]}</Text>
                <Text className='yg-timeline__by'>{BY[ev.by]}</Text>
              </View>
              <Text className='yg-timeline__at'>{formatDateTime(ev.at)}</Text>
              {ev.note && <Text className='yg-timeline__note'>{ev.note}</Text>}
            </View>
          </View>
        )
      })}
      {upcoming && (
        <View className='yg-timeline__next' ariaRole='listitem'>
          <View className='yg-timeline__next-dot' ariaRole='presentation' />
          <View className='yg-timeline__body'>
            <Text className='yg-timeline__next-title'>接下来</Text>
            <Text className={`yg-timeline__next-line${upcoming.steps.some((s) => s.overdue) ? ' yg-timeline__next-line--overdue' : ''}`}>{upcoming.line}</Text>
            <Text className='yg-timeline__next-note'>{upcoming.note}</Text>
          </View>
        </View>
      )}
    </View>
  )
}
