import { View, Text } from '@tarojs/components'
import { timelineHeadings, type ComplaintEvent } from '@/domain/complaints'
import type { NextStep } from '@/domain/complaintProgress'
import { formatDateTime } from '@/utils/format'
import './index.scss'

/** An event as the handling staff see it: the same public words, plus the department's own note and who acted. */
export type TimelineEvent = ComplaintEvent & { internalNote?: string; actorName?: string }

/** Who acted, in the reader's words: the reporter reads 您, the department reads 举报人. */
const BY: Record<'reporter' | 'staff', Record<ComplaintEvent['by'], string>> = {
  reporter: { reporter: '您', staff: '处理部门', system: '系统' },
  staff: { reporter: '举报人', staff: '处理部门', system: '系统' },
}

interface Props {
  events: TimelineEvent[]
  next?: NextStep
  /** Whose page this is: the reporter's own ticket (default) or the department's workbench. */
  viewer?: 'reporter' | 'staff'
}

/** Every change of the ticket, oldest first, with who made it and the words they gave (a reason, a reply, a note).
 * Additions that leave the status as it was (补充材料, 评价) are headed by what was done, not by the status again.
 * Times are Xiamen's, whatever the device's zone. `next`, while something is still due, closes the list: what happens
 * next and by when. On the workbench an internal note sits in its own marked box: the reporter never sees it (the
 * reporter's view has no such field at all; the mark tells the staff member so). */
export default function Timeline({ events, next, viewer = 'reporter' }: Props) {
  const headings = timelineHeadings(events)
  const upcoming = next && next.steps.length > 0 ? next : undefined
  return (
    <View className='yg-timeline' ariaRole='list' ariaLabel='办理经过'>
      {events.map((ev, i) => {
        const last = i === events.length - 1
        const by = ev.by === 'staff' && ev.actorName && viewer === 'staff' ? ev.actorName : BY[viewer][ev.by]
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
                <Text className='yg-timeline__by'>{by}</Text>
              </View>
              <Text className='yg-timeline__at'>{formatDateTime(ev.at)}</Text>
              {ev.note && <Text className='yg-timeline__note'>{ev.note}</Text>}
              {ev.internalNote && (
                <View className='yg-timeline__internal'>
                  <Text className='yg-timeline__internal-mark'>内部备注（举报人不可见）</Text>
                  <Text className='yg-timeline__internal-text'>{ev.internalNote}</Text>
                </View>
              )}
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
