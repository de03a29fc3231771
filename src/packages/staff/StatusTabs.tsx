import { View, Text } from '@tarojs/components'
import { aria } from '@/components/a11y'
import { COMPLAINT_STATUS_LABEL, COMPLAINT_STATUSES, OPEN_STATUSES, type ComplaintStatus } from '@/domain/complaints'
import './StatusTabs.scss'

export const INBOX_PANEL_ID = 'yg-inbox-panel'

/** A count as shown: the server stops filtered counts at its cap and says so. */
export const countWords = (n: number, capped?: boolean) => (capped ? `${n}+` : String(n))

interface Props {
  value?: ComplaintStatus
  counts: Partial<Record<ComplaintStatus, number>>
  countsCapped?: ComplaintStatus[]
  onPick: (s?: ComplaintStatus) => void
}

/**
 * 全部待办 (the open tickets, the server's default list) first, then each status. The server counts every open
 * status and the chosen one (an absent count is none); a closed status not chosen has no count to show.
 */
export default function StatusTabs({ value, counts, countsCapped = [], onPick }: Props) {
  const counted = (s: ComplaintStatus) => OPEN_STATUSES.includes(s) || s === value
  const tabs: { key?: ComplaintStatus; label: string; count?: string }[] = [
    { label: '全部待办', count: countWords(OPEN_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0), OPEN_STATUSES.some((s) => countsCapped.includes(s))) },
    ...COMPLAINT_STATUSES.map((s) => ({ key: s, label: COMPLAINT_STATUS_LABEL[s], count: counted(s) ? countWords(counts[s] ?? 0, countsCapped.includes(s)) : undefined })),
  ]
  return (
    <View className='yg-stabs' ariaRole='tablist' ariaLabel='按办理状态查看'>
      {tabs.map((t) => {
        const on = t.key === value
        return (
          <View
            key={t.key ?? 'all'}
            className={`yg-stabs__tab${on ? ' yg-stabs__tab--on' : ''}`}
            ariaRole='tab'
            ariaLabel={t.count !== undefined ? `${t.label} ${t.count} 件` : t.label}
            {...aria({ selected: on })}
            {...{ 'aria-controls': INBOX_PANEL_ID }}
            onClick={() => onPick(t.key)}
          >
            <Text className='yg-stabs__label'>{t.label}</Text>
            {t.count !== undefined && <Text className='yg-stabs__count'>{t.count}</Text>}
          </View>
        )
      })}
    </View>
  )
}
