import { aria } from '@/components/a11y'
import { useState } from 'react'
import { fieldId, FocusedField, useFirstErrorFocus } from '@/hooks/useFirstErrorFocus'
import { useLiveState } from '@/hooks/useLiveState'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import * as complaints from '@/api/complaints'
import type { Result } from '@/api/transport'
import { TICKET_REASON_MAX, TICKET_REASON_MIN } from '@/domain/complaintSchemas'
import { nextComplaintStatus, OPEN_STATUSES, rateVerdict, type ComplaintView } from '@/domain/complaints'
import { Button, Section } from '@/components'
import type { EvidenceItem } from '@/utils/reportDraft'
import EvidenceList from '@/components/EvidenceList'
import { AreaField, Field, FieldError } from '@/components/Fields'
import { useEvidence } from '@/hooks/useEvidence'
import { evidenceProblem, reasonProblem } from './validate'

type Panel = 'info' | 'withdraw' | 'review' | 'rate' | null

const STAR_WORDS = ['', '很不满意', '不满意', '一般', '满意', '很满意']

interface Props {
  view: ComplaintView
  onChanged: (view: ComplaintView) => void
  onLoginNeeded: () => void
}

/** What the reporter may still do with the ticket, each opening its own short form right here. */
export default function DetailActions({ view, onChanged, onLoginNeeded }: Props) {
  const [panel, setPanel] = useState<Panel>(null)
  const open = OPEN_STATUSES.includes(view.status)
  const canWithdraw = nextComplaintStatus(view.status, 'withdraw').ok
  const canReview = nextComplaintStatus(view.status, 'review', view.reviewed).ok
  const canRate = rateVerdict(view.status, view.rating !== undefined).ok
  const actions: { key: Exclude<Panel, null>; label: string; show: boolean }[] = [
    { key: 'info', label: '补充材料', show: open },
    { key: 'review', label: '申请复核', show: canReview },
    { key: 'rate', label: '评价办理结果', show: canRate },
    { key: 'withdraw', label: '撤回举报', show: canWithdraw },
  ]
  const shown = actions.filter((a) => a.show)

  return (
    <View>
      {view.rating !== undefined && (
        <Section title='您的评价'>
          <View className='yg-cdetail__rated'>
            <Text className='yg-cdetail__rated-stars'>
              {'★'.repeat(view.rating)}
              {'☆'.repeat(5 - view.rating)}
            </Text>
            <Text>
              {' '}
              {view.rating} 星 · {STAR_WORDS[view.rating]}
            </Text>
          </View>
        </Section>
      )}
      {shown.length > 0 && (
        <Section title='您还可以'>
          {panel === null && (
            <View className='yg-cdetail__actions'>
              {shown.map((a) => (
                <Button key={a.key} variant={a.key === 'withdraw' ? 'plain' : 'secondary'} onClick={() => setPanel(a.key)}>
                  {a.label}
                </Button>
              ))}
              {!view.reviewed && !canReview && !open && <Text className='yg-cdetail__muted'>部门答复后，如对结果有异议，可以申请一次复核（请处理部门重新核查，并再次答复您）。</Text>}
            </View>
          )}
          {panel === 'info' && <InfoForm view={view} onDone={done} onCancel={() => setPanel(null)} onLoginNeeded={onLoginNeeded} />}
          {panel === 'withdraw' && (
            <ReasonForm
              label='撤回原因'
              hint='撤回后处理部门将停止办理，且不能恢复'
              placeholder='例如：机构已经退费，问题已解决'
              confirm='确认撤回'
              done='举报已撤回'
              onCancel={() => setPanel(null)}
              send={(reason) => complaints.withdraw(view.ticketNo, reason)}
              onDone={done}
              onLoginNeeded={onLoginNeeded}
            />
          )}
          {panel === 'review' && (
            <ReasonForm
              label='复核理由'
              hint='每件举报只能申请一次复核，请写明对答复哪里有异议'
              placeholder='例如：答复说已停课，但机构本周仍在上课'
              confirm='提交复核申请'
              done='复核申请已提交'
              onCancel={() => setPanel(null)}
              send={(reason) => complaints.review(view.ticketNo, reason)}
              onDone={done}
              onLoginNeeded={onLoginNeeded}
            />
          )}
          {panel === 'rate' && <RateForm view={view} onDone={done} onCancel={() => setPanel(null)} onLoginNeeded={onLoginNeeded} />}
        </Section>
      )}
    </View>
  )

  function done(next: ComplaintView, words: string) {
    setPanel(null)
    onChanged(next)
    Taro.showToast({ title: words, icon: 'none' })
  }
}

