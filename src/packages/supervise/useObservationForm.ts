// The visit form's state and its one action: check on the device, keep the files, put the record in the queue, and
// start a sync. The queue, not the form, talks to the server; a refused record comes back here with the server's
// words beside its fields.
import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import * as institutions from '@/api/institutions'
import { useFirstErrorFocus } from '@/hooks/useFirstErrorFocus'
import { useLiveState } from '@/hooks/useLiveState'
import type { QueuedObservation } from '@/domain/observationQueue'
import { keepFile } from '@/utils/localFiles'
import { enqueue, queuedRecord, syncQueue } from '@/utils/observationQueue'
import { newRequestId } from '@/utils/randomId'
import { SUPERVISE_ROUTES } from '@/utils/routes'
import { draftProblems, emptyObservation, fromRecord, toRecord, type ObservationDraft } from './observationDraft'

function initial(params: Record<string, string | undefined>): { draft: ObservationDraft; refused?: QueuedObservation['error'] } {
  const queued = params.requestId ? queuedRecord(decodeURIComponent(params.requestId)) : undefined
  if (queued) return { draft: fromRecord(queued), refused: queued.error }
  const draft = emptyObservation()
  if (params.id && params.name) draft.institution = { id: decodeURIComponent(params.id), name: decodeURIComponent(params.name) }
  const lat = Number(params.lat)
  const lng = Number(params.lng)
  if (params.lat && params.lng && Number.isFinite(lat) && Number.isFinite(lng)) draft.sites = [{ lat, lng }]
  if (params.campaignId) draft.campaignId = decodeURIComponent(params.campaignId)
  return { draft }
}

export function useObservationForm() {
  const { params } = useRouter()
  const [start] = useState(() => initial(params))
  const [draft, update, getDraft] = useLiveState<ObservationDraft>(start.draft)
  const [errors, setErrors] = useState<Record<string, string>>(start.refused?.fields ?? {})
  const [formError, setFormError] = useState(start.refused ? `上次上传未成功：${start.refused.message}` : '')
  const [busy, setBusy] = useState(false)
  const focus = useFirstErrorFocus()

  const set = (patch: Partial<ObservationDraft> | ((d: ObservationDraft) => Partial<ObservationDraft>)) =>
    update((d) => ({ ...d, ...(typeof patch === 'function' ? patch(d) : patch) }))

  // Red words go as soon as their field is put right.
  useEffect(() => {
    if (!Object.keys(errors).length) return
    const now = draftProblems(draft, new Date())
    const kept = Object.fromEntries(Object.entries(errors).filter(([k]) => k in now))
    if (Object.keys(kept).length !== Object.keys(errors).length) setErrors(kept)
  }, [draft])

  // An institution picked by search: its registered sites, when the registry can be reached, for the distance.
  const pickedId = draft.institution?.id
  useEffect(() => {
    if (!pickedId || getDraft().sites) return
    void institutions.get(pickedId).then((res) => {
      if (res.ok && getDraft().institution?.id === pickedId && res.data.sites.length) set({ sites: res.data.sites.map((s) => ({ lat: s.lat, lng: s.lng })) })
    })
  }, [pickedId])

  /** `campaignId`: the campaign running now, when the record was not started from one. */
  async function submit(campaignId?: string) {
    if (busy) return
    const d = { ...getDraft(), campaignId: getDraft().campaignId ?? campaignId }
    const problems = draftProblems(d, new Date())
    setErrors(problems)
    if (Object.keys(problems).length) {
      setFormError('还有内容需要补充，见红字')
      focus.reveal(problems)
      return
    }
    setBusy(true)
    setFormError('')
    try {
      const requestId = d.requestId ?? (await newRequestId())
      let signature: QueuedObservation['signature']
      if (d.signature.kind === 'refused') signature = { refused: true }
      else if (d.signature.kind === 'drawn') {
        const same = d.signatureFile && d.signatureFile.path === d.signature.path
        signature = { refused: false, ...(same ? d.signatureFile! : await keepFile(d.signature.path, 0)) }
      }
      const placed = enqueue(toRecord(d, requestId, signature, new Date()))
      if (!placed.ok) {
        setFormError(placed.message)
        return
      }
      void syncQueue()
      Taro.showToast({ title: '已保存，正在上传', icon: 'none' })
      if (Taro.getCurrentPages().length > 1) await Taro.navigateBack()
      else await Taro.redirectTo({ url: SUPERVISE_ROUTES.home })
    } catch {
      setFormError('签名没能保存到本机，请清除后重签')
    } finally {
      setBusy(false)
    }
  }

  return { draft, set, errors, formError, busy, submit, focused: focus.focused }
}
