// Sending the report. The requestId is made once per draft and saved before the first send, so every retry — after a
// lost connection, a closed app, a timeout whose request did land — names the same report and yields one ticket.
import { useState } from 'react'
import Taro from '@tarojs/taro'
import * as complaints from '@/api/complaints'
import { clearReportPrefill } from '@/utils/prefill'
import { IS_WEAPP } from '@/utils/platform'
import { clearDraft, saveDraft, today, type ReportFlowDraft } from '@/utils/reportDraft'
import { REPORT_ROUTES } from '@/utils/routes'
import { newRequestId } from '@/utils/randomId'
import { schemaProblems, stepOfField, toSubmitInput, validateAll, type FieldErrors } from './validate'

export const OFFLINE_MESSAGE = '网络中断，举报尚未提交，已为您保存，可稍后重试'

export type SubmitState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'offline' }
  | { kind: 'failed'; message: string; conflict?: boolean }

function subscribeTemplates(): string[] {
  let raw = ''
  try {
    raw = process.env.TARO_APP_SUBSCRIBE_TEMPLATES || ''
  } catch {
    raw = '' // not defined at build time
  }
  return raw.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 3)
}

/** Asked at the tap on 提交 (WeChat shows the prompt only from a tap); true when any template was accepted. */
async function askSubscribe(): Promise<boolean> {
  const tmplIds = subscribeTemplates()
  if (!IS_WEAPP || tmplIds.length === 0) return false
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)) as unknown as Record<string, string>
    return tmplIds.some((id) => res[id] === 'accept')
  } catch {
    return false
  }
}

interface Hooks {
  /** The draft as the person has left it — which a re-render may not have caught up with yet. */
  getDraft: () => ReportFlowDraft
  setDraft: (fn: (d: ReportFlowDraft) => ReportFlowDraft) => void
  /** Client or server found problems: show them next to their fields, at the first step that has one. */
  onInvalid: (errors: FieldErrors, step: number) => void
  onLoginNeeded: () => void
  /** Called just before the draft is cleared, so nothing writes it back. */
  onSubmitted: () => void
}

export function useSubmit({ getDraft, setDraft, onInvalid, onLoginNeeded, onSubmitted }: Hooks) {
  const [state, setState] = useState<SubmitState>({ kind: 'idle' })

  async function submit(opts: { fresh?: boolean } = {}) {
    if (state.kind === 'sending') return
    const draft = getDraft()
    const { errors, firstStep } = validateAll(draft, today())
    if (firstStep >= 0) {
      onInvalid(errors, firstStep)
      return
    }
    const problems = schemaProblems(toSubmitInput(draft, draft.requestId ?? 'check-only-id', false))
    if (Object.keys(problems).length) {
      onInvalid(problems, Math.min(...Object.keys(problems).map(stepOfField)))
      return
    }
    // First await after the tap: the subscribe prompt must come straight from the gesture.
    const subscribe = draft.subscribe ?? (IS_WEAPP ? await askSubscribe() : false)
    const requestId = (!opts.fresh && draft.requestId) || (await newRequestId())
    const sent: ReportFlowDraft = { ...draft, requestId, subscribe }
    saveDraft(sent)
    setDraft((d) => ({ ...d, requestId, subscribe }))
    setState({ kind: 'sending' })

    const res = await complaints.submit(toSubmitInput(sent, requestId, subscribe))
    if (res.ok) {
      onSubmitted()
      clearDraft()
      clearReportPrefill()
      setState({ kind: 'idle' })
      Taro.redirectTo({ url: REPORT_ROUTES.receipt(res.data) })
      return
    }
    const { code, message, fields } = res.error
    if (code === 'network') {
      setState({ kind: 'offline' })
    } else if (code === 'invalid_input' && fields && Object.keys(fields).length) {
      setState({ kind: 'failed', message: '有几项需要修改，请按红字提示改正后再提交' })
      onInvalid(fields, Math.min(...Object.keys(fields).map(stepOfField)))
    } else if (code === 'unauthenticated') {
      setState({ kind: 'failed', message: '登录已过期，请重新登录后提交；您填写的内容都已保存' })
      onLoginNeeded()
    } else if (code === 'conflict') {
      setState({
        kind: 'failed',
        conflict: true,
        message: '这份举报之前可能已经提交成功，但内容后来改动过。请先到“我的举报”查看；确实要再报一次，可以作为新的举报提交。',
      })
    } else if (code === 'rate_limited') {
      setState({ kind: 'failed', message: message || '提交太频繁，请稍后再试；您填写的内容都已保存' })
    } else {
      setState({ kind: 'failed', message: `${message || '服务暂时不可用'}。您填写的内容都已保存，可稍后重试` })
    }
  }

  return { state, submit }
}
