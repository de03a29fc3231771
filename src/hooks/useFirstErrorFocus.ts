// After a failed 下一步 or 提交, the first field in the wrong is brought into view and given the focus: a red line
// below the fold is a message nobody reads. One helper for every form (the report flow, the ticket's action forms).
//
// A field takes part by carrying `id={fieldId(key)}` on its wrapper (Fields.tsx does it for `field=`), and its
// Input/Textarea `focus={useFocusedField(key)}` — the mini-program's way to raise the keyboard.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { IS_H5 } from '@/utils/platform'
import { shownElement } from '@/utils/bringIntoView'

/** 'place.name' → 'yg-field-place-name': the wrapper's id (a selector cannot hold the dot). */
export function fieldId(key: string): string {
  return `yg-field-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`
}

/** The key of the field that should hold the focus, provided by the form around the fields. */
export const FocusedField = createContext<string | undefined>(undefined)

/** Whether this field is the one to focus now. */
export function useFocusedField(key: string | undefined): boolean {
  const focused = useContext(FocusedField)
  return !!key && focused === key
}

/**
 * `reveal(errors)` takes the form's field errors in screen order (validation writes them top to bottom) and, once
 * the red words are on screen, scrolls the first one's field into view and focuses it. Wrap the fields in
 * `<FocusedField.Provider value={focused}>`.
 */
export function useFirstErrorFocus() {
  const [focused, setFocused] = useState<string>()
  const timer = useRef<ReturnType<typeof setTimeout>>()
  useEffect(() => () => clearTimeout(timer.current), [])

  const reveal = useCallback((errors: Record<string, string> | string[], delay = 80) => {
    const first = Array.isArray(errors) ? errors[0] : Object.keys(errors)[0]
    if (!first) return
    // Off first: the mini-program focuses on a change of `focus` to true, so a second failure on the same field
    // must be a change too.
    setFocused(undefined)
    clearTimeout(timer.current)
    // The delay lets the errors (and a step changed to show them) render before anything is measured.
    timer.current = setTimeout(() => {
      setFocused(first)
      if (IS_H5) revealInDocument(fieldId(first))
      else Taro.pageScrollTo({ selector: `#${fieldId(first)}`, offsetTop: -80, duration: 200 })?.catch?.(() => undefined)
    }, delay)
  }, [])

  return { focused, reveal, release: useCallback(() => setFocused(undefined), []) }
}

/**
 * H5: Taro's pageScrollTo({selector}) measures offsetTop against the nearest positioned ancestor, not the page, and
 * would pick a same-id field on a page hidden under this one; the browser's own scrollIntoView scrolls whichever box
 * scrolls. Focus goes to the field's input or text box, else to the field itself (a choice list, a picker).
 */
function revealInDocument(id: string) {
  const el = shownElement(`#${id}`)
  if (!el) return
  el.scrollIntoView({ block: 'center' })
  const control = el.querySelector<HTMLElement>('input:not([type=hidden]), textarea')
  if (control) return control.focus({ preventScroll: true })
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1')
  el.focus({ preventScroll: true })
}
