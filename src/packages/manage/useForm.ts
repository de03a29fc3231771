// A workbench form's errors: its own checks and the server's refusals land beside the same fields (the keys are the
// server's `fields` paths), the first one is scrolled to and focused, and what belongs to no field is one line.
import { useState } from 'react'
import { NETWORK_MESSAGE, type ClientError } from '@/api/transport'
import { useFirstErrorFocus } from '@/hooks/useFirstErrorFocus'
import type { FieldErrors } from './validate'

export function refusalMessage(error: ClientError): string {
  if (error.code === 'network') return NETWORK_MESSAGE
  if (error.code === 'unauthenticated') return '登录已过期，请到“我的”重新登录后再试'
  return error.message
}

export function useForm() {
  const [errors, setErrors] = useState<FieldErrors>({})
  const [problem, setProblem] = useState('')
  const { focused, reveal } = useFirstErrorFocus()

  /** True when the form may be sent; otherwise the errors are shown and the first one focused. */
  function passes(found: FieldErrors): boolean {
    setErrors(found)
    setProblem(Object.keys(found).length ? '请先改正标红的内容' : '')
    if (Object.keys(found).length) reveal(found)
    return Object.keys(found).length === 0
  }

  function refused(error: ClientError) {
    const fields = error.fields ?? {}
    setErrors(fields)
    setProblem(refusalMessage(error))
    if (Object.keys(fields).length) reveal(fields)
  }

  function clear() {
    setErrors({})
    setProblem('')
  }

  /** Brings a field into view and focuses it (a form just opened). */
  const focus = (key: string) => reveal([key])

  return { errors, problem, focused, passes, refused, clear, focus }
}
