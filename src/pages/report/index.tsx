import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_HINT, COMPLAINT_CATEGORY_LABEL, type ComplaintCategory } from '@/domain/complaints'
import { Button, PageFrame } from '@/components'
import { clearReportPrefill, getReportDraft, getReportPrefill, type ReportPrefill } from '@/utils/prefill'
import { applyPrefill, clearDraft, draftHasContent, emptyDraft, loadDraft, REPORT_STEPS, saveDraft, type ReportFlowDraft } from '@/utils/reportDraft'
import { REPORT_ROUTES } from '@/utils/routes'
import './index.scss'

const HOTLINE = '12345'

/** The tab stays small: it starts or resumes the flow (packages/report) and lists what can be reported. */
export default function ReportPage() {
  const [prefill, setPrefill] = useState<ReportPrefill | null>(null)
  const [draft, setDraft] = useState<ReportFlowDraft | null>(null)
  // The detail page and the fee checker write the prefill just before switching here: read on every show.
  useDidShow(() => {
    setPrefill(getReportPrefill())
    const d = loadDraft()
    setDraft(d && draftHasContent(d) ? d : null)
  })

  /** Lays what the opening page knew over the draft (or a new one) and opens the flow; the prefill is then used up. */
  function start(category?: ComplaintCategory) {
    let d = applyPrefill(loadDraft() ?? emptyDraft(), getReportDraft())
    if (category) d = { ...d, category, step: d.institution || (d.notListed && d.place.name) ? 2 : 1 }
    saveDraft(d)
    clearReportPrefill()
    Taro.navigateTo({ url: REPORT_ROUTES.flow })
  }

  async function discard() {
    const { confirm } = await Taro.showModal({ title: '放弃这份草稿？', content: '已填写的内容和上传的证据将被删除，不能恢复。', confirmText: '放弃', cancelText: '保留' })
    if (!confirm) return
    clearDraft()
    setDraft(null)
  }

  return (
    <PageFrame className='yg-report'>
      {prefill && (
        <View className='yg-report__target' ariaRole='status'>
          <Text className='yg-report__target-label'>将举报：</Text>
          <Text className='yg-report__target-name'>{prefill.name}</Text>
          <View
            className='yg-report__target-clear'
            ariaRole='button'
            onClick={() => {
              clearReportPrefill()
              setPrefill(null)
            }}
          >
            <Text>不举报这家</Text>
          </View>
        </View>
      )}

      {draft ? (
        <View className='yg-report__card yg-report__draft' ariaRole='region' ariaLabel='未提交的举报'>
          <Text className='yg-report__title'>您有一份未提交的举报</Text>
          <Text className='yg-report__text'>
            填到第 {draft.step + 1} 步（{REPORT_STEPS[draft.step]}）
            {draft.category ? ` · ${COMPLAINT_CATEGORY_LABEL[draft.category]}` : ''}
            {draft.institution ? ` · ${draft.institution.name}` : draft.place.name ? ` · ${draft.place.name}` : ''}
          </Text>
          {prefill && <Text className='yg-report__text'>继续填写时，机构将换成“{prefill.name}”。</Text>}
          <View className='yg-report__call'>
            <Button onClick={() => start()}>继续填写</Button>
          </View>
          <View className='yg-report__discard' ariaRole='button' onClick={() => void discard()}>
            <Text>放弃草稿</Text>
          </View>
        </View>
      ) : (
        <View className='yg-report__card'>
          <Text className='yg-report__title'>在线举报</Text>
          <Text className='yg-report__text'>五步完成：问题、机构、经过、证据、联系方式。填写内容自动保存，随时可以回来继续。举报人信息严格保密。</Text>
          <View className='yg-report__call'>
            <Button onClick={() => start()}>{prefill ? '举报这家机构' : '开始举报'}</Button>
          </View>
        </View>
      )}

      <View className='yg-report__mine' hoverClass='yg-report__row--pressed' ariaRole='link' onClick={() => Taro.navigateTo({ url: REPORT_ROUTES.mine })}>
        <Text className='yg-report__mine-text'>我的举报</Text>
        <Text className='yg-report__mine-more'>查看进度 ›</Text>
      </View>

      <Text className='yg-report__heading'>可以举报这些问题</Text>
      <View className='yg-report__list'>
        {COMPLAINT_CATEGORIES.map((c) => (
          <View key={c} className='yg-report__row' hoverClass='yg-report__row--pressed' ariaRole='button' onClick={() => start(c)}>
            <Text className='yg-report__row-label'>{COMPLAINT_CATEGORY_LABEL[c]}</Text>
            <Text className='yg-report__row-hint'>{COMPLAINT_CATEGORY_HINT[c]}</Text>
          </View>
        ))}
      </View>

      <View className='yg-report__card'>
        <Text className='yg-report__text'>不方便在线填写？拨打 12345 政务服务便民热线，说明机构名称、地址和遇到的问题，热线会转交主管部门。</Text>
        <View className='yg-report__call'>
          <Button variant='plain' onClick={() => Taro.makePhoneCall({ phoneNumber: HOTLINE }).catch(() => undefined)}>
            拨打 12345 热线
          </Button>
        </View>
      </View>
    </PageFrame>
  )
}
