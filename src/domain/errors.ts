import type { ApiError, ErrorCode } from './api'

/** The one error type. Thrown anywhere; mapped to the envelope in exactly one place (cloud/functions/runtime). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'AppError'
  }

  toApiError(): ApiError {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message }
  }
}

export const invalidInput = (field: string, message: string) => new AppError('invalid_input', message, { [field]: message })
