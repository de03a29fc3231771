// One handling step's own small form: its fields (read from the server's schema), who will read each text, the
// errors beside the fields, a confirmation before a step that cannot be taken back, and the ticket as it is after.
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import * as staff from '@/api/staff'
import { Button } from '@/components'
import { DEPARTMENT_LABEL, DEPARTMENTS, DISTRICT_LABEL, DISTRICTS, type Department, type District } from '@/domain/catalog'
import { STAFF_STEP_LABEL, type StaffComplaintView, type StaffStep } from '@/domain/staff'
import { FocusedField, useFirstErrorFocus } from '@/hooks/useFirstErrorFocus'
import { useLiveState } from '@/hooks/useLiveState'
import { AreaField, FieldError, PickField } from './StepFields'
import { checkStep, stepHas, textRule, type TextKey } from './stepRules'
import { CONFIRM, textLook } from './stepWords'
import './StepForm.scss'

type Level = District | 'city'
type Draft = Record<TextKey, string> & { department?: Department; level: Level }

const TEXT_ORDER: TextKey[] = ['question', 'reply', 'reason', 'note']

interface Props {
  view: StaffComplaintView
  step: StaffStep
  onDone: (view: StaffComplaintView, words: string) => void
  onCancel: () => void
}

export default function StepForm({ view, step, onDone, onCancel }: Props) {
  const [draft, setDraft, getDraft] = useLiveState<Draft>({ reason: '', question: '', reply: '', note: '', level: view.district ?? 'city' })
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const focus = useFirstErrorFocus()
  const texts = TEXT_ORDER.filter((k) => stepHas(step, k))
  const order = [...(step === 'transfer' ? ['department', 'district'] : []), ...texts]
  const labels = Object.fromEntries(texts.map((k) => [k, textLook(step, k).label]))

  function edit<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [key]: value }))
    // A field's complaint goes once it is edited; the others stay until the next 确认.
    const field = key === 'level' ? 'district' : key
    if (fields[field]) setFields(({ [field]: _gone, ...rest }) => rest)
  }

  async function go() {
    const d = getDraft()
    const input: Record<string, unknown> = { ticketNo: view.ticketNo, step }
    if (step === 'transfer') Object.assign(input, { department: d.department, district: d.level === 'city' ? null : d.level })
    for (const k of texts) {
      const rule = textRule(step, k)!
      // An optional field left empty is not sent; a required one is, so the schema names it.
      if (rule.required || d[k].trim()) input[k] = d[k]
    }
    const checked = checkStep(input, order, labels)
    setError('')
    if (!checked.ok) {
      setFields(checked.fields)
      return focus.reveal(checked.fields)
    }
    setFields({})
    const warning = CONFIRM[step]
    if (warning) {
      const answer = await Taro.showModal({ title: `确认${STAFF_STEP_LABEL[step]}？`, content: warning, confirmText: '确认', confirmColor: '#1F5FAF', cancelText: '再想想' }).catch(() => ({ confirm: false }))
      if (!answer.confirm) return
    }
    setBusy(true)
    const res = await staff.transition(checked.input)
    setBusy(false)
    if (res.ok) return onDone(res.data, `已${STAFF_STEP_LABEL[step]}`)
    if (res.error.code === 'invalid_input' && res.error.fields) {
      setFields(res.error.fields)
      focus.reveal(res.error.fields)
    } else setError(res.error.code === 'network' ? '网络中断，尚未提交，请稍后重试' : res.error.message)
  }

  return (
    <View className='yg-stepform' ariaRole='region' ariaLabel={`${STAFF_STEP_LABEL[step]}表单`}>
      <Text className='yg-stepform__title'>{STAFF_STEP_LABEL[step]}</Text>
      <FocusedField.Provider value={focus.focused}>
        {step === 'transfer' && (
          <>
            <PickField
              field='department'
              label='转往部门'
              values={DEPARTMENTS}
              words={(dep) => DEPARTMENT_LABEL[dep]}
              value={draft.department}
              placeholder='请选择部门'
              error={fields.department}
              onChange={(dep) => edit('department', dep)}
            />
            <PickField
              field='district'
              label='转往层级'
              hint='区级由该区的部门办理；市级由市级部门办理'
              values={['city', ...DISTRICTS] as Level[]}
              words={(l) => (l === 'city' ? '市级（全市）' : DISTRICT_LABEL[l])}
              value={draft.level}
              placeholder='请选择区或市级'
              error={fields.district}
              onChange={(l) => edit('level', l)}
            />
          </>
        )}
        {texts.map((k) => {
          const rule = textRule(step, k)!
          const look = textLook(step, k)
          return (
            <AreaField
              key={k}
              field={k}
              label={rule.required ? look.label : `${look.label}（可选）`}
              audience={look.audience}
              hint={look.hint}
              placeholder={look.placeholder}
              value={draft[k]}
              min={rule.min}
              max={rule.max}
              error={fields[k]}
              onInput={(text) => edit(k, text)}
            />
          )
        })}
      </FocusedField.Provider>
      <FieldError message={error || fields._} />
      {CONFIRM[step] && <Text className='yg-stepform__warn'>{CONFIRM[step]}</Text>}
      <View className='yg-stepform__buttons'>
        <Button loading={busy} disabled={busy} onClick={() => void go()}>
          确认{STAFF_STEP_LABEL[step]}
        </Button>
        <Button variant='plain' onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  )
}
