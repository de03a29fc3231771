// The fields of the workbench's step forms: label above, whether the reporter will read it, a tall box with a live
// count, the error in red words below (and tied to the field for screen readers). `field` is the key the error comes
// under (the server's `fields`), so a failed 确认 scrolls to and focuses the first field in the wrong.
import type { ReactNode } from 'react'
import { View, Text, Textarea, Picker } from '@tarojs/components'
import { aria } from '@/components/a11y'
import { fieldId, useFocusedField } from '@/hooks/useFirstErrorFocus'
import './StepFields.scss'

const errorId = (field: string) => `${fieldId(field)}-error`

export function FieldError({ message, field }: { message?: string; field?: string }) {
  if (!message) return null
  return (
    <View className='yg-sform__error' id={field ? errorId(field) : undefined} ariaRole='alert'>
      <Text>{message}</Text>
    </View>
  )
}

interface FieldProps {
  field: string
  label: string
  /** Who reads it: 举报人可见 / 举报人不可见, said next to the label. */
  audience?: 'public' | 'internal'
  hint?: string
  error?: string
  children: ReactNode
}

const AUDIENCE = { public: '举报人可见', internal: '举报人不可见' } as const

export function Field({ field, label, audience, hint, error, children }: FieldProps) {
  return (
    <View className='yg-sform__field' id={fieldId(field)}>
      <View className='yg-sform__label-row'>
        <Text className='yg-sform__label'>{label}</Text>
        {audience && <Text className={`yg-sform__audience yg-sform__audience--${audience}`}>{AUDIENCE[audience]}</Text>}
      </View>
      {hint && <Text className='yg-sform__hint'>{hint}</Text>}
      {children}
      <FieldError message={error} field={field} />
    </View>
  )
}

interface AreaProps extends Omit<FieldProps, 'children'> {
  value: string
  placeholder?: string
  min?: number
  max: number
  onInput: (value: string) => void
}

/** A text box with a live count (and how many more words are needed when there is a minimum). */
export function AreaField({ value, placeholder, min = 0, max, onInput, ...field }: AreaProps) {
  const n = value.trim().length
  const counter = n < min ? `已写 ${n} 字，至少 ${min} 字` : `${n}/${max}`
  const focus = useFocusedField(field.field)
  return (
    <Field {...field}>
      <Textarea
        focus={focus}
        className={`yg-sform__area${field.error ? ' yg-sform__area--error' : ''}`}
        value={value}
        maxlength={max}
        placeholder={placeholder}
        placeholderClass='yg-sform__placeholder'
        autoHeight={false}
        ariaLabel={field.label}
        {...aria({ invalid: field.error ? true : undefined, describedby: field.error ? errorId(field.field) : undefined })}
        onInput={(e) => onInput(e.detail.value)}
      />
      <Text className={`yg-sform__counter${n > max ? ' yg-sform__counter--over' : ''}`}>{counter}</Text>
    </Field>
  )
}

interface PickProps<T extends string> extends Omit<FieldProps, 'children'> {
  values: readonly T[]
  label: string
  words: (value: T) => string
  value: T | undefined
  placeholder: string
  onChange: (value: T) => void
}

/** A choice from a short list through the platform picker, shown as a tall box with the choice in words. */
export function PickField<T extends string>({ values, words, value, placeholder, onChange, ...field }: PickProps<T>) {
  const index = value !== undefined ? values.indexOf(value) : -1
  return (
    <Field {...field}>
      <Picker mode='selector' range={values.map(words)} value={Math.max(0, index)} onChange={(e) => onChange(values[Number(e.detail.value)])}>
        {/* Named by its words (the field's label, hidden, then what shows), so the name contains what a person sees. */}
        <View className={`yg-sform__select${field.error ? ' yg-sform__select--error' : ''}`} ariaRole='button'>
          <Text className='yg-visually-hidden'>{field.label}：</Text>
          <Text className={value !== undefined ? 'yg-sform__value' : 'yg-sform__placeholder'}>{value !== undefined ? words(value) : placeholder}</Text>
          <Text className='yg-sform__change'>选择</Text>
        </View>
      </Picker>
    </Field>
  )
}
