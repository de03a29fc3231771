import { aria } from '@/components/a11y'
import { View, Text, Input } from '@tarojs/components'

interface NumberFieldProps {
  label: string
  hint?: string
  value: string
  placeholder: string
  /** Allows a decimal point (money); otherwise whole numbers. */
  digit?: boolean
  error?: string
  onInput: (value: string) => void
}

/** Label above, a tall field, the reason or hint under the label, and the error in red words right below. */
export function NumberField({ label, hint, value, placeholder, digit, error, onInput }: NumberFieldProps) {
  return (
    <View className='yg-form__field'>
      <Text className='yg-form__label'>{label}</Text>
      {hint && <Text className='yg-form__hint'>{hint}</Text>}
      <Input
        className={`yg-form__input${error ? ' yg-form__input--error' : ''}`}
        type={digit ? 'digit' : 'number'}
        value={value}
        maxlength={12}
        placeholder={placeholder}
        placeholderClass='yg-form__placeholder'
        ariaLabel={label}
        onInput={(e) => onInput(e.detail.value)}
      />
      {error && (
        <View className='yg-form__error' ariaRole='alert'>
          <Text>{error}</Text>
        </View>
      )}
    </View>
  )
}

interface ChoiceProps<T extends string> {
  label: string
  options: { value: T; label: string; hint?: string }[]
  value: T
  onChange: (value: T) => void
  /** Options side by side (short answers). */
  row?: boolean
}

/** Big radio rows: a ring that fills when chosen, plus bold words, so the choice does not rest on colour. */
export function Choice<T extends string>({ label, options, value, onChange, row }: ChoiceProps<T>) {
  return (
    <View className='yg-form__field' ariaRole='radiogroup' ariaLabel={label}>
      <Text className='yg-form__label'>{label}</Text>
      <View className={`yg-form__options${row ? ' yg-form__options--row' : ''}`}>
        {options.map((o) => {
          const on = o.value === value
          return (
            <View
              key={o.value}
              className={`yg-form__option${on ? ' yg-form__option--on' : ''}`}
              ariaRole='radio'
              {...aria({ checked: on })}
              onClick={() => onChange(o.value)}
            >
              <View className='yg-form__radio' />
              <View className='yg-form__option-text'>
                <Text className='yg-form__option-label'>{o.label}</Text>
                {o.hint && <Text className='yg-form__option-hint'>{o.hint}</Text>}
              </View>
            </View>
          )
        })}
      </View>
    </View>
  )
}
