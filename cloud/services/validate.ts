import * as v from 'valibot'
import { AppError } from '../../src/domain/errors'

/** Parses input with a schema; every problem becomes invalid_input naming its field, in Chinese. */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true })
  if (result.success) return result.output
  const fields: Record<string, string> = {}
  for (const issue of result.issues) {
    const field = issue.path?.map((p) => String(p.key)).join('.') || '_'
    // An unknown key is named in the message too, so a person can see which one.
    fields[field] ??= issue.type === 'strict_object' ? `${issue.message}：${field}` : issue.message
  }
  throw new AppError('invalid_input', Object.values(fields)[0] ?? '输入有误', fields)
}
