// 监督员巡查 on the open figures: visits per month and district as a small table (a real one for screen readers),
// counts only. Twelve rows and six district columns fit a phone when the district names drop their 区.
import { View, Text } from '@tarojs/components'
import { Section } from '@/components'
import { DISTRICTS, DISTRICT_LABEL, type District } from '@/domain/catalog'
import type { OpenFigures } from '@/domain/content'
import './statsVisits.scss'

const short = (d: District) => DISTRICT_LABEL[d].replace(/区$/, '')

/** 2026-03 → 3月, with the year on January and on the first row so that a year's turn is never hidden. */
const monthWords = (month: string, first: boolean) => {
  const [y, m] = month.split('-')
  return first || m === '01' ? `${y}年${Number(m)}月` : `${Number(m)}月`
}

export default function StatsVisits({ months }: { months: OpenFigures['visitsByMonth'] }) {
  const total = (d: District) => months.reduce((n, m) => n + (m.byDistrict[d] ?? 0), 0)
  const all = DISTRICTS.reduce((n, d) => n + total(d), 0)
  return (
    <Section title='监督员巡查 · 按月份和区'>
      <Text className='yg-svisits__lead'>近12个月社会监督员、督学和校培专员到机构现场巡查的次数（按巡查时间计），共 {all.toLocaleString('zh-CN')} 次。</Text>
      <View className='yg-svisits' ariaRole='table' ariaLabel='近12个月每月各区巡查次数'>
        <View className='yg-svisits__row yg-svisits__row--head' ariaRole='row'>
          <View className='yg-svisits__cell yg-svisits__cell--month' ariaRole='columnheader'>
            <Text>月份</Text>
          </View>
          {DISTRICTS.map((d) => (
            <View key={d} className='yg-svisits__cell' ariaRole='columnheader' ariaLabel={DISTRICT_LABEL[d]}>
              <Text>{short(d)}</Text>
            </View>
          ))}
        </View>
        {months.map((m, i) => (
          <View key={m.month} className='yg-svisits__row' ariaRole='row'>
            <View className='yg-svisits__cell yg-svisits__cell--month' ariaRole='rowheader'>
              <Text>{monthWords(m.month, i === 0)}</Text>
            </View>
            {DISTRICTS.map((d) => (
              <View key={d} className={`yg-svisits__cell${m.byDistrict[d] ? '' : ' yg-svisits__cell--zero'}`} ariaRole='cell'>
                <Text>{m.byDistrict[d] ?? 0}</Text>
              </View>
            ))}
          </View>
        ))}
        <View className='yg-svisits__row yg-svisits__row--total' ariaRole='row'>
          <View className='yg-svisits__cell yg-svisits__cell--month' ariaRole='rowheader'>
            <Text>合计</Text>
          </View>
          {DISTRICTS.map((d) => (
            <View key={d} className='yg-svisits__cell' ariaRole='cell'>
              <Text>{total(d)}</Text>
            </View>
          ))}
        </View>
      </View>
      <Text className='yg-svisits__note'>只公开次数；巡查记录本身不公开，发现的问题经主管部门查处后以典型案例公布。</Text>
    </Section>
  )
}
