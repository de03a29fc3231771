import * as v from 'valibot'
import { AppError } from '../../src/domain/errors'

/** Parses input with a schema; every problem becomes invalid_input naming its field, in Chinese. */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true })
  if (result.success) return result.output
  // No prototype: a field named "__proto__" or "constructor" is a field like any other.
  const fields: Record<string, string> = Object.create(null)
  for (const issue of result.issues) {
    const field = fieldOf(issue)
    if (fields[field]) continue
    if (isMissingKey(issue)) fields[field] = missingMessage(schema, input, issue) ?? `缺少参数：${field}`
    // An unknown key is named in the message too, so a person can see which one.
    else fields[field] = isUnknownKey(issue) ? `${issue.message}：${field}` : issue.message
  }
  throw new AppError('invalid_input', Object.values(fields)[0] ?? '输入有误', { ...fields })
}

const fieldOf = (issue: v.BaseIssue<unknown>) => issue.path?.map((p) => String(p.key)).join('.') || '_'

// valibot reports both a missing required key and an unknown key as an object issue with the object's own message
// ("不支持的参数"); the two differ in what was expected: the key's name, or `never`.
const isObjectIssue = (issue: v.BaseIssue<unknown>) => (issue.type === 'strict_object' || issue.type === 'object' || issue.type === 'loose_object') && issue.path?.at(-1)?.origin === 'key'
const isUnknownKey = (issue: v.BaseIssue<unknown>) => isObjectIssue(issue) && issue.expected === 'never'
const isMissingKey = (issue: v.BaseIssue<unknown>) => isObjectIssue(issue) && issue.expected !== 'never' && issue.received === 'undefined'

/**
 * What the field's own schema says when it gets nothing: the same input with the key present and undefined is
 * parsed again, so the message is the field's ("缺少机构编号", "请填写问题描述"), never the object's.
 */
function missingMessage(schema: v.GenericSchema, input: unknown, issue: v.BaseIssue<unknown>): string | undefined {
  const keys = issue.path!.map((p) => p.key)
  if (!keys.every((k) => typeof k === 'string')) return undefined
  const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) }
  let at = copy
  for (const k of keys.slice(0, -1) as string[]) {
    const next = at[k]
    if (typeof next !== 'object' || next === null || Array.isArray(next)) return undefined
    at = at[k] = { ...(next as Record<string, unknown>) }
  }
  at[keys.at(-1) as string] = undefined
  const again = v.safeParse(schema, copy, { abortPipeEarly: true })
  const field = fieldOf(issue)
  const own = again.issues?.find((i) => fieldOf(i) === field && !isObjectIssue(i))
  return own?.message
}

// ---------------------------------------------------------------------------------------------
// Text at the boundary

/** C0 control characters other than tab, line feed and carriage return; PostgreSQL refuses U+0000 outright. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/
/** A high surrogate not followed by a low one, or a low one not preceded by a high one: not text at all (22P05). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

export const BAD_TEXT_MESSAGE = '不能包含控制字符或无效字符'
export const BAD_KEY_MESSAGE = '参数名不能包含控制字符或无效字符'
/** Deeper than any input of the API (complaints.submit: event → contact → name is 2). */
export const MAX_INPUT_DEPTH = 16

export const isBadText = (s: string): boolean => CONTROL.test(s) || LONE_SURROGATE.test(s)

/**
 * Every string and every key of an event, at any depth, before any function sees it: NUL and other control
 * characters, unpaired surrogates and absurd nesting are refused with invalid_input naming the field, so none of
 * them can reach a query, a log line or a jsonb column. Iterative, so no nesting can overflow the stack.
 */
export function refuseBadInput(event: unknown): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: event, path: '', depth: 0 }]
  while (stack.length) {
    const { value, path, depth } = stack.pop()!
    if (typeof value === 'string') {
      if (isBadText(value)) throw new AppError('invalid_input', `输入内容${BAD_TEXT_MESSAGE}`, { [path || '_']: BAD_TEXT_MESSAGE })
      continue
    }
    if (typeof value !== 'object' || value === null) continue
    if (depth >= MAX_INPUT_DEPTH) throw new AppError('invalid_input', '请求嵌套层级过深', { [path || '_']: '嵌套层级过深' })
    const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item] as const) : Object.entries(value)
    for (const [key, item] of entries) {
      if (isBadText(key)) throw new AppError('invalid_input', BAD_KEY_MESSAGE, { [path || '_']: BAD_KEY_MESSAGE })
      stack.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1 })
    }
  }
}
