import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { STATUS_LABEL } from '@/domain/catalog'
import type { Institution } from '@/domain/api'
import { formatDate } from '@/utils/format'
import { verdictMeaning } from '@/utils/verdict'
import { paymentAdvice } from '@/domain/verdict'
import StatusIcon from '../StatusIcon'
import NoticeLink from '../NoticeLink'
import type { Verdict } from '../types'
import './index.scss'

interface Props {
  verdict: Verdict
  /** Big status words; defaults to the catalogue label. */
  words?: string
  name?: string
  meaning: string
  asOf?: string
  children?: ReactNode
}

/** The first screen's answer to "can I trust this one?" (UI.md "The verdict card"). */
export default function VerdictCard({ verdict, words, name, meaning, asOf, children }: Props) {
  const title = words ?? (verdict === 'not_found' ? '未查到该机构' : STATUS_LABEL[verdict])
  const { warning } = paymentAdvice(verdict)
  return (
    <View className={`yg-verdict yg-verdict--${verdict}`} ariaRole='region' ariaLabel={`核验结果：${title}`}>
      {name && <Text className='yg-verdict__name'>{name}</Text>}
      <View className='yg-verdict__head'>
        <StatusIcon kind={verdict} size='lg' />
        <Text className='yg-verdict__words'>{title}</Text>
      </View>
      <Text className='yg-verdict__meaning'>{meaning}</Text>
      {warning && (
        <View className='yg-verdict__warning' ariaRole='alert'>
          <View className='yg-verdict__warning-mark' ariaRole='presentation'>
            <Text>!</Text>
          </View>
          <Text className='yg-verdict__warning-text'>{warning}</Text>
        </View>
      )}
      {asOf && <Text className='yg-verdict__asof'>数据截至 {formatDate(asOf)}</Text>}
      {children}
    </View>
  )
}

export function InstitutionVerdict({ institution, showName = true }: { institution: Institution; showName?: boolean }) {
  return (
    <VerdictCard
      verdict={institution.status}
      name={showName ? institution.name : undefined}
      meaning={verdictMeaning(institution)}
      asOf={institution.statusAsOf}
    >
      <StatusNotice institution={institution} />
      {institution.cases.length > 0 && <CasesLine count={institution.cases.length} />}
    </VerdictCard>
  )
}

/** The notice the current status rests on: the black-list notice, the white-list batch, or the latest change's. */
function StatusNotice({ institution: inst }: { institution: Institution }) {
  const latest = [...inst.history].filter((h) => h.status === inst.status).sort((a, b) => b.at.localeCompare(a.at))[0]
  const source =
    inst.status === 'blacklisted' && inst.blacklist?.notice
      ? inst.blacklist
      : inst.status === 'approved' && inst.batch
        ? inst.batch
        : latest?.notice
          ? { notice: latest.notice, noticeId: latest.noticeId }
          : undefined
  if (!source?.noticeId) return null
  return (
    <View className='yg-verdict__notice'>
      <NoticeLink lead='依据：' title={source.notice} id={source.noticeId} />
    </View>
  )
}

/** Published cases are part of the answer: said in words with a warning mark, never by colour alone. */
function CasesLine({ count }: { count: number }) {
  return (
    <View className='yg-verdict__cases' ariaRole='note'>
      <View className='yg-verdict__cases-mark' ariaRole='presentation'>
        <Text>!</Text>
      </View>
      <Text className='yg-verdict__cases-text'>有 {count} 条公开的违规案例，见下方</Text>
    </View>
  )
}
