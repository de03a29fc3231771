// Form fields: label above, the reason for asking under it, a tall control, the error in red words below. Shared by
// the report flow, a ticket's actions and the workbench (subpackages cannot import each other, so they live here).
// `field` is the key its error comes under (the server's `fields` path): the first one in the wrong is scrolled to and
// focused after a failed 下一步 or 提交 (useFirstErrorFocus).
import type { ReactNode } from 'react'
import { View, Text, Input, Textarea, Picker } from '@tarojs/components'
import { fieldId, useFocusedField } from '@/hooks/useFirstErrorFocus'
import { aria } from '../a11y'
import './index.scss'

export function FieldError({ message }: { message?: string }) {
  if (!message) return null
  return (
    <View className='yg-rform__error' ariaRole='alert'>
      <Text>{message}</Text>
    </View>
  )
}

export function Field({ label, hint, error, field, children }: { label: string; hint?: string; error?: string; field?: string; children: ReactNode }) {
  return (
    <View className='yg-rform__field' id={field ? fieldId(field) : undefined}>
      <Text className='yg-rform__label'>{label}</Text>
      {hint && <Text className='yg-rform__hint'>{hint}</Text>}
      {children}
      <FieldError message={error} />
    </View>
  )
}

interface TextFieldProps {
  label: string
  hint?: string
  value: string
  placeholder?: string
  type?: 'text' | 'number' | 'digit'
  maxlength?: number
  error?: string
  name?: string
  field?: string
  onInput: (value: string) => void
}

export function TextField({ label, hint, value, placeholder, type = 'text', maxlength = 100, error, name, field, onInput }: TextFieldProps) {
  const focus = useFocusedField(field)
  return (
    <Field label={label} hint={hint} error={error} field={field}>
      <Input
        focus={focus}
        className={`yg-rform__input${error ? ' yg-rform__input--error' : ''}`}
        type={type}
        name={name}
        value={value}
        maxlength={maxlength}
        placeholder={placeholder}
        placeholderClass='yg-rform__placeholder'
        ariaLabel={label}
        onInput={(e) => onInput(e.detail.value)}
      />
    </Field>
  )
}

interface AreaProps {
  label: string
  hint?: string
  value: string
  placeholder?: string
  min?: number
  max: number
  error?: string
  field?: string
  /** A lower box, for a few lines rather than a story. */
  short?: boolean
  onInput: (value: string) => void
}

/** A tall text box with a live count (and how many more are needed when there is a minimum). */
export function AreaField({ label, hint, value, placeholder, min = 0, max, error, field, short, onInput }: AreaProps) {
  const n = value.trim().length
  const counter = n < min ? `已写 ${n} 字，至少 ${min} 字` : `${n}/${max}`
  const focus = useFocusedField(field)
  return (
    <Field label={label} hint={hint} error={error} field={field}>
      <Textarea
        focus={focus}
        className={`yg-rform__area${short ? ' yg-rform__area--short' : ''}${error ? ' yg-rform__input--error' : ''}`}
        value={value}
        maxlength={max}
        placeholder={placeholder}
        placeholderClass='yg-rform__placeholder'
        autoHeight={false}
        ariaLabel={label}
        onInput={(e) => onInput(e.detail.value)}
      />
      <Text className={`yg-rform__counter${n > max ? ' yg-rform__counter--over' : ''}`}>{counter}</Text>
    </Field>
  )
}

interface ChoiceProps<T extends string> {
  label?: string
  options: { value: T; label: string; hint?: string }[]
  value: T | undefined
  error?: string
  row?: boolean
  field?: string
  onChange: (value: T) => void
}

/** Big radio rows: a ring that fills and bold words, so the choice does not rest on colour. */
export function Choice<T extends string>({ label, options, value, error, row, field, onChange }: ChoiceProps<T>) {
  return (
    <View className='yg-rform__field' id={field ? fieldId(field) : undefined} ariaRole='radiogroup' ariaLabel={label}>
      {label && <Text className='yg-rform__label'>{label}</Text>}
      <View className={`yg-rform__options${row ? ' yg-rform__options--row' : ''}`}>
        {options.map((o) => {
          const on = o.value === value
          return (
            <View
              key={o.value}
              className={`yg-rform__option${on ? ' yg-rform__option--on' : ''}`}
              ariaRole='radio'
              {...aria({ checked: on })}
              onClick={() => onChange(o.value)}
            >
              <View className='yg-rform__radio' />
              <View className='yg-rform__option-text'>
                <Text className='yg-rform__option-label'>{o.label}</Text>
                {o.hint && <Text className='yg-rform__option-hint'>{o.hint}</Text>}
              </View>
            </View>
          )
        })}
      </View>
      <FieldError message={error} />
    </View>
  )
}

interface DateProps {
  label: string
  hint?: string
  /** YYYY-MM-DD */
  value: string
  start?: string
  end?: string
  error?: string
  field?: string
  onChange: (value: string) => void
}

/** A day picked from the platform's date picker, shown as a field with 点击修改. */
export function DateField({ label, hint, value, start = '2015-01-01', end, error, field, onChange }: DateProps) {
  return (
    <Field label={label} hint={hint} error={error} field={field}>
      <Picker mode='date' value={value} start={start} end={end} onChange={(e) => onChange(String(e.detail.value))}>
        <View className={`yg-rform__input yg-rform__select${error ? ' yg-rform__input--error' : ''}`} ariaRole='button' ariaLabel={`${value || '请选择'} 点击修改，${label}`}>
          <Text>{value || '请选择'}</Text>
          <Text className='yg-rform__select-hint'>点击修改</Text>
        </View>
      </Picker>
    </Field>
  )
}
