/**
 * ARIA states for Taro's View and Text beyond the typed `ariaRole` / `ariaLabel`: spread the result onto the component.
 * On the web Taro writes `aria-*` props straight onto the element; in the mini-program the same names reach WeChat's
 * read-aloud mode (读屏) through the template attributes added in config/plugins/weappAria.ts.
 */
export interface AriaState {
  checked?: boolean
  selected?: boolean
  disabled?: boolean
  busy?: boolean
  expanded?: boolean
  hidden?: boolean
  /** Heading level, 1–6. */
  level?: number
  /** The id of the element whose words name this one (a form label). */
  labelledby?: string
  /** The id of the element whose words describe this one (an error next to a field). */
  describedby?: string
  invalid?: boolean
  required?: boolean
  live?: 'polite' | 'assertive'
  current?: 'page' | 'step' | 'true'
}

/** Reachable by Tab on the web (a scrolling box with nothing focusable inside, for example). */
export const focusable: Record<string, string> = { tabindex: '0' }

export function aria(state: AriaState): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(state)) {
    if (value === undefined || value === null) continue
    out[`aria-${key}`] = typeof value === 'boolean' ? String(value) : String(value)
  }
  return out
}
