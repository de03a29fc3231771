// What each step form asks for, read from the server's own schema (TransitionSchema in src/domain/staff.ts): the
// length limits shown by the counters and the check run before sending are the server's, never a copy of them.
import * as v from 'valibot'
import { TransitionSchema, type StaffStep, type TransitionInput } from '@/domain/staff'

export type TextKey = 'reason' | 'question' | 'reply' | 'note'

type AnySchema = { type: string; wrapped?: AnySchema; pipe?: { type: string; requirement?: unknown }[]; literal?: unknown }
type Variant = { entries: Record<string, AnySchema> }

const VARIANTS = (TransitionSchema as unknown as { options: Variant[] }).options

function entriesOf(step: StaffStep): Record<string, AnySchema> {
  const found = VARIANTS.find((o) => o.entries.step.literal === step)
  if (!found) throw new Error(`TransitionSchema has no step ${step}`)
  return found.entries
}

/** The limits of a text field of a step: `required` false for an optional one (min 0 then). */
export function textRule(step: StaffStep, key: TextKey): { required: boolean; min: number; max: number } | null {
  const schema = entriesOf(step)[key]
  if (!schema) return null
  const required = schema.type !== 'optional'
  const pipe = (required ? schema : schema.wrapped)?.pipe ?? []
  const req = (type: string) => pipe.find((p) => p.type === type)?.requirement as number | undefined
  return { required, min: required ? req('min_length') ?? 1 : 0, max: req('max_length') ?? 1000 }
}

/** Whether the step has this field at all. */
export const stepHas = (step: StaffStep, key: string): boolean => key in entriesOf(step)

/**
 * Checks a step's input with the schema: field → first Chinese message, in the order the form shows them. An empty
 * required text asks for it (请填写…) rather than for more words.
 */
export function checkStep(input: Record<string, unknown>, order: string[], labels: Record<string, string>): { ok: true; input: TransitionInput } | { ok: false; fields: Record<string, string> } {
  const result = v.safeParse(TransitionSchema, input, { abortPipeEarly: true })
  if (result.success) return { ok: true, input: result.output }
  const found: Record<string, string> = {}
  for (const issue of result.issues) {
    const key = String(issue.path?.[0]?.key ?? '_')
    if (found[key]) continue
    const value = input[key]
    found[key] = typeof value === 'string' && value.trim() === '' && labels[key] ? `请填写${labels[key]}` : issue.message
  }
  const fields: Record<string, string> = {}
  for (const key of [...order, ...Object.keys(found)]) if (found[key] && !fields[key]) fields[key] = found[key]
  return { ok: false, fields }
}
