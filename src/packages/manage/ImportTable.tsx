import { View, Text } from '@tarojs/components'
import { StatusBadge } from '@/components'
import { STATUS_LABEL } from '@/domain/catalog'
import type { ImportPreviewRow, ImportSummary } from '@/domain/staffRecords'
import Table from './Table'

const CHANGE_WORDS = { new: '新增', update: '更新信息', status: '状态变更', same: '无变化' } as const

/** The summary line of an import: how many of each kind of change. */
export function summaryWords(s: ImportSummary): string {
  return `新增 ${s.created} 家 · 更新 ${s.updated} 家 · 状态变更 ${s.statusChanged} 家 · 无变化 ${s.unchanged} 家`
}

/** Row by row, what the list would change; a status change says from → to in words and badges. */
export default function ImportTable({ rows, summary }: { rows: ImportPreviewRow[]; summary: ImportSummary }) {
  return (
    <View>
      <Text className='yg-manage__note'>{summaryWords(summary)}</Text>
      <Table
        caption='导入预览：每一行将发生的变化'
        columns={[{ label: '行', numeric: true }, { label: '机构名称', wrap: true }, { label: '统一社会信用代码' }, { label: '变化' }, { label: '导入后状态' }]}
        rows={rows.map((r) => ({
          key: String(r.row),
          cells: [
            String(r.row),
            r.name,
            r.uscc,
            r.change === 'status' && r.from ? `${CHANGE_WORDS.status}：${STATUS_LABEL[r.from]} → ${STATUS_LABEL[r.to]}` : CHANGE_WORDS[r.change],
            <StatusBadge key='to' status={r.to} />,
          ],
        }))}
      />
    </View>
  )
}
