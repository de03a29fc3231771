import { View, Text } from '@tarojs/components'
import { aria } from '@/components/a11y'
import { COMPLAINT_STATUS_LABEL, COMPLAINT_STATUSES, OPEN_STATUSES, type ComplaintStatus } from '@/domain/complaints'
import './StatusTabs.scss'

export const INBOX_PANEL_ID = 'yg-inbox-panel'

/** 全部待办 (the open tickets, the server's default list) first, then each status with its count (other filters applied). */
export default function StatusTabs({ value, counts, onPick }: { value?: ComplaintStatus; counts: Partial<Record<ComplaintStatus, number>>; onPick: (s?: ComplaintStatus) => void }) {
  const tabs: { key?: ComplaintStatus; label: string; count?: number }[] = [
    { label: '全部待办', count: OPEN_STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0) },
    ...COMPLAINT_STATUSES.map((s) => ({ key: s, label: COMPLAINT_STATUS_LABEL[s], count: counts[s] ?? 0 })),
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
