import { View, Text } from '@tarojs/components'
import { aria } from '@/components/a11y'
import './DeskSections.scss'

export type DeskSection = 'inbox' | 'findings'
export const DESK_SECTION_PANEL_ID = 'yg-desk-section'

const LABEL: Readonly<Record<DeskSection, string>> = { inbox: '举报', findings: '巡查发现' }

/** What the desk lists: citizens' reports, or what supervisors found on their visits. A real tablist. */
export default function DeskSections({ value, onPick }: { value: DeskSection; onPick: (s: DeskSection) => void }) {
  return (
    <View className='yg-dsec' ariaRole='tablist' ariaLabel='工作台内容'>
      {(Object.keys(LABEL) as DeskSection[]).map((s) => (
        <View
          key={s}
          className={`yg-dsec__tab${s === value ? ' yg-dsec__tab--on' : ''}`}
          ariaRole='tab'
          {...aria({ selected: s === value })}
          {...{ 'aria-controls': DESK_SECTION_PANEL_ID }}
          onClick={() => onPick(s)}
        >
          <Text>{LABEL[s]}</Text>
        </View>
      ))}
    </View>
  )
}
