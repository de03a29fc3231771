import { useCallback, useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import * as content from '@/api/content'
import type { ClientError } from '@/api/transport'
import { CATEGORIES, CATEGORY_LABEL, DISTRICTS, DISTRICT_LABEL } from '@/domain/catalog'
import { VIOLATION_LABEL, VIOLATION_TYPES, type OpenFigures } from '@/domain/content'
import { ErrorState, Loading, PageFrame, Section } from '@/components'
import BarChart from '@/components/BarChart'
import { formatDate } from '@/utils/format'
import StatsVisits from './statsVisits'
import './read.scss'

type State = { kind: 'loading' } | { kind: 'ready'; figures: OpenFigures } | { kind: 'error'; error: ClientError }

export default function StatsPage() {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const load = useCallback(() => {
    setState({ kind: 'loading' })
    content.stats().then((res) => setState(res.ok ? { kind: 'ready', figures: res.data } : { kind: 'error', error: res.error }))
  }, [])
  useEffect(load, [load])

  return (
    <PageFrame className='yg-read'>
      {state.kind === 'loading' && <Loading block />}
      {state.kind === 'error' && <ErrorState error={state.error} onRetry={load} />}
      {state.kind === 'ready' && <Figures figures={state.figures} />}
    </PageFrame>
  )
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)

function Figures({ figures: f }: { figures: OpenFigures }) {
  const approved = sum(CATEGORIES.map((c) => f.approvedByCategory[c] ?? 0))
  const cases = sum(VIOLATION_TYPES.map((t) => f.casesByType[t] ?? 0))
  // Types with no case are left out, most common first: the chart answers "what goes wrong most".
  const byType = VIOLATION_TYPES.map((t) => ({ label: VIOLATION_LABEL[t], value: f.casesByType[t] ?? 0 }))
    .filter((b) => b.value > 0)
    .sort((a, b) => b.value - a.value)
  const noCases = VIOLATION_TYPES.filter((t) => !f.casesByType[t]).map((t) => VIOLATION_LABEL[t])
  return (
    <View>
      <View className='yg-stats__head'>
        <Text className='yg-stats__lead'>各主管部门公布的白名单和违规案例，本程序收到的举报的办理情况，以及监督员的巡查次数。</Text>
        <Text className='yg-stats__asof'>数据截至 {formatDate(f.asOf)}</Text>
      </View>

      <View className='yg-stats__tiles'>
        <Tile value={approved} unit='家' label='白名单机构' />
        <Tile value={f.batches.length} unit='批' label='已公布白名单' />
        <Tile value={cases} unit='条' label='公开违规案例' />
      </View>

      <Section title='白名单机构 · 按类别'>
        <BarChart title='按培训类别统计的白名单机构数' unit='家' layout='inline' bars={CATEGORIES.map((c) => ({ label: CATEGORY_LABEL[c], value: f.approvedByCategory[c] ?? 0 }))} />
      </Section>

      <Section title='白名单机构 · 按区'>
        <BarChart title='按区统计的白名单机构数' unit='家' layout='inline' bars={DISTRICTS.map((d) => ({ label: DISTRICT_LABEL[d], value: f.approvedByDistrict[d] ?? 0 }))} />
      </Section>

      <Section title='白名单公布批次'>
        {f.batches.length === 0 ? (
          <Text className='yg-stats__empty'>暂未公布白名单批次</Text>
        ) : (
          <BarChart
            title='每批白名单新增机构数'
            unit='家'
            bars={[...f.batches].sort((a, b) => a.no - b.no).map((b) => ({ label: `第${b.no}批`, note: `${formatDate(b.date)} 公布`, value: b.count }))}
          />
        )}
      </Section>

      <Section title='违规案例 · 按类型'>
        {byType.length === 0 ? <Text className='yg-stats__empty'>暂无公开的违规案例</Text> : <BarChart title='按违规类型统计的案例数' unit='条' bars={byType} />}
        {byType.length > 0 && noCases.length > 0 && <Text className='yg-stats__note'>暂无公开案例的类型：{noCases.join('；')}</Text>}
      </Section>

      <Section title='违规案例 · 按月份'>
        {f.casesByMonth.length === 0 ? (
          <Text className='yg-stats__empty'>暂无公开的违规案例</Text>
        ) : (
          <BarChart
            title='每月公布的案例数'
            unit='条'
            layout='inline'
            bars={[...f.casesByMonth].sort((a, b) => a.month.localeCompare(b.month)).map((m) => ({ label: monthLabel(m.month), value: m.count }))}
          />
        )}
      </Section>

      <Complaints complaints={f.complaints} />

      <StatsVisits months={f.visitsByMonth} />
    </View>
  )
}

/** 2024-03 → 2024年3月 */
function monthLabel(month: string): string {
  const [y, m] = month.split('-')
  return y && m ? `${y}年${Number(m)}月` : month
}

function Tile({ value, unit, label }: { value: number | string; unit?: string; label: string }) {
  return (
    <View className='yg-stats__tile' ariaLabel={`${label}：${value}${unit ?? ''}`}>
      <View className='yg-stats__tile-figure'>
        <Text className='yg-stats__tile-value'>{typeof value === 'number' ? value.toLocaleString('zh-CN') : value}</Text>
        {unit && <Text className='yg-stats__tile-unit'>{unit}</Text>}
      </View>
      <Text className='yg-stats__tile-label'>{label}</Text>
    </View>
  )
}

function Complaints({ complaints: c }: { complaints: OpenFigures['complaints'] }) {
  const rate = c.received > 0 ? `${Math.round((c.repliedOnTime / c.received) * 100)}%` : '—'
  return (
    <Section title='举报办理'>
      <View className='yg-stats__tiles yg-stats__tiles--inner'>
        <Tile value={c.received} unit='件' label='收到举报' />
        <Tile value={c.repliedOnTime} unit='件' label='按时答复' />
        <Tile value={c.medianDaysToReply ?? '—'} unit={c.medianDaysToReply !== null ? '个工作日' : undefined} label='答复用时（中位数）' />
      </View>
      {c.received === 0 ? (
        <Text className='yg-stats__note'>目前还没有收到举报，收到后在这里统计。</Text>
      ) : (
        <Text className='yg-stats__note'>按时答复率 {rate}。</Text>
      )}
    </Section>
  )
}
