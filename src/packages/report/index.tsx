import { useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useUnload } from '@tarojs/taro'
import { getToken } from '@/api/session'
import { FocusedField, useFirstErrorFocus } from '@/hooks/useFirstErrorFocus'
import { useLiveState } from '@/hooks/useLiveState'
import { Button, PageFrame } from '@/components'
import { bringIntoView } from '@/utils/bringIntoView'
import { getReportDraft } from '@/utils/prefill'
import { applyPrefill, emptyDraft, loadDraft, REPORT_STEPS, saveDraft, today, type EvidenceItem, type ReportFlowDraft } from '@/utils/reportDraft'
import LoginGate from '@/components/LoginGate'
import Progress from './Progress'
import SubmitBanner from './SubmitBanner'
import WhatStep from './steps/WhatStep'
import WhoStep from './steps/WhoStep'
import HappenedStep from './steps/HappenedStep'
import EvidenceStep from './steps/EvidenceStep'
import SubmitStep from './steps/SubmitStep'
import { useEvidence } from '@/hooks/useEvidence'
import { useSubmit } from './useSubmit'
import { stepOfField, validateStep, type FieldErrors } from './validate'
import './report.scss'

const LAST = REPORT_STEPS.length - 1

export default function ReportFlowPage() {
  const [authed, setAuthed] = useState(() => !!getToken())
  // Handlers read getDraft(): what the person has done, even before the screen has caught up (see useLiveState).
  const [draft, update, getDraft] = useLiveState<ReportFlowDraft>(() => loadDraft() ?? applyPrefill(emptyDraft(), getReportDraft()))
  const [errors, setErrors] = useState<FieldErrors>({})
  const done = useRef(false)

  // Every change is written within a moment; hiding or leaving the page writes at once.
  useEffect(() => {
    if (done.current) return
    const timer = setTimeout(() => !done.current && saveDraft(draft), 250)
    return () => clearTimeout(timer)
  }, [draft])
  const flush = () => !done.current && saveDraft(getDraft())
  useDidHide(flush)
  useUnload(flush)
  // 我的 may have switched or dropped the account meanwhile.
  useDidShow(() => setAuthed(!!getToken()))

  const set = (patch: Partial<ReportFlowDraft> | ((d: ReportFlowDraft) => Partial<ReportFlowDraft>)) =>
    update((d) => ({ ...d, ...(typeof patch === 'function' ? patch(d) : patch) }))

  // Red words go as soon as their field is put right; no new ones appear until the next 下一步 or 提交.
  const before = useRef(draft)
  useEffect(() => {
    const prev = before.current
    before.current = draft
    if (!Object.keys(errors).length || prev.step !== draft.step) return
    const now = validateStep(draft, draft.step, today())
    const kept = Object.fromEntries(Object.entries(errors).filter(([k]) => stepOfField(k) !== draft.step || k in now).map(([k, v]) => [k, now[k] ?? v]))
    if (Object.keys(kept).length !== Object.keys(errors).length) setErrors(kept)
  }, [draft])

  const controls = useEvidence(
    draft.evidence,
    (fn: (items: EvidenceItem[]) => EvidenceItem[]) => update((d) => ({ ...d, evidence: fn(d.evidence) })),
    () => setAuthed(false),
  )

  function goTo(step: number) {
    // A field met again later is not focused again by itself.
    release()
    update((d) => ({ ...d, step }))
    Taro.pageScrollTo({ scrollTop: 0, duration: 0 })?.catch?.(() => undefined)
  }

  // The first field in the wrong (on the step shown) comes into view with the focus, not only its red words.
  const { focused, reveal, release } = useFirstErrorFocus()
  function showErrors(found: FieldErrors, step: number) {
    setErrors(found)
    if (step !== getDraft().step) goTo(step)
    reveal(Object.keys(found).filter((k) => stepOfField(k) === step))
  }

  const { state, submit } = useSubmit({
    getDraft,
    setDraft: update,
    onInvalid: showErrors,
    onLoginNeeded: () => setAuthed(false),
    onSubmitted: () => {
      done.current = true
    },
  })

  // A failed submit is said right above the button: bring the words into view if they are not (the delay lets the
  // mini-program's view layer draw the banner before it is measured).
  useEffect(() => {
    if (state.kind !== 'offline' && state.kind !== 'failed') return
    const timer = setTimeout(() => bringIntoView('.yg-rf__banner'), 50)
    return () => clearTimeout(timer)
  }, [state])

  function next() {
    const d = getDraft()
    const found = validateStep(d, d.step, today())
    if (Object.keys(found).length) {
      showErrors(found, d.step)
      return
    }
    setErrors({})
    goTo(Math.min(LAST, d.step + 1))
  }

  function back() {
    setErrors({})
    const { step } = getDraft()
    if (step === 0) Taro.navigateBack().catch(() => undefined)
    else goTo(step - 1)
  }

  const props = { draft, set, errors }
  return (
    <PageFrame className='yg-rf'>
      <Progress step={draft.step} onGo={goTo} />
      {!authed ? (
        <LoginGate why='登录后即可举报；您已经填写的内容会保留。' onDone={() => setAuthed(true)} />
      ) : (
        <FocusedField.Provider value={focused}>
          <View className='yg-rf__body'>
            {draft.step === 0 && <WhatStep {...props} />}
            {draft.step === 1 && <WhoStep {...props} />}
            {draft.step === 2 && <HappenedStep {...props} />}
            {draft.step === 3 && <EvidenceStep {...props} controls={controls} />}
            {draft.step === 4 && <SubmitStep {...props} goTo={goTo} />}

            {draft.step === LAST && <SubmitBanner state={state} onRetry={() => void submit()} onFresh={() => void submit({ fresh: true })} />}
            <View className='yg-rf__nav'>
              <View className='yg-rf__nav-back'>
                <Button variant='plain' onClick={back}>
                  {draft.step === 0 ? '稍后再填' : '上一步'}
                </Button>
              </View>
              <View className='yg-rf__nav-next'>
                {draft.step < LAST ? (
                  <Button onClick={next}>下一步</Button>
                ) : (
                  <Button loading={state.kind === 'sending'} disabled={state.kind === 'sending'} onClick={() => void submit()}>
                    {state.kind === 'sending' ? '正在提交' : '提交举报'}
                  </Button>
                )}
              </View>
            </View>
            <Text className='yg-rf__saved'>草稿保存在本机，关闭小程序后再打开也能继续。</Text>
          </View>
        </FocusedField.Provider>
      )}
    </PageFrame>
  )
}
