import { View, Text } from '@tarojs/components'
import { DEPARTMENT_LABEL, DISTRICT_LABEL } from '@/domain/catalog'
import type { HandlingFigures, StaffStats } from '@/domain/staff'
import Table from './Table'

const COLUMNS = [
  { label: '部门' },
  { label: '区' },
  { label: '收到', numeric: true },
  { label: '按时受理', numeric: true },
  { label: '按时答复', numeric: true },
  { label: '超期未办', numeric: true },
  { label: '答复用时中位数', numeric: true },
]

/** "12（80%）": a count with its share of what was received. */
function share(n: number, of: number): string {
  return of > 0 ? `${n}（${Math.round((n / of) * 100)}%）` : String(n)
}

function figures(f: HandlingFigures): string[] {
  return [String(f.received), share(f.acceptedOnTime, f.received), share(f.repliedOnTime, f.replied), String(f.overdue), f.medianReplyDays === null ? '—' : `${f.medianReplyDays} 个工作日`]
}

/** One row per department and district (city level when the district is empty), and the total. */
export default function StatsTable({ stats }: { stats: StaffStats }) {
  return (
    <View>
      <Text className='yg-manage__note'>
        {stats.from} 至 {stats.to}。按时答复的比例按已答复的件数计算。
      </Text>
      <Table
        caption={`近 ${stats.days} 天办理统计`}
        columns={COLUMNS}
        rows={[
          ...stats.rows.map((r) => ({
            key: `${r.department}-${r.district ?? 'city'}`,
            cells: [DEPARTMENT_LABEL[r.department], r.district ? DISTRICT_LABEL[r.district] : '市级', ...figures(r)],
          })),
          { key: 'total', strong: true, cells: ['合计', '', ...figures(stats.total)] },
        ]}
      />
    </View>
  )
}