type Done = (view: ComplaintView, words: string) => void

const NOTHING_TO_ADD = '请写下补充说明，或添加照片、视频'

/**
 * Shared handling of an answer: field errors beside their field, other trouble in words under the form. The first
 * field in the wrong, found here or by the server, is scrolled to and focused (`focus.focused` goes to the fields).
 */
function useSend(onDone: Done, onLoginNeeded: () => void, words: string) {
  const focus = useFirstErrorFocus()
  const [busy, setBusy] = useState(false)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState('')
  async function run(send: () => Promise<Result<ComplaintView>>) {
    setBusy(true)
    setError('')
    setFields({})
    const res = await send()
    setBusy(false)
    if (res.ok) return onDone(res.data, words)
    if (res.error.code === 'unauthenticated') onLoginNeeded()
    if (res.error.code === 'invalid_input' && res.error.fields) {
      setFields(res.error.fields)
      focus.reveal(res.error.fields)
    } else setError(res.error.code === 'network' ? '网络中断，尚未提交，请稍后重试' : res.error.message)
  }
  return { busy, fields, error, setError, run, focus }
}

function ReasonForm(props: {
  label: string
  hint: string
  placeholder: string
  confirm: string
  /** Said after the server agreed. */
  done: string
  send: (reason: string) => Promise<Result<ComplaintView>>
  onDone: Done
  onCancel: () => void
  onLoginNeeded: () => void
}) {
  const [reason, setReason, getReason] = useLiveState('')
  const s = useSend(props.onDone, props.onLoginNeeded, props.done)
  const [local, setLocal] = useState('')
  function go() {
    const reason = getReason()
    const problem = reasonProblem(props.label, reason)
    setLocal(problem ?? '')
    if (problem) s.focus.reveal(['reason'])
    else void s.run(() => props.send(reason.trim()))
  }
  function type(text: string) {
    setReason(text)
    // A complaint about the words goes once they are long enough.
    if (local && !reasonProblem(props.label, text)) setLocal('')
  }
  return (
    <View className='yg-cdetail__panel'>
      <FocusedField.Provider value={s.focus.focused}>
        <AreaField
          field='reason'
          label={props.label}
          hint={props.hint}
          value={reason}
          min={TICKET_REASON_MIN}
          max={TICKET_REASON_MAX}
          placeholder={props.placeholder}
          error={local || s.fields.reason}
          onInput={type}
        />
      </FocusedField.Provider>
      <FieldError message={s.error} />
      <PanelButtons confirm={props.confirm} busy={s.busy} onConfirm={go} onCancel={props.onCancel} />
    </View>
  )
}

