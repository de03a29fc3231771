// The case form's state: the draft (filled in from a ticket when there is one), the preview of exactly what the
// public will see (the server's answer to preview: true), and publishing.
import { useEffect, useState } from 'react'
import * as staffAdmin from '@/api/staffAdmin'
import * as staff from '@/api/staff'
import type { Account } from '@/domain/api'
import { chinaToday } from '@/domain/chinaDate'
import type { CaseDetail } from '@/domain/content'
import type { PublishCaseInput } from '@/domain/staffRecords'
import { useForm } from './useForm'
import { caseProblems, emptyNotice, toNotice, type CaseDraft } from './validate'

export type Source = { state: 'none' } | { state: 'loading' } | { state: 'ready' } | { state: 'failed'; message: string }

export function useCaseDesk(ticketNo: string, account: Account) {
  const today = chinaToday()
  const blank = (): CaseDraft => ({ date: today, entityName: '', facts: '', outcome: '', notice: emptyNotice(today) })
  const [draft, setDraft] = useState<CaseDraft>(blank)
  const [source, setSource] = useState<Source>(ticketNo ? { state: 'loading' } : { state: 'none' })
  /** The preview and the input it was made from: a change to the draft makes it stale. */
  const [preview, setPreview] = useState<{ item: CaseDetail; of: string } | null>(null)
  const [busy, setBusy] = useState<'' | 'preview' | 'publish'>('')
  const [published, setPublished] = useState<{ id: string; item: CaseDetail } | null>(null)
  /** The reporter's name, when the ticket gave one: the public text must not carry it. */
  const [names, setNames] = useState<string[]>([])
  const form = useForm()
  const asAdmin = account.role === 'admin'

  useEffect(() => {
    if (!ticketNo) return
    staff.complaint(ticketNo).then((res) => {
      if (!res.ok) {
        setSource({ state: 'failed', message: res.error.code === 'network' ? '网络不给力，未能读取举报内容，请手动填写。' : `未能读取举报内容（${res.error.message}），请手动填写。` })
        return
      }
      const v = res.data
      setDraft((d) => ({
        ...d,
        // The operator's name and place, never the reporter's words: the facts are written for the public.
        entityName: v.institution?.name ?? v.place?.name ?? d.entityName,
        district: v.district ?? d.district,
        type: v.category,
      }))
      if (v.contact?.name) setNames([v.contact.name])
      setSource({ state: 'ready' })
    })
  }, [ticketNo])

  /** The input as it stands; district and type stay undefined until chosen (the check names them). */
  function toInput(): PublishCaseInput {
    const input = {
      date: draft.date,
      entityName: draft.entityName.trim(),
      district: draft.district,
      type: draft.type,
      facts: draft.facts.trim(),
      outcome: draft.outcome.trim(),
      notice: toNotice(draft.notice),
    } as PublishCaseInput
    if (ticketNo) input.ticketNo = ticketNo
    if (draft.institution) {
      input.institutionId = draft.institution.id
      input.category = draft.institution.category
    }
    if (asAdmin && draft.department) input.department = draft.department
    return input
  }

  async function send(asPreview: boolean) {
    const input = toInput()
    if (!form.passes(caseProblems(input, asAdmin, names))) return
    setBusy(asPreview ? 'preview' : 'publish')
    const res = await staffAdmin.publishCase({ ...input, preview: asPreview })
    setBusy('')
    if (!res.ok) {
      form.refused(res.error)
      return
    }
    form.clear()
    if ('id' in res.data) setPublished({ id: res.data.id, item: res.data.case })
    else setPreview({ item: res.data.case, of: JSON.stringify(input) })
  }

  const set = (patch: Partial<CaseDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const stale = !!preview && preview.of !== JSON.stringify(toInput())

  function again() {
    setDraft(blank())
    setPreview(null)
    setPublished(null)
    form.clear()
  }

  return { draft, set, today, asAdmin, source, preview, stale, busy, published, form, send, again }
}
