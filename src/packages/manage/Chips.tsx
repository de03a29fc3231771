// Choices laid out as a grid of big chips: one (radio) or several (checkbox). A chosen chip has a filled mark and bold
// words, so the choice never rests on colour alone.
import { View, Text } from '@tarojs/components'
import { FieldError } from '@/components/Fields'
import { aria } from '@/components/a11y'
import { fieldId } from '@/hooks/useFirstErrorFocus'
import './Chips.scss'

interface Option<T extends string> {
  value: T
  label: string
}

interface Common<T extends string> {
  label: string
  hint?: string
  options: readonly Option<T>[]
  /** Chips per row on a phone: 1 for long words (checklist items). */
  columns?: 1 | 2 | 3
  error?: string
  field?: string
}

type Props<T extends string> = Common<T> &
  ({ multi?: false; value: T | undefined; onChange: (value: T) => void } | { multi: true; value: readonly T[]; onChange: (value: T[]) => void })

export default function Chips<T extends string>(props: Props<T>) {
  const { label, hint, options, columns = 2, error, field } = props
  const on = (v: T) => (props.multi ? props.value.includes(v) : props.value === v)
  const tap = (v: T) => {
    if (props.multi) props.onChange(props.value.includes(v) ? props.value.filter((x) => x !== v) : [...props.value, v])
    else props.onChange(v)
  }
  return (
    <View className='yg-chips' id={field ? fieldId(field) : undefined} ariaRole={props.multi ? 'group' : 'radiogroup'} ariaLabel={label}>
      <Text className='yg-chips__label'>{label}</Text>
      {hint && <Text className='yg-chips__hint'>{hint}</Text>}
      <View className={`yg-chips__grid yg-chips__grid--${columns}`}>
        {options.map((o) => (
          <View
            key={o.value}
            className={`yg-chips__chip${on(o.value) ? ' yg-chips__chip--on' : ''}${props.multi ? ' yg-chips__chip--multi' : ''}`}
            ariaRole={props.multi ? 'checkbox' : 'radio'}
            {...aria({ checked: on(o.value) })}
            onClick={() => tap(o.value)}
          >
            <View className='yg-chips__mark' />
            <Text className='yg-chips__text'>{o.label}</Text>
          </View>
        ))}
      </View>
      <FieldError message={error} />
    </View>
  )
}