function InfoForm({ view, onDone, onCancel, onLoginNeeded }: { view: ComplaintView; onDone: Done; onCancel: () => void; onLoginNeeded: () => void }) {
  const [note, setNote, getNote] = useLiveState('')
  const [items, setItems, getItems] = useLiveState<EvidenceItem[]>([])
  const controls = useEvidence(items, (fn) => setItems(fn), onLoginNeeded)
  const s = useSend(onDone, onLoginNeeded, '补充材料已提交')
  const [local, setLocal] = useState('')
  // Once there is something to send, "nothing to send" no longer applies.
  const shown = local === NOTHING_TO_ADD && (note.trim() !== '' || items.length > 0) ? '' : local
  function go() {
    const note = getNote()
    const items = getItems()
    const files = items.filter((i) => i.status === 'done' && i.fileId).map((i) => i.fileId!)
    const problem = evidenceProblem(items)
    if (problem) {
      setLocal(problem)
      return s.focus.reveal(['evidence'])
    }
    if (!note.trim() && files.length === 0) {
      setLocal(NOTHING_TO_ADD)
      return s.focus.reveal(['note'])
    }
    setLocal('')
    void s.run(() => complaints.addInfo(view.ticketNo, { note: note.trim() || undefined, evidence: files.length ? files : undefined }))
  }
  return (
    <View className='yg-cdetail__panel'>
      <FocusedField.Provider value={s.focus.focused}>
        <AreaField field='note' label='补充说明' hint='新的情况、时间或线索' value={note} max={1000} placeholder='例如：今天又看到该机构在发传单' error={s.fields.note} onInput={setNote} />
      </FocusedField.Provider>
      <View id={fieldId('evidence')}>
        <Text className='yg-rform__label yg-cdetail__panel-label'>补充照片或视频</Text>
        <EvidenceList items={items} controls={controls} />
      </View>
      <FieldError message={shown || s.fields.evidence || s.error} />
      <PanelButtons confirm='提交补充材料' busy={s.busy} onConfirm={go} onCancel={onCancel} />
    </View>
  )
}

function RateForm({ view, onDone, onCancel, onLoginNeeded }: { view: ComplaintView; onDone: Done; onCancel: () => void; onLoginNeeded: () => void }) {
  const [rating, setRating, getRating] = useLiveState(0)
  const [comment, setComment, getComment] = useLiveState('')
  const s = useSend(onDone, onLoginNeeded, '感谢您的评价')
  const [local, setLocal] = useState('')
  function pick(n: number) {
    setRating(n)
    setLocal('')
  }
  function go() {
    const rating = getRating()
    if (!rating) {
      setLocal('请选择 1 到 5 星')
      return s.focus.reveal(['rating'])
    }
    setLocal('')
    void s.run(() => complaints.rate(view.ticketNo, rating, getComment().trim() || undefined))
  }
  return (
    <View className='yg-cdetail__panel'>
      <FocusedField.Provider value={s.focus.focused}>
        <Field label='对办理结果的评价' error={local || s.fields.rating} field='rating'>
          <View className='yg-stars' ariaRole='radiogroup' ariaLabel='评价星级'>
            {[1, 2, 3, 4, 5].map((n) => (
              <View
                key={n}
                className={`yg-stars__star${n <= rating ? ' yg-stars__star--on' : ''}`}
                ariaRole='radio'
                ariaLabel={`${n} 星，${STAR_WORDS[n]}`}
                {...aria({ checked: n === rating })}
                onClick={() => pick(n)}
              >
                <Text>{n <= rating ? '★' : '☆'}</Text>
              </View>
            ))}
          </View>
          <Text className={`yg-stars__words${rating ? '' : ' yg-stars__words--empty'}`}>{rating ? `${rating} 星 · ${STAR_WORDS[rating]}` : '点星星打分'}</Text>
        </Field>
        <AreaField field='comment' label='说说您的看法（可选）' value={comment} max={500} placeholder='例如：处理及时，机构已整改' error={s.fields.comment} onInput={setComment} />
      </FocusedField.Provider>
      <FieldError message={s.error} />
      <PanelButtons confirm='提交评价' busy={s.busy} onConfirm={go} onCancel={onCancel} />
    </View>
  )
}

function PanelButtons({ confirm, busy, onConfirm, onCancel }: { confirm: string; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <View className='yg-cdetail__panel-buttons'>
      <Button loading={busy} disabled={busy} onClick={onConfirm}>
        {confirm}
      </Button>
      <Button variant='plain' onClick={onCancel}>
        取消
      </Button>
    </View>
  )
}
